import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { BOT_ID, BOT_USER_ID, startSlackFake, type SlackFake } from '../../src/devkit/index.js';
import { healthRoutes, trackSocketConnection } from '../../src/ops/health-routes.js';
import { writeMonitorState, initialMonitorState } from '../../src/ops/monitor-state.js';
import { snapshotOf } from '../../src/ops/monitor.js';
import type { Store } from '../../src/store/store.js';
import { quietLogger } from '../devkit/helpers.js';
import { reportFor, sqliteLocation } from './helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const clock = new ManualClock('2026-12-04T09:00:00Z');
const startedAt = new Date('2026-12-04T08:00:00Z');

function openStore(): Store {
  const location = sqliteLocation();
  cleanups.push(() => location.cleanUp());
  return location.open(clock);
}

async function recordLastRun(store: Store, overall: 'ok' | 'down') {
  await writeMonitorState(store, { ...initialMonitorState, lastRun: snapshotOf(reportFor(overall, clock.now())) });
}

async function getJson(base: string, path: string) {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, unknown> };
}

/** Waits (bounded) until /readyz answers the given status. */
async function readyzBecomes(base: string, status: number, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const answer = await getJson(base, '/readyz');
    if (answer.status === status || Date.now() > until) return answer;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('/healthz and /readyz in HTTP mode', () => {
  async function start(store: Pick<Store, 'ping' | 'getMonitorState'> | undefined) {
    const receiver = new HTTPReceiver({
      signingSecret: 'test-secret',
      logger: quietLogger,
      customRoutes: healthRoutes({ clock, startedAt, version: '0.1.0', slackMode: 'http', ...(store ? { store } : {}) }),
    });
    const app = new App({ receiver, token: 'xoxb-test', botId: BOT_ID, botUserId: BOT_USER_ID, logger: quietLogger });
    const server = (await receiver.start({ port: 0, host: '127.0.0.1' })) as Server;
    cleanups.push(() => app.stop().then(() => undefined));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('says the process is alive on /healthz, with version and uptime', async () => {
    const base = await start(openStore());
    expect(await getJson(base, '/healthz')).toEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
      body: { status: 'ok', version: '0.1.0', uptimeSeconds: 3600 },
    });
  });

  it('is not ready before the first health check, ready once leihs answered, not ready when it stops answering', async () => {
    const store = openStore();
    const base = await start(store);
    expect(await getJson(base, '/readyz')).toMatchObject({ status: 503, body: { ready: false, checks: { store: 'ok', leihs: 'unknown', slack: 'not_applicable' } } });
    await recordLastRun(store, 'ok');
    expect(await getJson(base, '/readyz')).toMatchObject({ status: 200, body: { ready: true, checks: { leihs: 'reachable' }, lastCheck: clock.now().toISOString() } });
    await recordLastRun(store, 'down');
    expect(await getJson(base, '/readyz')).toMatchObject({ status: 503, body: { ready: false, checks: { leihs: 'unreachable' } } });
  });

  it('is not ready when the store does not answer', async () => {
    const store = openStore();
    await recordLastRun(store, 'ok');
    const broken = { ping: () => Promise.reject(new Error('database is locked')), getMonitorState: (key: string) => store.getMonitorState(key) };
    const base = await start(broken);
    expect(await getJson(base, '/readyz')).toMatchObject({ status: 503, body: { ready: false, checks: { store: 'failing', leihs: 'reachable' } } });
  });
});

describe('/healthz and /readyz in Socket Mode', () => {
  let fake: SlackFake | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('answers over HTTP beside the socket, and is ready only while the socket to Slack is connected', async () => {
    fake = await startSlackFake({ socketMode: true });
    const store = openStore();
    await recordLastRun(store, 'ok');
    let connected: () => boolean = () => false;
    const receiver = new SocketModeReceiver({
      appToken: fake.appToken,
      logger: quietLogger,
      installerOptions: { port: 0, clientOptions: { slackApiUrl: fake.apiUrl } },
      customRoutes: healthRoutes({ clock, startedAt, version: '0.1.0', slackMode: 'socket', store, slackConnected: () => connected() }),
    });
    connected = trackSocketConnection(receiver.client);
    // Bolt listens on every interface; tests stay on loopback.
    const server = (receiver as unknown as { httpServer: Server }).httpServer;
    const listen = server.listen.bind(server);
    server.listen = ((port: number) => listen(port, '127.0.0.1')) as typeof server.listen;
    const app = new App({
      receiver,
      token: fake.botToken,
      botId: BOT_ID,
      botUserId: BOT_USER_ID,
      logger: quietLogger,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    cleanups.push(() => app.stop().then(() => undefined).catch(() => undefined));
    await app.start();
    await fake.socket?.waitForConnection(5000);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    expect((await getJson(base, '/healthz')).status).toBe(200);
    expect(await readyzBecomes(base, 200)).toMatchObject({ status: 200, body: { ready: true, checks: { slack: 'connected', store: 'ok', leihs: 'reachable' } } });
    await fake.socket?.close();
    expect(await readyzBecomes(base, 503)).toMatchObject({ status: 503, body: { ready: false, checks: { slack: 'disconnected' } } });
  });
});
