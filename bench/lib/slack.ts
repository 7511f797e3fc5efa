/**
 * Slack's side of a benchmark, in process: a signed-request sender with keep-alive (the way Slack
 * posts commands and clicks to the app) and a fetch that stands in for the Web API and response_urls,
 * so the app's respond() calls are timed the moment it makes them.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { defaultUsers, signSlackRequest, TEAM_ID } from '../../src/devkit/index.js';

export const SIGNING_SECRET = 'bench-signing-secret';
const RESPONSE_ORIGIN = 'https://hooks.slack.invalid';

type Json = Record<string, unknown>;

export interface Sent {
  status: number;
  /** From the moment the request was handed to the socket until its body was read. */
  ms: number;
  text: string;
}

/** Posts signed requests to one app endpoint over a keep-alive pool. */
export class SignedSender {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(endpoint: string, private readonly secret = SIGNING_SECRET, connections = 1) {
    const url = new URL(endpoint);
    this.path = url.pathname;
    this.pool = new Pool(url.origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  }

  /** Signs first, then times the round trip alone. */
  async post(body: string, contentType = 'application/x-www-form-urlencoded'): Promise<Sent> {
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackRequest(this.secret, timestamp, body),
    };
    const started = performance.now();
    const response = await this.pool.request({ path: this.path, method: 'POST', headers, body });
    const text = await response.body.text();
    return { status: response.statusCode, ms: performance.now() - started, text };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** A `/leihs …` slash command as Slack posts it; `responseId` names its response_url. */
export function slashCommandBody(text: string, responseId: string, userId = 'U0ANNA0SC', channelId = 'C0GENERAL1'): string {
  return new URLSearchParams({
    token: 'bench-verification-token',
    team_id: TEAM_ID,
    team_domain: 'hdk-demo',
    channel_id: channelId,
    channel_name: 'general',
    user_id: userId,
    user_name: 'bench',
    command: '/leihs',
    text,
    api_app_id: 'A0LEIHS001',
    response_url: responseUrl(responseId),
    trigger_id: `${responseId}.trigger`,
  }).toString();
}

/** A click on a button of a message, as Slack posts it. */
export function buttonClickBody(click: {
  userId: string;
  actionId: string;
  blockId: string;
  value: string;
  channelId: string;
  messageTs: string;
  responseId: string;
}): string {
  const payload = {
    type: 'block_actions',
    user: { id: click.userId, username: 'bench', name: 'bench', team_id: TEAM_ID },
    api_app_id: 'A0LEIHS001',
    token: 'bench-verification-token',
    trigger_id: `${click.responseId}.trigger`,
    team: { id: TEAM_ID, domain: 'hdk-demo' },
    enterprise: null,
    is_enterprise_install: false,
    container: { type: 'message', message_ts: click.messageTs, channel_id: click.channelId, is_ephemeral: false },
    channel: { id: click.channelId, name: 'leihs-approvals' },
    message: { type: 'message', ts: click.messageTs, text: '' },
    response_url: responseUrl(click.responseId),
    actions: [{ type: 'button', action_id: click.actionId, block_id: click.blockId, value: click.value, action_ts: `${Date.now() / 1000}` }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export const responseUrl = (id: string) => `${RESPONSE_ORIGIN}/respond/${encodeURIComponent(id)}`;

export interface Arrival {
  at: number;
  body: Json;
}

export interface ApiCall extends Arrival {
  method: string;
  /** What the fake answered (e.g. the `ts` of a posted message). */
  reply: Json;
}

/** Decodes a Web API form (JSON-valued fields parsed) or a JSON body. */
function decodeBody(init: RequestInit | undefined): Json {
  const raw = typeof init?.body === 'string' ? init.body : init?.body instanceof URLSearchParams ? init.body.toString() : '';
  if (raw.startsWith('{')) return JSON.parse(raw) as Json;
  const body: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    try {
      body[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
    } catch {
      body[key] = value;
    }
  }
  return body;
}

const jsonResponse = (body: Json) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

/**
 * Stands in for slack.com: answers the Web API calls the app makes (users.info from the fake directory,
 * chat.postMessage with fresh timestamps) and records every respond() by its response id.
 */
export class InProcessSlack {
  readonly apiCalls: ApiCall[] = [];
  private readonly responses = new Map<string, Arrival[]>();
  private readonly waiters = new Set<() => void>();
  private seq = 0;
  private readonly users = new Map(defaultUsers().map((u) => [u.id, u]));

  readonly fetch = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = decodeBody(init);
    const at = performance.now();
    if (url.origin === RESPONSE_ORIGIN) {
      const id = decodeURIComponent(url.pathname.replace(/^\/respond\//, ''));
      const list = this.responses.get(id) ?? [];
      list.push({ at, body });
      this.responses.set(id, list);
      this.notify();
      return new Response('ok', { status: 200 });
    }
    const method = url.pathname.replace(/^.*\/api\//, '');
    const reply = this.answer(method, body);
    this.apiCalls.push({ method, at, body, reply });
    this.notify();
    return jsonResponse(reply);
  }) as typeof fetch;

  private answer(method: string, body: Json): Json {
    switch (method) {
      case 'users.info': {
        const user = this.users.get(String(body.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: { id: user.id, name: user.name, tz: user.tz, locale: user.locale, is_bot: user.isBot, deleted: false, profile: { email: user.email } } };
      }
      case 'chat.postMessage':
        return { ok: true, channel: body.channel, ts: `1700000000.${String(++this.seq).padStart(6, '0')}`, message: {} };
      case 'chat.getPermalink':
        return { ok: true, permalink: `https://hdk-demo.slack.invalid/archives/${String(body.channel)}/p${String(body.message_ts).replace('.', '')}` };
      case 'conversations.open':
        return { ok: true, channel: { id: 'D0123ABCD' } };
      default:
        return { ok: true };
    }
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** The respond() calls made for one response_url so far. */
  responsesTo(id: string): Arrival[] {
    return this.responses.get(id) ?? [];
  }

  /** Forgets recorded responses and API calls (between runs, to keep memory flat). */
  reset(): void {
    this.responses.clear();
    this.apiCalls.length = 0;
  }

  /** Resolves with the first value `check` returns once something arrives; rejects after the bound. */
  waitFor<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const waiter = () => {
        const value = check();
        if (value === undefined) return;
        finish();
        resolve(value);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`gave up waiting ${timeoutMs} ms for ${what}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
    });
  }

  /** The first respond() to a response_url, waited for with a bound. */
  firstResponse(id: string, timeoutMs: number): Promise<Arrival> {
    return this.waitFor(() => this.responses.get(id)?.[0], timeoutMs, `the answer to ${id}`);
  }
}
