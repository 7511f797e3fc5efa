/**
 * The whole app as it runs in production, on loopback: the leihs simulator, the Slack fake, a
 * SQLite store in a temp dir, and the Bolt app in HTTP mode (or Socket Mode) built by buildApp
 * from the same dependencies main builds. Tests drive it only through the fake's driver.
 */
import type { App, Logger, Receiver } from '@slack/bolt';
import { LogLevel, SocketModeReceiver } from '@slack/bolt';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, createReceiver } from '../../src/app.js';
import { systemClock } from '../../src/clock.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createAppDeps, type AppDeps } from '../../src/deps.js';
import { BOT_ID, BOT_USER_ID, FAKE_SIGNING_SECRET, startSlackFake, type SlackFake } from '../../src/devkit/index.js';
import { createLeihsClient } from '../../src/leihs/index.js';
import { healthServiceFor } from '../../src/services/health.js';
import { startLeihsSimulator, type LeihsSimulator } from '../../src/sim/leihs/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';

export interface Stack {
  sim: LeihsSimulator;
  fake: SlackFake;
  app: App;
  deps: AppDeps;
  config: Config;
  store: Store;
  /** The app's /slack/events URL (HTTP mode). */
  endpoint: string;
  /** How many events Bolt has dispatched to middleware and listeners. */
  dispatched(): number;
  /** Warnings and errors the app logged. */
  logs: string[];
  close(): Promise<void>;
}

export interface StackOptions {
  socketMode?: boolean;
  /** Extra environment for loadConfig (e.g. LEIHS_TIMEOUT). */
  env?: Record<string, string>;
}

function collectingLogger(logs: string[]): Logger {
  const keep = (level: string) => (...msg: unknown[]) => void logs.push(`${level}: ${msg.map(String).join(' ')}`);
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: keep('warn'),
    error: keep('error'),
    setLevel: () => undefined,
    getLevel: () => LogLevel.WARN,
    setName: () => undefined,
  };
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const sim = await startLeihsSimulator();
  const fake = await startSlackFake({ socketMode: options.socketMode ?? false });
  const dataDir = await mkdtemp(join(tmpdir(), 'leihs-e2e-'));
  const config = loadConfig({
    SLACK_BOT_TOKEN: fake.botToken,
    ...(options.socketMode ? { SLACK_APP_TOKEN: fake.appToken } : { SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET }),
    SLACK_API_URL: fake.apiUrl,
    SLACK_BOT_ID: BOT_ID,
    SLACK_BOT_USER_ID: BOT_USER_ID,
    LEIHS_URL: sim.url,
    LEIHS_TOKEN: sim.tokens.admin,
    LEIHS_APPROVALS_CHANNEL: 'C0APPROVE1',
    LEIHS_OPS_CHANNEL: 'C0OPS00001',
    LEIHS_TIMEOUT: '2s',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...options.env,
  });
  const clock = systemClock;
  const store = await openStore(config.store, { clock });
  // As main does: LEIHS_TIMEOUT bounds the wait for headers and between body chunks.
  const timeoutMs = config.leihs.timeoutMs;
  const leihs = createLeihsClient({ baseUrl: sim.url, token: sim.tokens.admin, timeouts: { headersMs: timeoutMs, bodyMs: timeoutMs } });
  const base = createAppDeps({ config, leihs, clock, store });
  const deps: AppDeps = { ...base, health: healthServiceFor({ config, leihs, clock, store }) };
  const logs: string[] = [];
  const logger = collectingLogger(logs);
  // createReceiver gives SocketModeReceiver no clientOptions, so apps.connections.open would go to
  // slack.com instead of SLACK_API_URL; until it does, Socket Mode gets the same receiver built here.
  const receiver: Receiver = options.socketMode
    ? new SocketModeReceiver({ appToken: fake.appToken, logger, installerOptions: { clientOptions: { slackApiUrl: fake.apiUrl } } })
    : createReceiver(config.slack, { logger });
  const app = buildApp(deps, {
    receiver,
    botToken: fake.botToken,
    botId: BOT_ID,
    botUserId: BOT_USER_ID,
    slackApiUrl: fake.apiUrl,
    logger,
  });
  let dispatched = 0;
  app.use(async ({ next }) => {
    dispatched += 1;
    await next();
  });
  let endpoint = '';
  if (options.socketMode) {
    await app.start();
    await fake.socket?.waitForConnection(5000);
    fake.driver.useSocketMode();
  } else {
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    fake.driver.useHttp(endpoint, FAKE_SIGNING_SECRET);
  }
  return {
    sim,
    fake,
    app,
    deps,
    config,
    store,
    endpoint,
    dispatched: () => dispatched,
    logs,
    async close() {
      await app.stop();
      await fake.close();
      await sim.close();
      await store.close();
      await leihs.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
