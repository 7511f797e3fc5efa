import { describe, expect, it } from 'vitest';
import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import {
  buildApprovalMessage,
  buildGroupChangeModal,
  buildRequesterNotice,
  buildRequestsOverview,
  buildSentForApproval,
  buildUnchanged,
} from '../../src/blocks/approval.js';
import { checkMessage, checkView } from '../../src/devkit/slack-rules.js';
import { actionIds } from '../../src/listeners/ids.js';
import type { StoredRequest } from '../../src/store/store.js';

const anna = { slackUserId: 'U0ANNA0SC', email: 'anna.schmid@hdk.example', leihsUserId: 'leihs-anna' };
const marco = { slackUserId: 'U0MARCO0B', email: 'marco.bernasconi@hdk.example', leihsUserId: 'leihs-marco' };
const created = new Date('2026-12-04T09:00:00Z');
const decided = new Date('2026-12-04T14:03:00Z');

function request(overrides: Partial<StoredRequest> = {}): StoredRequest {
  return {
    id: 'R7K3QX9AM2',
    action: 'group_create',
    params: { name: 'Film Students', description: 'for the film course' },
    status: 'pending',
    requester: anna,
    requestChannel: 'C0GENERAL1',
    approvalChannel: 'C0APPROVE1',
    approvalMessageTs: '1733302800.000100',
    createdAt: created,
    expiresAt: new Date('2026-12-05T09:00:00Z'),
    updatedAt: created,
    ...overrides,
  };
}

const buttonsOf = (blocks: KnownBlock[]): Button[] =>
  blocks.filter((b): b is ActionsBlock => b.type === 'actions').flatMap((b) => b.elements as Button[]);
const textOf = (blocks: KnownBlock[]) => JSON.stringify(blocks);

describe('the approval message', () => {
  it('shows who asks, the exact change, the expiry and Approve/Reject buttons that carry only the request id', () => {
    const message = buildApprovalMessage(request());
    expect(checkMessage(message)).toBeUndefined();
    expect(message.text).toBe('<@U0ANNA0SC> asks: Create the group “Film Students”');
    expect(textOf(message.blocks)).toContain('Create the group *“Film Students”*');
    expect(textOf(message.blocks)).toContain('for the film course');
    expect(textOf(message.blocks)).toContain('<!date^1796461200^');
    expect(buttonsOf(message.blocks).map((b) => [b.action_id, b.value, b.style, b.confirm === undefined])).toEqual([
      [actionIds.approveRequest, 'R7K3QX9AM2', 'primary', true],
      [actionIds.rejectRequest, 'R7K3QX9AM2', 'danger', true],
    ]);
  });

  it('puts a danger confirm dialog with the member count on approving a delete', () => {
    const message = buildApprovalMessage(
      request({ action: 'group_delete', params: { group: { id: 'g-old', name: 'Old Group' }, memberCount: 12 } }),
    );
    expect(checkMessage(message)).toBeUndefined();
    expect(textOf(message.blocks)).toContain('12 members');
    const approve = buttonsOf(message.blocks)[0];
    expect(approve?.confirm?.style).toBe('danger');
    expect(approve?.confirm?.text.text).toContain('“Old Group” and its 12 memberships');
  });

  it('puts a confirm dialog on approving a member removal', () => {
    const message = buildApprovalMessage(
      request({ action: 'group_remove_member', params: { group: { id: 'g-film', name: 'Film MA' }, user: { id: 'leihs-jonas', name: 'Jonas Meier' } } }),
    );
    expect(buttonsOf(message.blocks)[0]?.confirm?.text.text).toBe('Jonas Meier will lose the access that “Film MA” gives in leihs.');
  });

  it('once approved: no buttons, who decided and when, and a link to the group in leihs admin', () => {
    const message = buildApprovalMessage(
      request({ status: 'approved', decider: marco, decidedAt: decided, outcome: { groupId: 'g-123' }, updatedAt: decided }),
      { leihsUrl: 'https://leihs.hdk.example' },
    );
    expect(checkMessage(message)).toBeUndefined();
    expect(buttonsOf(message.blocks)).toEqual([]);
    const text = textOf(message.blocks);
    expect(text).toContain('Approved by <@U0MARCO0B>');
    expect(text).toContain('<https://leihs.hdk.example/admin/groups/g-123|Open “Film Students” in leihs>');
  });

  it('once rejected or expired: no buttons and says so', () => {
    const rejected = buildApprovalMessage(request({ status: 'rejected', decider: marco, decidedAt: decided }));
    expect(buttonsOf(rejected.blocks)).toEqual([]);
    expect(textOf(rejected.blocks)).toContain('Rejected by <@U0MARCO0B>');
    const withdrawn = buildApprovalMessage(request({ status: 'rejected', decider: anna, decidedAt: decided }));
    expect(textOf(withdrawn.blocks)).toContain('Withdrawn by <@U0ANNA0SC>');
    const expired = buildApprovalMessage(request({ status: 'expired' }));
    expect(buttonsOf(expired.blocks)).toEqual([]);
    expect(textOf(expired.blocks)).toContain('Expired on');
  });

  it('when failed: leihs’s reason in plain words (escaped), a Retry and a Reject button', () => {
    const message = buildApprovalMessage(request({ status: 'failed', decider: marco, decidedAt: decided, reason: 'a group named “<b>” already exists.' }));
    expect(checkMessage(message)).toBeUndefined();
    expect(textOf(message.blocks)).toContain('leihs refused: a group named “&lt;b&gt;” already exists.');
    expect(buttonsOf(message.blocks).map((b) => [b.action_id, b.value])).toEqual([
      [actionIds.retryRequest, 'R7K3QX9AM2'],
      [actionIds.rejectRequest, 'R7K3QX9AM2'],
    ]);
  });

  it('escapes user-given names so they cannot ping a channel', () => {
    const message = buildApprovalMessage(request({ params: { name: '<!channel>' } }));
    expect(textOf(message.blocks)).not.toContain('<!channel>');
    expect(textOf(message.blocks)).toContain('&lt;!channel&gt;');
  });
});

describe('answers around the approval message', () => {
  it('tells a losing click who decided and when', () => {
    const answer = buildUnchanged(request({ status: 'approved', decider: marco, decidedAt: decided }));
    expect(answer.text).toBe('Already approved by <@U0MARCO0B> on <!date^1796392980^{date_short_pretty} {time}|2026-12-04 14:03 UTC>.');
  });

  it('tells the requester where the request went, with a link', () => {
    const answer = buildSentForApproval(request(), 'C0APPROVE1', 'https://hdk-demo.slack.com/archives/C0APPROVE1/p1733302800000100');
    expect(answer.text).toBe('Sent for approval in <#C0APPROVE1>: <https://hdk-demo.slack.com/archives/C0APPROVE1/p1733302800000100|see the request>.');
  });

  it('notifies the requester of a decision by someone else, not of their own withdrawal', () => {
    const approved = buildRequesterNotice(request({ status: 'approved', decider: marco, decidedAt: decided, outcome: { groupId: 'g-1' } }), {
      leihsUrl: 'https://leihs.hdk.example',
    });
    expect(approved?.text).toBe('Your request was approved by <@U0MARCO0B> and is done in leihs: Create the group “Film Students”.');
    expect(buildRequesterNotice(request({ status: 'rejected', decider: anna, decidedAt: decided }))).toBeUndefined();
  });

  it('lists open requests and recent decisions, or says there are none', () => {
    const overview = buildRequestsOverview({ open: [request()], recent: [request({ id: 'R222222222', status: 'rejected', decider: marco, decidedAt: decided })] });
    expect(checkMessage(overview)).toBeUndefined();
    const text = textOf(overview.blocks);
    expect(text).toContain('`R7K3QX9AM2` Create the group');
    expect(text).toContain(':x: `R222222222`');
    expect(textOf(buildRequestsOverview({ open: [], recent: [] }).blocks)).toContain('No open requests.');
  });

  it('names members by name only in /leihs requests (anyone can list it), by name and email for approvers', () => {
    const addAnna = request({
      action: 'group_add_member',
      params: { group: { id: 'g-film', name: 'Film MA' }, user: { id: 'leihs-anna', name: 'Anna Schmid', email: 'anna.schmid@hdk.example' } },
    });
    const overview = textOf(buildRequestsOverview({ open: [addAnna], recent: [{ ...addAnna, id: 'R222222222', status: 'approved', decider: marco, decidedAt: decided }] }).blocks);
    expect(overview).toContain('Anna Schmid');
    expect(overview).not.toContain('anna.schmid@hdk.example');
    expect(textOf(buildApprovalMessage(addAnna).blocks)).toContain('anna.schmid@hdk.example');
  });

  it('builds a modal Slack accepts', () => {
    expect(checkView(buildGroupChangeModal())).toBeUndefined();
  });
});
