import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderMessage, type SlackMessage } from '../../src/devkit/index.js';
import { startStack, type Stack } from './harness.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterEach(() => {
  stack.fake.faults.clear();
});
afterAll(async () => {
  await stack.close();
});

const names = { userName: (id: string) => stack.fake.directory.findUser(id)?.name };

/** Anna asks for a new group; returns the approval message that appeared in #leihs-approvals. */
async function annaAsksFor(group: string): Promise<SlackMessage> {
  const { fake } = stack;
  const sent = await fake.driver.slashCommand({ user: 'anna', text: `group create "${group}"` });
  const card = await fake.transcript.nextMessage({ since: sent.since, channel: 'C0APPROVE1', kind: 'posted', timeoutMs: 8000 });
  expect(card.visibility).toBe('in_channel');
  expect(renderMessage(card).text).toContain('[1] Approve  [2] Reject');
  return card;
}

describe('Slack rate limits', () => {
  it('a Slack 429 on chat.update is retried after Retry-After, so the approval message still updates', async () => {
    const { fake } = stack;
    const card = await annaAsksFor('Lichtlabor');
    fake.faults.add({ method: 'chat.update', retryAfterSec: 1, times: 1 });

    const click = await fake.driver.clickButton(card, 'Approve', { user: 'marco' });
    await fake.transcript.waitFor((e) => e.kind === 'replaced' && e.message === card, { since: click.since, timeoutMs: 8000 });

    const updates = fake.calls.filter((c) => c.method === 'chat.update');
    const [limited, retried] = updates.slice(-2);
    expect(limited?.status).toBe(429);
    expect(retried?.ok).toBe(true);
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(renderMessage(card, names).text).toContain('Approved by @marco.bernasconi');
  });
});
