import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { renderMessage, renderView, type SlackView } from '../../src/devkit/index.js';
import { createHealthMonitor } from '../../src/ops/monitor.js';
import { startStack, type Stack } from './harness.js';

const OPS = 'C0OPS00001';
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { LEIHS_OPS_MENTION: 'S0ONCALL1' } });
});
afterAll(async () => {
  await stack.close();
});

describe('story: ops on call', () => {
  it('/leihs status answers privately with every service, the token and the bot; Send test alert reaches #leihs-ops', async () => {
    const { fake } = stack;
    const sent = await fake.driver.slashCommand({ user: 'ruth', text: 'status' });
    expect(sent.delivery.status).toBe(200);
    const answer = await fake.transcript.nextMessage({ since: sent.since, kind: 'replaced', timeoutMs: 8000 });
    expect(answer).toMatchObject({ visibility: 'ephemeral', ephemeralTo: 'U0RUTH0KE' });
    const text = renderMessage(answer).text;
    expect(text).toContain('leihs is healthy');
    expect(text).toMatch(/Inventory\*: up · \d+ ms/);
    expect(text).toContain('leihs-bot@hdk.example');
    expect(text).toMatch(/HTTP · store sqlite answers · 0 pending approval requests/);

    const click = await fake.driver.clickButton(answer, 'Send test alert');
    const alert = await fake.transcript.nextMessage({ since: click.since, channel: OPS, timeoutMs: 8000 });
    expect(alert.visibility).toBe('in_channel');
    expect(renderMessage(alert).text).toContain('Test alert from leihs for Slack, sent by');
    const confirmation = await fake.transcript.nextMessage({ since: click.since, visibleTo: 'U0RUTH0KE', channel: 'C0GENERAL1', timeoutMs: 8000 });
    expect(renderMessage(confirmation).text).toContain('Test alert sent to');
  });

  it('/leihs status --verbose adds timings, and Share in channel posts it for everyone without the buttons', async () => {
    const { fake } = stack;
    const sent = await fake.driver.slashCommand({ user: 'ruth', text: 'status --verbose' });
    const answer = await fake.transcript.nextMessage({ since: sent.since, kind: 'replaced', timeoutMs: 8000 });
    expect(renderMessage(answer).text).toMatch(/Timings: Admin \d+ ms/);
    const click = await fake.driver.clickButton(answer, 'Share in channel');
    const shared = await fake.transcript.nextMessage({ since: click.since, visibleTo: 'U0ANNA0SC', timeoutMs: 8000 });
    expect(shared.visibility).toBe('in_channel');
    expect(renderMessage(shared).text).toContain('leihs is healthy');
    expect(renderMessage(shared).controls).toEqual([]);
  });

  it('the monitor posts one alert when leihs stops answering and edits it when leihs is back', async () => {
    const { fake, sim, deps, store, config, app } = stack;
    const clock = new ManualClock('2026-12-04T09:00:00Z');
    const monitor = createHealthMonitor({ health: deps.health!, store, slack: app.client, config, clock, holderId: 'e2e' });
    try {
      await monitor.tick();
      sim.faults.add({ path: '*', reset: true });
      for (let i = 0; i < 3; i++) {
        clock.advance(60_000);
        await monitor.tick();
      }
      const posted = fake.transcript.visible(OPS).filter((m) => !m.threadTs && m.text.includes('S0ONCALL1'));
      expect(posted).toHaveLength(1);
      const incident = posted[0]!;
      expect(renderMessage(incident).text).toContain('leihs is down');
      sim.faults.clear();
      for (let i = 0; i < 2; i++) {
        clock.advance(60_000);
        await monitor.tick();
      }
      const edited = fake.transcript.findMessage(OPS, incident.ts);
      expect(renderMessage(edited!).text).toContain('Resolved: leihs was unwell for 3 minutes');
      const thread = fake.transcript.visible(OPS).filter((m) => m.threadTs === incident.ts);
      expect(thread.map((m) => renderMessage(m).text).at(-1)).toContain('recovered after 3 minutes');
      const topLevel = fake.transcript.visible(OPS).filter((m) => !m.threadTs && m.via === 'chat.postMessage' && !m.text.includes('Test alert'));
      expect(topLevel.map((m) => m.ts)).toEqual([incident.ts]);
    } finally {
      sim.faults.clear();
      await monitor.stop();
    }
  });

  it('App Home shows health from the last monitor run, who you are, the requests you may decide, and Refresh re-publishes it', async () => {
    const { fake } = stack;
    const requested = await fake.driver.slashCommand({ user: 'anna', text: 'group create "Film Students"' });
    await fake.transcript.nextMessage({ since: requested.since, channel: 'C0APPROVE1', timeoutMs: 8000 });
    const opened = await fake.driver.appHomeOpened('marco');
    const home = await waitForHome(stack, 'U0MARCO0B', opened.since);
    const text = renderView(home.view).text;
    expect(text).toContain('leihs health');
    expect(text).toContain('leihs is healthy');
    expect(text).toContain('Signed in to leihs as *Marco Bernasconi*');
    expect(text).toContain('Requests waiting for your decision (1)');
    expect(text).toContain('Film Students');
    const labels = renderView(home.view).controls.map((c) => c.label);
    expect(labels).toEqual(expect.arrayContaining(['Approve', 'Reject', 'Find equipment', 'Request group change', 'Refresh']));

    const click = await fake.driver.clickButton(home, 'Refresh', { user: 'marco' });
    expect(click.delivery.status).toBe(200);
    await waitForHome(stack, 'U0MARCO0B', click.since);
  });

  it('App Home tells someone leihs does not know that the bot cannot act for them', async () => {
    const { fake } = stack;
    const opened = await fake.driver.appHomeOpened('nobody');
    const home = await waitForHome(stack, 'U0NOBODY1', opened.since);
    expect(renderView(home.view).text).toContain('nobody@elsewhere.example has no leihs account');
  });
});

async function waitForHome(s: Stack, user: string, since: number): Promise<SlackView> {
  const event = await s.fake.transcript.waitFor((e) => e.kind === 'home_published' && 'view' in e && e.view.user === user, { since, timeoutMs: 8000 });
  if (!('view' in event)) throw new Error('no view');
  return event.view;
}
