import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/devkit/index.js';
import { startStack, type Stack } from './harness.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ socketMode: true });
});
afterAll(async () => {
  await stack.close();
});

describe('the app in Socket Mode', () => {
  it('connects through apps.connections.open and answers /leihs find tripod over the socket', async () => {
    const { fake } = stack;
    const sent = await fake.driver.slashCommand({ user: 'anna', text: 'find tripod' });
    expect(sent.delivery).toMatchObject({ status: 200, timedOut: false });
    const answer = await fake.transcript.nextMessage({ since: sent.since, kind: 'replaced', timeoutMs: 8000 });
    expect(renderMessage(answer).text).toMatch(/Fotostudio: \*\d+\* in stock/);
  });
});
