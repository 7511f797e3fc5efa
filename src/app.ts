/**
 * Builds the Bolt app from its dependencies and registers every listener. The caller chooses the
 * receiver (createReceiver for HTTP or Socket Mode, a fake one in tests), so nothing here listens.
 */
import { App, HTTPReceiver, LogLevel, SocketModeReceiver } from '@slack/bolt';
import type { CustomRoute, Logger, Receiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { guardAgainstReplays, ReplayGuard } from './replay-guard.js';
import type { AppDeps } from './deps.js';
import { registerListeners } from './listeners/index.js';
import { messages } from './messages/index.js';

export interface BuildAppOptions {
  receiver: Receiver;
  botToken: string;
  /** Given so Bolt never calls auth.test per request (SLACK_BOT_ID / SLACK_BOT_USER_ID or one auth.test at startup). */
  botId: string;
  botUserId: string;
  /** Web API base URL (SLACK_API_URL); defaults to Slack's. */
  slackApiUrl?: string;
  /** A WHATWG fetch for the Web API and respond(); tests and the console pass theirs. */
  fetch?: typeof fetch;
  logger?: Logger;
  logLevel?: Config['logLevel'];
  /** Merged over the defaults below (e.g. retryConfig: { retries: 0 } in tests). */
  clientOptions?: WebClientOptions;
}

/**
 * Web API defaults for a command path: a short retry and a timeout, and a 429 fails fast instead of
 * waiting out Retry-After (web-api's default would retry for about 30 minutes).
 */
export const webClientDefaults: WebClientOptions = {
  retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000, randomize: true },
  rejectRateLimitedCalls: true,
  timeout: 10_000,
  allowAbsoluteUrls: false,
};

const logLevels = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR } as const;

export function buildApp(deps: AppDeps, options: BuildAppOptions): App {
  const clientOptions: WebClientOptions = { ...webClientDefaults, ...options.clientOptions };
  if (options.slackApiUrl) clientOptions.slackApiUrl = options.slackApiUrl;
  if (options.fetch) clientOptions.fetch = options.fetch;
  const app = new App({
    receiver: options.receiver,
    token: options.botToken,
    botId: options.botId,
    botUserId: options.botUserId,
    clientOptions,
    logLevel: logLevels[options.logLevel ?? deps.config.logLevel],
    ...(options.logger ? { logger: options.logger } : {}),
  });
  registerListeners(app, deps);
  return app;
}

export interface ReceiverOptions {
  customRoutes?: CustomRoute[];
  logger?: Logger;
  /** For the replay guard's five-minute memory. */
  clock?: Clock;
}

/** Socket Mode when an app token is set, otherwise HTTP at /slack/events on config.slack.port. */
export function createReceiver(slack: Config['slack'], options: ReceiverOptions = {}): Receiver {
  const common = { customRoutes: options.customRoutes ?? [], ...(options.logger ? { logger: options.logger } : {}) };
  if (slack.appToken) {
    // The socket client calls apps.connections.open itself, so it needs SLACK_API_URL too.
    const clientOptions = slack.apiUrl ? { slackApiUrl: `${slack.apiUrl}/` } : {};
    return new SocketModeReceiver({ appToken: slack.appToken, installerOptions: { port: slack.port, clientOptions }, ...common });
  }
  if (!slack.signingSecret) throw new Error(messages.startup.signingSecretMissing);
  const receiver = new HTTPReceiver({ signingSecret: slack.signingSecret, endpoints: '/slack/events', port: slack.port, ...common });
  receiver.requestListener = guardAgainstReplays(receiver.requestListener, new ReplayGuard(options.clock ?? systemClock));
  return receiver;
}
