/**
 * The interactive paths, whole app on loopback (HTTP mode, Slack fake, leihs simulator, SQLite):
 * who may press which button, App Home decisions, and that no token ever leaks when leihs fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMessage, renderView, type SlackMessage, type SlackView } from '../../src/devkit/index.js';
import { messages } from '../../src/messages/index.js';
import { startStack, type Stack } from './harness.js';

const OPS = 'C0OPS00001';
const APPROVALS = 'C0APPROVE1';
let stack: Stack;
beforeAll(async () => {
  // Jonas is the on-call person named in LEIHS_OPS_MENTION; he is neither leihs admin nor approver.
  stack = await startStack({ env: { LEIHS_OPS_MENTION: 'U0JONAS0M' } });
});
afterAll(async () => {
  await stack.close();
});

async function statusAnswerFor(user: string): Promise<SlackMessage> {
  const sent = await stack.fake.driver.slashCommand({ user, text: 'status' });
  return stack.fake.transcript.nextMessage({ since: sent.since, kind: 'replaced', timeoutMs: 8000 });
}

async function requestGroup(name: string): Promise<SlackMessage> {
  const sent = await stack.fake.driver.slashCommand({ user: 'anna', text: `group create "${name}"` });
  return stack.fake.transcript.nextMessage({ since: sent.since, channel: APPROVALS, kind: 'posted', timeoutMs: 8000 });
}

async function homeAfter(user: string, since: number): Promise<SlackView> {
  const event = await stack.fake.transcript.waitFor((e) => e.kind === 'home_published' && 'view' in e && e.view.user === user, { since, timeoutMs: 8000 });
  if (!('view' in event)) throw new Error('no view');
  return event.view;
}

describe('Send test alert is for ops only', () => {
  it('refuses a customer who ran /leihs status, and posts nothing in the ops channel', async () => {
    const { fake } = stack;
    const answer = await statusAnswerFor('anna');
    const before = fake.transcript.visible(OPS).length;
    const click = await fake.driver.clickButton(answer, 'Send test alert');
    const told = await fake.transcript.nextMessage({ since: click.since, visibleTo: 'U0ANNA0SC', timeoutMs: 8000 });
    expect(renderMessage(told).text).toContain(messages.ops.testAlert.notAllowed);
    expect(fake.transcript.visible(OPS)).toHaveLength(before);
  });

  it('lets the on-call person named in LEIHS_OPS_MENTION send it', async () => {
    const { fake } = stack;
    const answer = await statusAnswerFor('jonas');
    const click = await fake.driver.clickButton(answer, 'Send test alert');
    const alert = await fake.transcript.nextMessage({ since: click.since, channel: OPS, timeoutMs: 8000 });
    expect(renderMessage(alert).text).toContain('sent by @U0JONAS0M');
  });
});

describe('Approve and Reject on App Home (a view: no response_url)', () => {
  it('approving from the Home tab creates the group, updates the approval message and re-publishes the Home tab without the card', async () => {
    const { fake } = stack;
    const card = await requestGroup('Home Tab Approved');
    const opened = await fake.driver.appHomeOpened('marco');
    const home = await homeAfter('U0MARCO0B', opened.since);
    expect(renderView(home.view).text).toContain('Home Tab Approved');

    const click = await fake.driver.clickButton(home, 'Approve', { user: 'marco' });
    expect(click.delivery.status).toBe(200);
    const updated = await fake.transcript.nextMessage({ since: click.since, channel: APPROVALS, kind: 'replaced', timeoutMs: 8000 });
    expect(updated.ts).toBe(card.ts);
    expect(JSON.stringify(updated.blocks)).toContain('Approved by <@U0MARCO0B>');
    const after = await homeAfter('U0MARCO0B', click.since);
    expect(renderView(after.view).text).not.toContain('Home Tab Approved');
  });

  it('a stale Home tab card tells the clicker who decided first, on the Home tab itself', async () => {
    const { fake } = stack;
    const card = await requestGroup('Home Tab Stale');
    const opened = await fake.driver.appHomeOpened('ruth');
    const stale = await homeAfter('U0RUTH0KE', opened.since);
    const first = await fake.driver.clickButton(card, 'Reject', { user: 'marco' });
    await fake.transcript.nextMessage({ since: first.since, channel: APPROVALS, kind: 'replaced', timeoutMs: 8000 });

    const click = await fake.driver.clickButton(stale, 'Approve', { user: 'ruth' });
    const after = await homeAfter('U0RUTH0KE', click.since);
    expect(renderView(after.view).text).toContain('Already rejected by @U0MARCO0B');
  });
});

describe('no token in anything Slack, the log or the audit sees', () => {
  it('runs approvals against a failing leihs (an error body echoing the token, 403, a dropped connection) and finds neither token anywhere', async () => {
    const { fake, sim, store } = stack;
    const leihsToken = sim.tokens.admin;
    const botToken = fake.botToken;
    const callsBefore = fake.calls.length;
    const logsBefore = stack.logs.length;
    const echo = `invalid token ${leihsToken} (Authorization: Token ${leihsToken})`;
    const failures = [
      { method: 'POST', path: '/admin/groups/', status: 500, body: { message: echo }, times: 1 },
      { method: 'POST', path: '/admin/groups/', status: 403, body: echo, times: 1 },
      { method: 'POST', path: '/admin/groups/', reset: true, times: 1 },
    ];
    const cards: SlackMessage[] = [];
    for (const [i, fault] of failures.entries()) {
      const card = await requestGroup(`Token Leak Check ${i}`);
      sim.faults.add(fault);
      const click = await fake.driver.clickButton(card, 'Approve', { user: 'ruth' });
      cards.push(await fake.transcript.nextMessage({ since: click.since, channel: APPROVALS, kind: 'replaced', timeoutMs: 8000 }));
    }
    expect(cards.every((c) => JSON.stringify(c.blocks).includes('leihs refused'))).toBe(true);
    // And a click on App Home while leihs is down for the identity lookup.
    sim.faults.add({ path: '/admin/users/*', status: 500, body: echo, times: 4 });
    const opened = await fake.driver.appHomeOpened('marco');
    await homeAfter('U0MARCO0B', opened.since);
    sim.faults.clear();

    const seen = [
      JSON.stringify(fake.calls.slice(callsBefore)),
      JSON.stringify(fake.transcript.events),
      stack.logs.slice(logsBefore).join('\n'),
      JSON.stringify(await store.listAudit({ limit: 1000 })),
      JSON.stringify(await store.listRequests({ limit: 1000 })),
    ].join('\n');
    expect(seen.length).toBeGreaterThan(1000);
    expect(seen).not.toContain(leihsToken);
    expect(seen).not.toContain(botToken);
  });
});
