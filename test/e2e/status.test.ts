import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACK_DEADLINE_MS, renderMessage } from '../../src/devkit/index.js';
import { messages } from '../../src/messages/index.js';
import { startStack, type Stack } from './harness.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterEach(() => {
  stack.sim.faults.clear();
});
afterAll(async () => {
  await stack.close();
});

const ops = messages.ops;

async function status(): Promise<{ ackMs: number; text: string }> {
  const sent = await stack.fake.driver.slashCommand({ user: 'lena', text: 'status', channel: 'leihs-ops' });
  const answer = await stack.fake.transcript.nextMessage({ since: sent.since, kind: 'replaced', timeoutMs: 8000 });
  return { ackMs: sent.delivery.ackMs, text: renderMessage(answer).text };
}

describe('story: /leihs status for ops on call', () => {
  it('names the inventory service as unhealthy when its status answers 900, acked in time', async () => {
    stack.sim.faults.add({ path: '/inventory/status', unhealthy: true });
    const { ackMs, text } = await status();
    expect(ackMs).toBeLessThan(ACK_DEADLINE_MS);
    expect(text).not.toContain(ops.overallTitle.ok);
    expect(text).toMatch(new RegExp(`\\*${ops.services.inventory}\\*: unhealthy`));
    expect(text).toMatch(new RegExp(`\\*${ops.services.admin}\\*: ${ops.serviceState.up}`));
  });

  it('says leihs is down when the admin service drops the connection', async () => {
    stack.sim.faults.add({ path: '/admin/*', reset: true });
    const { text } = await status();
    expect(text).toContain(ops.overallTitle.down);
    expect(text).toMatch(new RegExp(`\\*${ops.services.admin}\\*: unreachable`));
  });
});
