/**
 * Composes the running app from a configuration: leihs client, store, services, the Bolt app with its
 * receiver and health routes, and the health monitor. Slack mode (main), the local console, the
 * end-to-end tests and the benchmarks all build the app here, so there is one way to wire it.
 */
import { hostname } from 'node:os';
import { SocketModeReceiver, type App, type CustomRoute, type Receiver } from '@slack/bolt';
import type { Dispatcher } from 'undici';
import { buildApp, createReceiver, type BuildAppOptions } from './app.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { createAppDeps, type AppDeps } from './deps.js';
import { createLeihsClient, type LeihsClient } from './leihs/index.js';
import { healthRoutes, trackSocketConnection } from './ops/health-routes.js';
import { createHealthMonitor, type HealthMonitor } from './ops/monitor.js';
import { healthServiceFor, packageVersion } from './services/health.js';
import { startExpirySweeper, type ExpirySweeper } from './listeners/approval-flow.js';
import { openStore, type OpenStoreOptions, type Store } from './store/index.js';

/** What buildApp needs from Slack, with the receiver optional (default: createReceiver(config.slack)). */
export interface SlackWiring extends Omit<BuildAppOptions, 'receiver'> {
  /** The receiver, or a factory given the /healthz and /readyz routes. */
  receiver?: Receiver | ((customRoutes: CustomRoute[]) => Receiver);
  /** Socket Mode: whether the socket to Slack is open now, for /readyz. */
  slackConnected?: () => boolean;
}

export interface RuntimeOptions {
  clock?: Clock;
  /** undici dispatcher for the leihs client (tests). */
  dispatcher?: Dispatcher;
  store?: Store;
  storeOptions?: OpenStoreOptions;
  /** This replica's id for the monitor lease. */
  holderId?: string;
}

export interface Runtime {
  app: App;
  deps: AppDeps;
  leihs: LeihsClient;
  store: Store;
  /** Health monitor; posts to LEIHS_OPS_CHANNEL when set. Started by startBackground(). */
  monitor: HealthMonitor;
  /** Starts the monitor and the sweeper that expires old requests (the caller starts the receiver with app.start()). */
  startBackground(): void;
  /** Stops the background work (ending its waits, then awaiting what still runs) and closes the leihs client and the store. */
  close(): Promise<void>;
}

export async function composeRuntime(config: Config, slack: SlackWiring, options: RuntimeOptions = {}): Promise<Runtime> {
  if (!config.leihs.url || !config.leihs.token) throw new Error('composeRuntime needs LEIHS_URL and LEIHS_TOKEN');
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  const leihs = createLeihsClient({
    baseUrl: config.leihs.url,
    token: config.leihs.token,
    timeouts: { headersMs: config.leihs.timeoutMs, bodyMs: config.leihs.timeoutMs },
    // One connection per pool asked at once, so a fan-out is a single round trip.
    connections: config.leihs.fanoutConcurrency,
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
  });
  const store = options.store ?? (await openStore(config.store, { clock, ...options.storeOptions }));
  const health = healthServiceFor({ config, leihs, clock, store, startedAt });
  const shutdown = new AbortController();
  const deps: AppDeps = createAppDeps({ config, leihs, clock, store, health, shutdown: shutdown.signal });

  // /readyz asks whether the socket is connected; the receiver that knows is built after the routes.
  let slackConnected = slack.slackConnected;
  const routes = healthRoutes({
    clock,
    startedAt,
    version: packageVersion(),
    slackMode: config.mode,
    store,
    ...(config.mode === 'socket' ? { slackConnected: () => slackConnected?.() ?? false } : {}),
  });
  const receiver =
    typeof slack.receiver === 'function'
      ? slack.receiver(routes)
      : (slack.receiver ?? createReceiver(config.slack, { customRoutes: routes, clock, ...(slack.logger ? { logger: slack.logger } : {}) }));
  if (!slackConnected && receiver instanceof SocketModeReceiver) slackConnected = trackSocketConnection(receiver.client);

  const { receiver: _receiver, slackConnected: _connected, ...appOptions } = slack;
  const app = buildApp(deps, { ...appOptions, receiver });

  // Runs without an ops channel too (it then only records its runs, which /readyz and App Home read).
  const monitor = createHealthMonitor({
    health,
    store,
    slack: app.client,
    config,
    clock,
    holderId: options.holderId ?? `${hostname()}:${process.pid}`,
    ...(slack.logger ? { logger: slack.logger } : {}),
  });

  let sweeper: ExpirySweeper | undefined;
  return {
    app,
    deps,
    leihs,
    store,
    monitor,
    startBackground() {
      monitor.start();
      sweeper ??= startExpirySweeper(deps, { client: app.client, logger: app.logger });
    },
    async close() {
      shutdown.abort();
      await sweeper?.stop();
      await monitor.stop();
      await leihs.close();
      if (!options.store) await store.close();
    },
  };
}
