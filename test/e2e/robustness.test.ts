import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACK_DEADLINE_MS, renderMessage } from '../../src/devkit/index.js';
import { messages } from '../../src/messages/index.js';
import type { FaultRule } from '../../src/sim/leihs/index.js';
import { startStack, type Stack } from './harness.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { LEIHS_TIMEOUT: '1s' } });
  // Warm the pool cache so each fault hits the search itself.
  const warm = await stack.fake.driver.slashCommand({ user: 'anna', text: 'find tripod' });
  await stack.fake.transcript.nextMessage({ since: warm.since, kind: 'replaced', timeoutMs: 8000 });
});
afterEach(() => {
  stack.sim.faults.clear();
  stack.fake.faults.clear();
});
afterAll(async () => {
  await stack.close();
});

/** Runs /leihs find tripod and returns the answer that replaced "Searching…". */
async function findTripod(): Promise<{ ackMs: number; status: number; text: string }> {
  const sent = await stack.fake.driver.slashCommand({ user: 'anna', text: 'find tripod' });
  const answer = await stack.fake.transcript.nextMessage({ since: sent.since, kind: 'replaced', timeoutMs: 8000 });
  return { ackMs: sent.delivery.ackMs, status: sent.delivery.status, text: renderMessage(answer).text };
}

const words = messages.leihs;
const cases: { name: string; rule: FaultRule; expected: string }[] = [
  { name: 'slow (longer than LEIHS_TIMEOUT)', rule: { path: '/inventory/*', delayMs: 3000 }, expected: words.timeout },
  { name: 'connection reset', rule: { path: '/inventory/*', reset: true }, expected: words.network },
  { name: 'status 900 (leihs unhealthy)', rule: { path: '/inventory/*', status: 900, body: 'database down' }, expected: words.unhealthy('inventory') },
  // Pool routes only: /inventory/status still answers JSON, so this is a misbehaving leihs, not a missing service.
  { name: 'an HTML page instead of JSON', rule: { path: /^\/inventory\/[0-9a-f-]{36}\//, html: true }, expected: words.htmlInsteadOfJson },
  // Every inventory route, /inventory/status included, answers the web app: an older leihs without inventory.
  { name: 'no inventory service (HTML everywhere under /inventory)', rule: { path: '/inventory/**', html: true }, expected: words.inventoryNotDeployed },
  { name: 'malformed JSON', rule: { path: '/inventory/*', malformedJson: true }, expected: words.unexpected },
];

describe('leihs failing while someone searches', () => {
  it.each(cases)('$name: acked in time, answered with one clear sentence, and the app keeps serving', async ({ rule, expected }) => {
    stack.sim.faults.add(rule);
    const failed = await findTripod();
    expect(failed.status).toBe(200);
    expect(failed.ackMs).toBeLessThan(ACK_DEADLINE_MS);
    expect(failed.text).toContain(expected);
    expect(failed.text).not.toMatch(/<html|<!doctype|\bat \S+:\d+|Token |xoxb-/i);
    stack.sim.faults.clear();
    const recovered = await findTripod();
    expect(recovered.text).toMatch(/Tripod/);
  });
});
