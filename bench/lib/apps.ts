/**
 * The two apps a run compares: the real leihs app (composed as main composes it: real HTTP receiver,
 * dependencies, leihs client, SQLite store), and a bare Bolt app whose `/leihs` handler only acks.
 * Both listen on 127.0.0.1 at a free port and send to Slack through the same in-process fake.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { createReceiver } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { AppDeps } from '../../src/deps.js';
import { BOT_ID, BOT_USER_ID } from '../../src/devkit/index.js';
import { messages } from '../../src/messages/index.js';
import { composeRuntime } from '../../src/runtime.js';
import { InProcessSlack, SIGNING_SECRET } from './slack.js';

const BOT_TOKEN = 'xoxb-bench-bot-token';
const SLACK_API_URL = 'https://slack.invalid/api/';

export interface RunningApp {
  /** `http://127.0.0.1:PORT/slack/events` */
  endpoint: string;
  slack: InProcessSlack;
  close(): Promise<void>;
}

export interface LeihsApp extends RunningApp {
  deps: AppDeps;
}

async function listen(app: App): Promise<string> {
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}/slack/events`;
}

export interface LeihsAppOptions {
  leihsUrl: string;
  leihsToken: string;
  /** More environment, e.g. LEIHS_FANOUT_CONCURRENCY. */
  env?: Record<string, string>;
}

/** The app as main builds it in HTTP mode (composeRuntime), with the bench's Slack in place of slack.com. */
export async function startLeihsApp(options: LeihsAppOptions): Promise<LeihsApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'leihs-bench-'));
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_ID: BOT_ID,
    SLACK_BOT_USER_ID: BOT_USER_ID,
    LEIHS_URL: options.leihsUrl,
    LEIHS_TOKEN: options.leihsToken,
    LEIHS_APPROVALS_CHANNEL: 'C0APPROVE1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    PORT: '1',
    ...options.env,
  });
  const slack = new InProcessSlack();
  const runtime = await composeRuntime(config, {
    receiver: (customRoutes) => createReceiver({ ...config.slack, port: 0 }, { customRoutes }),
    botToken: BOT_TOKEN,
    botId: BOT_ID,
    botUserId: BOT_USER_ID,
    slackApiUrl: SLACK_API_URL,
    fetch: slack.fetch,
  });
  const endpoint = await listen(runtime.app);
  return {
    endpoint,
    slack,
    deps: runtime.deps,
    async close() {
      await runtime.app.stop();
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The baseline: Bolt with the same receiver settings, whose `/leihs` handler does nothing but ack. */
export async function startBareBoltApp(): Promise<RunningApp> {
  const slack = new InProcessSlack();
  const app = new App({
    receiver: new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: '/slack/events', port: 0 }),
    token: BOT_TOKEN,
    botId: BOT_ID,
    botUserId: BOT_USER_ID,
    clientOptions: { slackApiUrl: SLACK_API_URL, fetch: slack.fetch },
    logLevel: LogLevel.ERROR,
  });
  // The same ack body the app sends first, so both answers carry the same bytes.
  app.command('/leihs', async ({ ack }) => {
    await ack({ response_type: 'ephemeral', text: messages.commands.searching });
  });
  const endpoint = await listen(app);
  return {
    endpoint,
    slack,
    async close() {
      await app.stop();
    },
  };
}
