import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { buildIncidentMessage, buildRecoveryEntry, buildResolvedMessage, buildTimelineEntry, buildTokenWarning, mentionMarkup } from '../../src/blocks/alert.js';
import { buildHomeView } from '../../src/blocks/home.js';
import { renderMessage, renderView } from '../../src/devkit/render.js';
import { checkMessage, checkView } from '../../src/devkit/slack-rules.js';
import { snapshotOf } from '../../src/ops/monitor.js';
import { reportFor } from '../ops/helpers.js';

const now = new Date('2026-12-04T09:00:00Z');
const later = new Date('2026-12-04T09:42:00Z');

const card = (i: number): KnownBlock[] => [
  { type: 'section', text: { type: 'mrkdwn', text: `Request ${i}` } },
  { type: 'actions', block_id: `req_${i}`, elements: [{ type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve' }, value: `R${i}` }] },
  { type: 'context', elements: [{ type: 'mrkdwn', text: `R${i}` }] },
];

describe('App Home view', () => {
  it('stays within 100 blocks with many requests and says how many more there are', () => {
    const view = buildHomeView({
      health: snapshotOf(reportFor('ok', now)),
      deadlineMs: 3000,
      identity: { state: 'linked', name: 'Marco Bernasconi', email: 'marco.bernasconi@hdk.example' },
      approvals: Array.from({ length: 60 }, (_, i) => card(i)),
    });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(checkView(view as unknown as Record<string, unknown>)).toBeUndefined();
    const text = renderView(view as unknown as Record<string, unknown>).text;
    expect(text).toContain('Requests waiting for your decision (60)');
    expect(text).toMatch(/\d+ more: use \/leihs requests/);
    expect(renderView(view as unknown as Record<string, unknown>).controls.at(-1)?.label).toBe('Refresh');
  });

  it('says the monitor has not run yet instead of checking leihs on open', () => {
    const view = buildHomeView({ deadlineMs: 3000, identity: { state: 'unknown' }, approvals: [] });
    const text = renderView(view as unknown as Record<string, unknown>).text;
    expect(text).toContain('The health monitor has not run yet');
    expect(text).toContain('Nothing is waiting for your decision.');
  });
});

describe('alert messages', () => {
  it('an open incident says since when, what failed, and mentions on-call when down', () => {
    const message = buildIncidentMessage({ state: 'down', since: now, startedAt: now, report: reportFor('down', now), mention: 'S0ONCALL1' });
    expect(checkMessage(message)).toBeUndefined();
    expect(message.text).toBe('<!subteam^S0ONCALL1> leihs is down.');
    const text = renderMessage(message).text;
    expect(text).toContain('leihs is down since 2026-12-04 09:00 UTC');
    expect(text).toContain('unreachable: connection refused');
  });

  it('a degraded incident does not mention on-call', () => {
    const message = buildIncidentMessage({ state: 'degraded', since: later, startedAt: now, report: reportFor('degraded', later), mention: 'S0ONCALL1' });
    expect(message.text).not.toContain('subteam');
    expect(renderMessage(message).text).toContain('incident began 2026-12-04 09:00 UTC');
    expect(buildTimelineEntry('degraded', later, reportFor('degraded', later), 'S0ONCALL1').text).not.toContain('subteam');
    expect(buildTimelineEntry('down', later, reportFor('down', later), 'U0RUTH0KE').text).toContain('<@U0RUTH0KE>');
  });

  it('the resolved message and the recovery reply say how long it lasted', () => {
    expect(renderMessage(buildResolvedMessage(now, later)).text).toContain('Resolved: leihs was unwell for 42 minutes');
    expect(buildRecoveryEntry(now, later).text).toContain('recovered after 42 minutes');
  });

  it('the token warning says how long is left and whose token to renew', () => {
    const warning = buildTokenWarning({ expiresAt: new Date(now.getTime() + 3 * 86_400_000), thresholdDays: 3 }, now, 'leihs-bot@hdk.example');
    expect(warning.text).toContain('expires in 3 days');
    expect(warning.text).toContain('leihs-bot@hdk.example');
  });

  it('turns LEIHS_OPS_MENTION into a mention', () => {
    expect(mentionMarkup('S0ONCALL1')).toBe('<!subteam^S0ONCALL1>');
    expect(mentionMarkup('U0RUTH0KE')).toBe('<@U0RUTH0KE>');
    expect(mentionMarkup('<!subteam^S0ONCALL1>')).toBe('<!subteam^S0ONCALL1>');
  });
});
