/**
 * The whole app in process against the demo leihs (the simulator on loopback): every read subcommand
 * end to end, and leihs slow, down, unhealthy, without inventory, or answering HTML.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { createAppDeps } from '../../src/deps.js';
import { healthServiceFor } from '../../src/services/health.js';
import { createLeihsClient, type LeihsClient } from '../../src/leihs/client.js';
import { testConfig } from '../listeners/fakes.js';
import { appUnderTest, RESPONSE_URL, slashCommand } from './harness.js';

const simPath = new URL('../../src/sim/leihs/index.ts', import.meta.url);
const simReady = existsSync(simPath);

interface Sim {
  url: string;
  tokens: { admin: string };
  faults: { add(rule: Record<string, unknown>): string; clear(): void };
  close(): Promise<void>;
}

const suite = simReady ? describe : describe.skip;
const title = simReady ? 'the app against the leihs simulator' : 'the app against the leihs simulator (skipped: src/sim/leihs/index.ts not present yet)';

suite(title, () => {
  let sim: Sim;
  let leihs: LeihsClient;

  beforeAll(async () => {
    const mod = (await import(simPath.href)) as { startLeihsSimulator: () => Promise<Sim> };
    sim = await mod.startLeihsSimulator();
    leihs = createLeihsClient({ baseUrl: sim.url, token: sim.tokens.admin, timeouts: { connectMs: 1000, headersMs: 5000, bodyMs: 5000 }, retries: 0 });
  });
  afterAll(async () => {
    await leihs?.close();
    await sim?.close();
  });

  /** A fresh app (fresh caches) per question, so faults are seen. */
  async function ask(text: string, slackEmail?: string) {
    const config = testConfig();
    const clock = new ManualClock('2026-12-04T09:00:00Z');
    const deps = createAppDeps({ config, leihs, clock, health: healthServiceFor({ config, leihs, clock, startedAt: clock.now() }) });
    const { app, sent } = appUnderTest(deps, slackEmail ? { slackEmail } : {});
    const started = performance.now();
    const { acks, done } = slashCommand(app, text);
    for (let i = 0; i < 100 && acks.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    const ackMs = performance.now() - started;
    await done;
    const answer = sent.filter((s) => s.url === RESPONSE_URL).at(-1);
    return { ackMs, acks, text: String(answer?.body['text'] ?? ''), blocks: JSON.stringify(answer?.body['blocks'] ?? []) };
  }

  it('looks people up only for leihs admins and lending or inventory managers, as leihs does', async () => {
    const customer = await ask('users schmid');
    expect(customer.text).toMatch(/only for|is for leihs admins/i);
    expect(customer.blocks).not.toContain('@hdk.example');
    expect((await ask('user anna.schmid@hdk.example')).blocks).not.toContain('anna.schmid@hdk.example');
    expect((await ask('users schmid', 'lena.huber@hdk.example')).blocks).toContain('anna.schmid@hdk.example');
    expect((await ask('user anna.schmid@hdk.example', 'ruth.keller@hdk.example')).blocks).toContain('Anna Schmid');
  });

  it('finds tripods with stock in Fotostudio and Filmpool', async () => {
    const r = await ask('find tripod');
    expect(r.blocks).toContain('Fotostudio');
    expect(r.blocks).toContain('Filmpool');
    expect(r.blocks).toMatch(/in stock/);
  });

  it('narrows find to one pool', async () => {
    const r = await ask('find tripod in FOTO');
    expect(r.blocks).toContain('Fotostudio');
    expect(r.blocks).not.toContain('Filmpool:');
  });

  it('shows INV-10042 lent to Anna and overdue', async () => {
    const r = await ask('item INV-10042');
    expect(r.blocks).toContain('INV-10042');
    expect(r.blocks).toMatch(/Anna/);
    expect(r.blocks).toMatch(/overdue since/);
  });

  it('lists pools, a pool with managers, groups, a group, categories, people and whoami', async () => {
    expect((await ask('pools')).blocks).toContain('Werkstatt');
    expect((await ask('pool Fotostudio')).blocks).toMatch(/Managers/);
    expect((await ask('groups')).blocks).toContain('Film MA');
    expect((await ask('group "Film MA"')).blocks).toContain('Film MA');
    expect((await ask('categories')).blocks).toContain('Categories');
    expect((await ask('users anna', 'marco.bernasconi@hdk.example')).blocks).toContain('anna.schmid@hdk.example');
    const me = await ask('whoami');
    expect(me.blocks).toContain('anna.schmid@hdk.example');
    expect(me.blocks).toContain('leihs-bot@hdk.example');
  });

  const failures: [string, Record<string, unknown>][] = [
    ['leihs is slow (2 s)', { path: '/my/auth-info', delayMs: 2000, times: 1 }],
    ['leihs is unhealthy (900)', { path: '/my/auth-info', status: 900 }],
    ['inventory is not deployed (503)', { path: '/inventory/**', status: 503 }],
    ['leihs answers HTML', { path: '/my/auth-info', html: true }],
    ['leihs is down (connection reset)', { path: '**', reset: true }],
  ];
  for (const [name, rule] of failures) {
    it(`acks at once and answers in one clear sentence when ${name}`, async () => {
      sim.faults.clear();
      sim.faults.add(rule);
      try {
        const r = await ask('find tripod');
        expect(r.acks).toHaveLength(1);
        // Well under the 2 s fault: the ack did not wait for leihs (loose, for a loaded CI machine).
        expect(r.ackMs).toBeLessThan(1500);
        expect(r.text.length).toBeGreaterThan(10);
        if (name.startsWith('inventory is not deployed')) expect(r.text).toContain('no inventory service');
        expect(r.text).not.toMatch(/<html|Token |stack/i);
      } finally {
        sim.faults.clear();
      }
    });
  }
});
