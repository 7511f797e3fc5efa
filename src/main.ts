/**
 * Entry point (`npm start`): reads the configuration, then runs the app in Slack (Socket Mode or HTTP)
 * or, without Slack credentials, the local console — against the built-in demo leihs when LEIHS_URL is unset.
 * In Slack mode every startup failure is one line naming what to fix, and SIGTERM or SIGINT stop it cleanly.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { LogLevel, type CustomRoute, type Logger } from '@slack/bolt';
import { ErrorCode, WebClient, type WebAPICallError } from '@slack/web-api';
import { createReceiver } from './app.js';
import { ConfigError, loadConfig, readDotEnv, type Config } from './config.js';
import { consoleConfig, runConsole } from './console/index.js';
import { messages } from './messages/index.js';
import { composeRuntime, type Runtime } from './runtime.js';
import { startLeihsSimulator } from './sim/leihs/index.js';
import { openStore } from './store/index.js';

const words = messages.startup;
const SLACK_DEFAULT_API_URL = 'https://slack.com/api/';

async function main(): Promise<void> {
  readDotEnv();
  const config = loadConfig();
  if (config.mode === 'console') await runLocalConsole(config);
  else await runInSlack(config);
}

async function runLocalConsole(config: Config): Promise<void> {
  const simulator = config.leihs.url ? undefined : await startLeihsSimulator();
  const leihs = simulator
    ? { url: simulator.url, token: simulator.tokens.admin }
    : { url: config.leihs.url ?? '', token: config.leihs.token ?? '' };
  // The demo leihs starts afresh every time, so its requests do too: a store kept from an earlier demo
  // would list requests about groups this demo leihs has never seen.
  const demoDataDir = simulator ? await mkdtemp(join(tmpdir(), 'leihs-slack-demo-')) : undefined;
  const storeConfig = demoDataDir ? { dataDir: demoDataDir } : config.store;
  const runtimes: Runtime[] = [];
  try {
    await runConsole({
      createApp: async (slack) => {
        const runtime = await composeRuntime(consoleConfig({ ...config, store: storeConfig }, leihs), slack);
        runtimes.push(runtime);
        runtime.startBackground();
        return runtime.app;
      },
      input: process.stdin,
      output: process.stdout,
      leihs: { url: leihs.url, simulated: simulator !== undefined },
    });
  } finally {
    for (const runtime of runtimes) await runtime.close();
    await simulator?.close();
    if (demoDataDir) await rm(demoDataDir, { recursive: true, force: true });
  }
}

async function runInSlack(config: Config): Promise<void> {
  const botToken = config.slack.botToken ?? '';
  // SLACK_API_URL is kept without its trailing slash; the Web API client wants it with one.
  const slackApiUrl = config.slack.apiUrl ? `${config.slack.apiUrl}/` : undefined;
  const logger = slackModeLogger(config.logLevel);
  const ids = await botIds(config, botToken, slackApiUrl);
  const store = await openStore(config.store).catch((error: unknown) => {
    throw new ConfigError(words.storeFailed(config.store.databaseUrl ? 'DATABASE_URL' : 'DATA_DIR', reasonOf(error)));
  });
  // Socket Mode: the health routes get a server of our own (the receiver's would crash on a busy PORT).
  let healthRoutes: CustomRoute[] = [];
  const runtime = await composeRuntime(
    config,
    {
      botToken,
      ...ids,
      ...(slackApiUrl ? { slackApiUrl } : {}),
      logger,
      ...(config.mode === 'socket'
        ? {
            receiver: (routes: CustomRoute[]) => {
              healthRoutes = routes;
              return createReceiver(config.slack, { logger });
            },
          }
        : {}),
    },
    { store },
  );
  let healthServer: Server | undefined;
  const stop = async () => {
    await runtime.app.stop().catch(() => undefined);
    await new Promise((resolve) => (healthServer ? healthServer.close(resolve) : resolve(undefined)));
    await runtime.close();
    await store.close();
  };
  try {
    if (config.mode === 'socket') {
      healthServer = await listen(createServer(routeHandler(healthRoutes)), config.slack);
      await runtime.app.start().catch((error: unknown) => {
        throw slackStartupError(error, 'SLACK_APP_TOKEN', slackApiUrl);
      });
      process.stdout.write(`${words.socketMode(whereListening(healthServer))}\n`);
    } else {
      const server = (await runtime.app.start({ port: config.slack.port, ...(config.slack.host ? { host: config.slack.host } : {}) }).catch(
        (error: unknown) => {
          throw listenError(error, config.slack);
        },
      )) as Server;
      process.stdout.write(`${words.httpMode(whereListening(server))}\n`);
    }
  } catch (error) {
    logger.dropHeldErrors();
    await stop();
    throw error;
  }
  logger.releaseHeldErrors();
  runtime.startBackground();
  const onSignal = () => {
    stop().then(
      () => {
        process.stdout.write(`${words.stopped}\n`);
        process.exit(0);
      },
      (error: unknown) => {
        // Stopping went wrong half-way: say what, in one line, and still exit.
        process.stderr.write(`${words.stopFailed(reasonOf(error))}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

/** SLACK_BOT_ID / SLACK_BOT_USER_ID, or one auth.test at start (so Bolt never calls it per request). */
async function botIds(config: Config, botToken: string, slackApiUrl: string | undefined): Promise<{ botId: string; botUserId: string }> {
  if (config.slack.botId && config.slack.botUserId) return { botId: config.slack.botId, botUserId: config.slack.botUserId };
  // One try with a timeout: the client's default would retry a wrong URL for half an hour without a word.
  const client = new WebClient(botToken, {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: 10_000,
    logLevel: LogLevel.ERROR,
  });
  const auth = await client.auth.test().catch((error: unknown) => {
    throw slackStartupError(error, 'SLACK_BOT_TOKEN', slackApiUrl);
  });
  if (!auth.bot_id || !auth.user_id) throw new ConfigError(words.authTestFailed);
  return { botId: auth.bot_id, botUserId: auth.user_id };
}

/** A failed Web API call at startup as one line naming the variable to fix (never its value). */
function slackStartupError(error: unknown, tokenVariable: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN', slackApiUrl: string | undefined): Error {
  const url = slackApiUrl ?? SLACK_DEFAULT_API_URL;
  const call = error as Partial<WebAPICallError> & { data?: { error?: string }; statusCode?: number; original?: Error };
  switch (call.code) {
    case ErrorCode.PlatformError:
      return new ConfigError(words.tokenRefused(tokenVariable, call.data?.error ?? 'error'));
    case ErrorCode.HTTPError:
      return new ConfigError(words.apiUrlWrong(url, call.statusCode ?? 0));
    case ErrorCode.RequestError:
      return new ConfigError(words.apiUnreachable(url, reasonOf(call.original ?? error), slackApiUrl !== undefined));
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}

function listenError(error: unknown, slack: Config['slack']): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new ConfigError(words.portInUse(slack.port));
  if (code === 'EACCES') return new ConfigError(words.portRefused(slack.port, code));
  if (slack.host && (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')) return new ConfigError(words.hostRefused(slack.host, code));
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * The short reason of a failure: a system error code (ECONNREFUSED) where there is one, else the first
 * line of the message of its cause (fetch says only "fetch failed"), else of its own.
 */
function reasonOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.split('\n')[0] ?? message;
}

async function listen(server: Server, slack: Config['slack']): Promise<Server> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, slack)));
    server.listen({ port: slack.port, ...(slack.host ? { host: slack.host } : {}) }, resolve);
  });
  return server;
}

/** Serves Bolt custom routes (exact path and method), 404 otherwise. */
function routeHandler(routes: CustomRoute[]) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.find((r) => r.path === path && [r.method].flat().includes(req.method ?? 'GET'));
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    void route.handler(Object.assign(req, { params: {} }), res);
  };
}

/** Where a server listens, for the startup line: its URL, or the port on all interfaces when HOST is unset. */
function whereListening(server: Server): string {
  const address = server.address() as AddressInfo;
  if (address.address === '::' || address.address === '0.0.0.0') return words.allInterfaces(address.port);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

interface SlackModeLogger extends Logger {
  /** Startup succeeded: print the errors held back while starting (a reconnect that then worked). */
  releaseHeldErrors(): void;
  /** Startup failed: its own one line says why, so the library's errors on the way are not shown. */
  dropHeldErrors(): void;
}

/** Bolt's logger in Slack mode: one line per entry on stderr, errors as their message (no stack). */
function slackModeLogger(level: Config['logLevel']): SlackModeLogger {
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  let current = level as LogLevel;
  let name = 'leihs';
  let held: string[] | undefined = [];
  const line = (at: LogLevel, msg: unknown[]) =>
    `${at.toUpperCase()} ${name} ${msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ')}\n`;
  const log = (at: LogLevel) => (...msg: unknown[]) => {
    if (order.indexOf(at) < order.indexOf(current)) return;
    if (at === LogLevel.ERROR && held) held.push(line(at, msg));
    else process.stderr.write(line(at, msg));
  };
  return {
    debug: log(LogLevel.DEBUG),
    info: log(LogLevel.INFO),
    warn: log(LogLevel.WARN),
    error: log(LogLevel.ERROR),
    setLevel: (l) => (current = l),
    getLevel: () => current,
    setName: (n) => (name = n),
    releaseHeldErrors() {
      for (const text of held ?? []) process.stderr.write(text);
      held = undefined;
    },
    dropHeldErrors() {
      held = undefined;
    },
  };
}

main().catch((error: unknown) => {
  // A ConfigError is already one line naming the variable; anything else gets a prefix and no stack.
  const message = error instanceof Error ? error.message : String(error);
  const text = error instanceof ConfigError ? message : `${words.failed}: ${message.split('\n')[0] ?? message}`;
  process.stderr.write(`${text}\n`);
  process.exit(1);
});
