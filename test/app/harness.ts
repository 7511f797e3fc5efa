/** Drives the whole app in process: a fake receiver, Bolt's real routing, one fetch capturing Slack calls. */
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { buildApp } from '../../src/app.js';
import type { AppDeps } from '../../src/deps.js';
import { ids } from '../listeners/fakes.js';

export class FakeReceiver implements Receiver {
  app?: App;
  init(app: App): void {
    this.app = app;
  }
  start(): Promise<unknown> {
    return Promise.resolve();
  }
  stop(): Promise<unknown> {
    return Promise.resolve();
  }
}

export interface Captured {
  url: string;
  body: Record<string, unknown>;
}

/** Records every outgoing Slack request; Web API forms are decoded, JSON-string fields parsed. */
/** Records every Web API and response_url call; users.info answers with `slackEmail` (default: Anna, a customer). */
export function captureFetch(slackEmail = 'anna.schmid@hdk.example') {
  const sent: Captured[] = [];
  const waiters: (() => void)[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const raw = typeof init?.body === 'string' ? init.body : init?.body instanceof URLSearchParams ? init.body.toString() : '';
    let body: Record<string, unknown> = {};
    if (raw.startsWith('{')) body = JSON.parse(raw) as Record<string, unknown>;
    else
      for (const [k, v] of new URLSearchParams(raw)) {
        try {
          body[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
        } catch {
          body[k] = v;
        }
      }
    sent.push({ url, body });
    waiters.splice(0).forEach((w) => w());
    const result = url.includes('/api/views.open') ? { ok: true, view: { id: 'V0123ABCD', hash: 'h1' } } : url.includes('/api/conversations.open') ? { ok: true, channel: { id: 'D0123ABCD' } } : url.includes('/api/users.info') ? { ok: true, user: { id: ids.user, tz: 'Europe/Zurich', profile: { email: slackEmail } } } : { ok: true };
    return new Response(JSON.stringify(result), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch: fetch as typeof globalThis.fetch, sent };
}

export function appUnderTest(deps: AppDeps, options: { slackEmail?: string } = {}) {
  const receiver = new FakeReceiver();
  const captured = captureFetch(options.slackEmail);
  const app = buildApp(deps, {
    receiver,
    botToken: 'xoxb-test',
    botId: 'B0123ABCD',
    botUserId: 'U0BOT0001',
    slackApiUrl: 'http://127.0.0.1:9/api/',
    fetch: captured.fetch,
    clientOptions: { retryConfig: { retries: 0 } },
    logLevel: 'error',
  });
  return { app, ...captured };
}

export const RESPONSE_URL = 'http://127.0.0.1:9/response/1';

export function slashCommand(app: App, text: string) {
  const acks: unknown[] = [];
  const event: ReceiverEvent = {
    body: { command: '/leihs', text, user_id: ids.user, channel_id: ids.channel, team_id: ids.team, response_url: RESPONSE_URL, trigger_id: '1.2.3', api_app_id: 'A0123ABCD' },
    ack: async (response?: unknown) => void acks.push(response ?? null),
  };
  return { acks, done: app.processEvent(event) };
}

