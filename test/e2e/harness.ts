/**
 * The whole app as it runs in production, on loopback: the leihs simulator, the Slack fake, a
 * SQLite store in a temp dir, and the Bolt app in HTTP mode (or Socket Mode) composed by
 * composeRuntime exactly as main composes it. Tests drive it only through the fake's driver.
 */
import type { App, Logger } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReceiver } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { AppDeps } from '../../src/deps.js';
import { BOT_ID, BOT_USER_ID, FAKE_SIGNING_SECRET, startSlackFake, type SlackFake } from '../../src/devkit/index.js';
import { composeRuntime, type Runtime } from '../../src/runtime.js';
import { startLeihsSimulator, type LeihsSimulator } from '../../src/sim/leihs/index.js';
import type { Store } from '../../src/store/index.js';

export interface Stack {
  sim: LeihsSimulator;
  fake: SlackFake;
  app: App;
  deps: AppDeps;
  config: Config;
  store: Store;
  runtime: Runtime;
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
  const logs: string[] = [];
  const logger = collectingLogger(logs);
  const runtime = await composeRuntime(config, {
    botToken: fake.botToken,
    botId: BOT_ID,
    botUserId: BOT_USER_ID,
    slackApiUrl: fake.apiUrl,
    logger,
    // Socket Mode without the health routes: they would open an HTTP server on PORT on all interfaces.
    ...(options.socketMode ? { receiver: createReceiver(config.slack, { logger }) } : {}),
  });
  const { app, deps, store } = runtime;
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
    runtime,
    endpoint,
    dispatched: () => dispatched,
    logs,
    async close() {
      await app.stop();
      await fake.close();
      await sim.close();
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
