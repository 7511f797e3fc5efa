import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { renderMessage } from '../../src/devkit/render.js';
import { checkMessage } from '../../src/devkit/slack-rules.js';
import { buildStatusMessage } from '../../src/blocks/status.js';
import { createLeihsClient, type LeihsClient } from '../../src/leihs/index.js';
import { createHealthService, leihsHealthSource, type HealthReport } from '../../src/services/health.js';
import { startLeihsSimulator, type LeihsSimulator } from '../../src/sim/leihs/index.js';

const day = 86_400_000;
const clock = new ManualClock('2026-12-04T09:00:00Z');
const startedAt = new Date('2026-12-04T06:00:00Z');
let sim: LeihsSimulator;
const clients: LeihsClient[] = [];

beforeAll(async () => {
  sim = await startLeihsSimulator({ host: '127.0.0.1', port: 0, now: () => clock.now() });
});
afterAll(async () => {
  for (const c of clients) await c.close();
  await sim.close();
});

interface Setup {
  token?: string;
  baseUrl?: string;
  deadlineMs?: number;
  env?: Record<string, string>;
}

async function check(setup: Setup = {}): Promise<HealthReport> {
  sim.faults.clear();
  return checkWithFaults(setup);
}

async function checkWithFaults(setup: Setup = {}): Promise<HealthReport> {
  const client = createLeihsClient({ baseUrl: setup.baseUrl ?? sim.url, token: setup.token ?? sim.tokens.admin, retries: 0 });
  clients.push(client);
  const config = loadConfig({ ...setup.env });
  const health = createHealthService({ leihs: leihsHealthSource(client), config, clock, startedAt, deadlineMs: setup.deadlineMs ?? 2000, version: '0.1.0' });
  return health.check();
}

/** What ops read in `/leihs status`, as plain text. */
function statusText(report: HealthReport, verbose = false): string {
  const message = buildStatusMessage(report, { verbose, canSendTestAlert: true });
  expect(checkMessage(message)).toBeUndefined();
  return renderMessage(message).text;
}

describe('health checks against the leihs simulator', () => {
  it('reports a healthy leihs: every service up with its time, the token, its pools and expiry', async () => {
    const report = await check();
    expect(report.overall).toBe('ok');
    expect(report.services.map((s) => [s.service, s.state])).toEqual([
      ['admin', 'up'],
      ['inventory', 'up'],
      ['my', 'up'],
    ]);
    expect(report.token).toMatchObject({
      state: 'valid',
      user: { email: 'leihs-bot@hdk.example' },
      isAdmin: true,
      scopes: expect.arrayContaining(['admin_read', 'admin_write']),
      expirySource: 'leihs',
    });
    if (report.token.state !== 'valid') throw new Error('token should be valid');
    expect(report.token.searchablePools?.map((p) => p.name).sort()).toEqual(['Audio', 'Filmpool', 'Fotostudio', 'Werkstatt']);
    expect(report.token.poolsWithoutRole).toEqual([]);
    expect(report.token.expiresAt?.getTime()).toBe(clock.now().getTime() + 300 * day);
    const text = statusText(report);
    expect(text).toContain('leihs is healthy');
    expect(text).toContain('expires in 300 days');
    expect(text).toMatch(/Admin\*?: up · \d+ ms/);
    expect(text).toContain('version 0.1.0 · up 3 hours');
    expect(text).not.toContain('Timings');
    expect(statusText(report, true)).toMatch(/Timings: Admin \d+ ms · Inventory \d+ ms · My \(sign-in\) \d+ ms · pools \d+ ms · token list \d+ ms · total \d+ ms/);
  });

  it('reports a 900 as unhealthy with what its own health checks say (memory, database pool)', async () => {
    sim.faults.clear();
    sim.faults.add({ path: '/inventory/status', unhealthy: true });
    const report = await checkWithFaults();
    expect(report.overall).toBe('degraded');
    expect(report.services[1]).toMatchObject({ service: 'inventory', state: 'unhealthy', unhealthy: { memoryOk: false, memoryUsage: 0.97 } });
    const text = statusText(report);
    expect(text).toContain('leihs is degraded');
    expect(text).toContain('unhealthy (status 900): memory 97 % used; HikariPool-1.pool.ConnectivityCheck failing');
  });

  it('reports a service an older leihs does not have (503) as not deployed, and a missing admin as down', async () => {
    sim.faults.clear();
    sim.faults.add({ path: '/inventory/status', notDeployed: true });
    const report = await checkWithFaults();
    expect(report.services[1]).toMatchObject({ service: 'inventory', state: 'not_deployed' });
    expect(report.overall).toBe('degraded');
    expect(statusText(report)).toContain('not deployed on this leihs');
    sim.faults.add({ path: '/admin/status', notDeployed: true });
    expect((await checkWithFaults()).overall).toBe('down');
  });

  it('reports connection refused as unreachable, leihs down and the token unchecked', async () => {
    const report = await check({ baseUrl: 'http://127.0.0.1:9' });
    expect(report.overall).toBe('down');
    expect(report.services.map((s) => s.state)).toEqual(['unreachable', 'unreachable', 'unreachable']);
    expect(report.services[0]?.unreachable).toBe('refused');
    expect(report.token).toMatchObject({ state: 'unknown', why: 'unreachable' });
    const text = statusText(report);
    expect(text).toContain('leihs is down');
    expect(text).toContain('unreachable: connection refused');
  });

  it('reports a service that does not answer within the deadline as slow, without waiting for it', async () => {
    sim.faults.clear();
    // Generous numbers so a loaded CI machine cannot push the healthy checks past the deadline too;
    // the bound only proves the check did not wait for the 4 s answer.
    sim.faults.add({ path: '/admin/status', delayMs: 4000, times: 1 });
    const started = performance.now();
    const report = await checkWithFaults({ deadlineMs: 1000 });
    expect(performance.now() - started).toBeLessThan(3500);
    expect(report.services[0]).toEqual({ service: 'admin', state: 'slow', ms: 1000 });
    expect(report.overall).toBe('degraded');
    expect(statusText(report)).toContain('slow: no answer within 1 s');
  });

  it('reports an expired token as rejected: leihs is down for the bot', async () => {
    const report = await check({ token: sim.tokens.expired });
    expect(report.token.state).toBe('rejected');
    expect(report.overall).toBe('down');
    expect(statusText(report)).toContain('leihs rejects the token');
  });

  it('reports a token about to expire with the days left', async () => {
    sim.setTokenExpiry('admin', new Date(clock.now().getTime() + 2 * day + 3_600_000));
    try {
      const report = await check();
      expect(report.token.expiresAt?.getTime()).toBe(clock.now().getTime() + 2 * day + 3_600_000);
      expect(statusText(report)).toContain('expires in 2 days');
    } finally {
      sim.setTokenExpiry('admin', new Date(clock.now().getTime() + 300 * day));
    }
  });

  it('falls back to LEIHS_TOKEN_EXPIRES_AT when leihs will not list the token, and names the pools without a role', async () => {
    const report = await check({ token: sim.tokens.lendingManager, env: { LEIHS_TOKEN_EXPIRES_AT: '2027-01-03T09:00:00Z' } });
    expect(report.token).toMatchObject({ state: 'valid', isAdmin: false, expirySource: 'config' });
    if (report.token.state !== 'valid') throw new Error('token should be valid');
    expect(report.token.searchablePools?.map((p) => p.name)).toEqual(['Fotostudio']);
    expect(report.token.poolsWithoutRole?.map((p) => p.name).sort()).toEqual(['Audio', 'Filmpool', 'Werkstatt']);
    const text = statusText(report);
    expect(text).toContain('expires in 30 days');
    expect(text).toContain('from LEIHS_TOKEN_EXPIRES_AT');
    expect(text).toMatch(/No role in .*Filmpool/);
    expect(text).toContain('not admin');
  });
});

describe('the bot part of the health report', () => {
  it('counts every pending request in the store, past any list limit', async () => {
    const client = createLeihsClient({ baseUrl: sim.url, token: sim.tokens.admin, retries: 0 });
    clients.push(client);
    const asked: unknown[] = [];
    const store = {
      engine: 'sqlite' as const,
      ping: async () => undefined,
      countRequests: async (statuses: readonly string[]) => {
        asked.push(statuses);
        return 1234;
      },
      getMonitorState: async () => undefined,
    };
    const health = createHealthService({ leihs: leihsHealthSource(client), config: loadConfig({}), clock, startedAt, store, version: '0.1.0' });
    const report = await health.check();
    expect(report.bot.pendingRequests).toBe(1234);
    expect(asked).toEqual([['pending']]);
  });
});
