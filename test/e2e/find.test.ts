import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACK_DEADLINE_MS, renderMessage } from '../../src/devkit/index.js';
import { messages } from '../../src/messages/index.js';
import { startStack, type Stack } from './harness.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

describe('story: finding equipment', () => {
  it('/leihs find tripod acks with a searching note in time, then lists tripods with stock per pool', async () => {
    const { fake } = stack;
    const sent = await fake.driver.slashCommand({ user: 'anna', text: 'find tripod' });
    expect(sent.delivery.status).toBe(200);
    expect(sent.delivery.ackMs).toBeLessThan(ACK_DEADLINE_MS);
    const answer = await fake.transcript.nextMessage({ since: sent.since, kind: 'replaced', timeoutMs: 8000 });
    expect(answer.history[0]?.text).toBe(messages.commands.searching);
    expect(answer).toMatchObject({ visibility: 'ephemeral', ephemeralTo: 'U0ANNA0SC', channel: 'C0GENERAL1' });
    const text = renderMessage(answer).text;
    expect(text).toMatch(/Tripod/);
    expect(text).toMatch(/Fotostudio: \*\d+\* in stock/);
    expect(text).toMatch(/Filmpool: \*\d+\* in stock/);
  });

  it('shares an answer in the channel when its button is clicked', async () => {
    const { fake } = stack;
    const sent = await fake.driver.slashCommand({ user: 'anna', text: 'find tripod' });
    const answer = await fake.transcript.nextMessage({ since: sent.since, kind: 'replaced', timeoutMs: 8000 });
    const click = await fake.driver.clickButton(answer, 'Share in channel');
    const shared = await fake.transcript.nextMessage({ since: click.since, visibleTo: 'U0MARCO0B', timeoutMs: 8000 });
    expect(shared.visibility).toBe('in_channel');
    expect(renderMessage(shared).text).toMatch(/Tripod/);
  });
});
