/**
 * An in-process Slack over loopback HTTP: the Web API methods the app uses (at `apiUrl`, for
 * `clientOptions.slackApiUrl`), `response_url` endpoints, a directory of people and channels, a
 * transcript of what Slack would show, injectable faults (429 with Retry-After, error codes, delays)
 * and a driver that sends signed requests (or Socket Mode envelopes) to the app.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../clock.js';
import { API_APP_ID, BOT_ID, BOT_USER_ID, Directory, TEAM_DOMAIN, TEAM_ID } from './directory.js';
import { createDriver, type Driver } from './driver.js';
import { checkMessage, checkView } from './slack-rules.js';
import type { SocketModeServer } from './socket-mode.js';
import { Transcript, type SlackMessage, type SlackView } from './transcript.js';

type Json = Record<string, unknown>;

export const FAKE_BOT_TOKEN = 'xoxb-fake-bot-token';
export const FAKE_APP_TOKEN = 'xapp-fake-app-token';
export const FAKE_SIGNING_SECRET = 'fake-signing-secret';

/** response_url accepts this many posts within this time, as Slack's does. */
const RESPONSE_URL_USES = 5;
const RESPONSE_URL_TTL_MS = 30 * 60_000;
const TRIGGER_TTL_MS = 3000;

export interface SlackFakeOptions {
  botToken?: string;
  appToken?: string;
  clock?: Clock;
  directory?: Directory;
  /** Serve Socket Mode (apps.connections.open and a local WebSocket). Loads the `ws` package. */
  socketMode?: boolean;
}

/** A Web API fault: answer `method` with an error, a 429 with Retry-After, or after a delay. */
export interface SlackFaultRule {
  /** A method name such as `chat.update`, or `*`. */
  method: string;
  /** Slack error code for an `ok:false` answer, e.g. `channel_not_found`. */
  error?: string;
  /** Answer 429 `ratelimited` with this Retry-After (seconds). */
  retryAfterSec?: number;
  /** HTTP status (default 200 with `error`, 429 with `retryAfterSec`). */
  status?: number;
  delayMs?: number;
  /** How many calls it hits (default: all until removed). */
  times?: number;
}

export interface ApiCall {
  method: string;
  args: Json;
  /** Clock time of the call (ms). */
  at: number;
  status: number;
  ok: boolean;
  error?: string;
}

interface ResponseUrlState {
  id: string;
  user: string;
  channel: string;
  createdAt: number;
  uses: number;
  /** The message replace_original / delete_original act on. */
  original?: SlackMessage;
  /** Slash command urls follow their latest message; button urls stay on the clicked one. */
  followsLatest: boolean;
}

interface ApiAnswer {
  status: number;
  body: Json;
  headers?: Record<string, string>;
}

export interface SlackFake {
  /** Web API base, ending in `/api/`. */
  apiUrl: string;
  /** The fake's origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  botToken: string;
  appToken: string;
  directory: Directory;
  transcript: Transcript;
  driver: Driver;
  faults: { add(rule: SlackFaultRule): number; remove(id: number): void; clear(): void };
  /** Every Web API call in order. */
  calls: ApiCall[];
  /** Requests being served right now (Web API and response_url). */
  inFlight(): number;
  /** Present when started with `socketMode: true`. */
  socket?: SocketModeServer;
  close(): Promise<void>;
  /** Used by the driver: a fresh response_url / trigger_id for an interaction. */
  issueResponseUrl(user: string, channel: string, original: SlackMessage | undefined, followsLatest: boolean): string;
  issueTriggerId(user: string): string;
  /** Used by the driver: shows a slash command's ack body as Slack would. */
  showCommandAck(responseUrl: string, user: string, channel: string, ack: unknown): void;
  /** Used by the driver: applies a view_submission ack (close, update, push, errors). */
  applyViewAck(view: SlackView, ack: unknown): void;
  /** Posts a message as Slack itself (Slackbot), e.g. "/leihs failed with the error …". */
  slackbotSays(user: string, channel: string, text: string): SlackMessage;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const flag = (v: unknown): boolean => v === true || v === 'true' || v === '1';
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata']);

class BadRequest extends Error {}

/** Form bodies carry nested fields as JSON strings, as @slack/web-api sends them; JSON bodies too. */
export function parseApiBody(raw: string, contentType: string | undefined): Json {
  if (raw.length === 0) return {};
  if (contentType?.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(raw);
    if (!isObject(parsed)) throw new BadRequest('invalid_json');
    return parsed;
  }
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (JSON_FIELDS.has(key) && /^\s*[[{]/.test(value)) {
      try {
        args[key] = JSON.parse(value);
      } catch {
        throw new BadRequest(key === 'view' ? 'invalid_arguments' : 'invalid_blocks_format');
      }
    } else {
      args[key] = value;
    }
  }
  return args;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, answer: ApiAnswer): void {
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
  res.end(JSON.stringify(answer.body));
}

const ok = (body: Json = {}): ApiAnswer => ({ status: 200, body: { ok: true, ...body } });
const fail = (error: string, messages?: string[]): ApiAnswer => ({
  status: 200,
  body: { ok: false, error, ...(messages && messages.length > 0 ? { response_metadata: { messages } } : {}) },
});

export async function startSlackFake(options: SlackFakeOptions = {}): Promise<SlackFake> {
  const clock = options.clock ?? systemClock;
  const botToken = options.botToken ?? FAKE_BOT_TOKEN;
  const appToken = options.appToken ?? FAKE_APP_TOKEN;
  const directory = options.directory ?? new Directory();
  const transcript = new Transcript();
  const calls: ApiCall[] = [];
  const responseUrls = new Map<string, ResponseUrlState>();
  const triggers = new Map<string, { user: string; issuedAt: number }>();
  const faultRules = new Map<number, SlackFaultRule & { left: number }>();
  let faultSeq = 0;
  let counter = 0;
  let inFlight = 0;
  let origin = '';

  const nextTs = (): string => `${Math.floor(clock.now().getTime() / 1000)}.${String(++counter).padStart(6, '0')}`;
  const token = (): string => randomBytes(6).toString('hex');

  const channelFor = (ref: string): string | undefined => {
    if (/^[UW]/.test(ref)) return directory.findUser(ref) ? directory.dmWith(ref).id : undefined;
    return directory.findChannel(ref)?.id;
  };

  function post(fields: Omit<SlackMessage, 'ts' | 'history' | 'deleted'>): SlackMessage {
    const message: SlackMessage = { ts: nextTs(), history: [], deleted: false, ...fields };
    transcript.messages.push(message);
    transcript.record({ kind: 'posted', message });
    return message;
  }

  function replace(message: SlackMessage, text: string, blocks: Json[]): void {
    message.history.push({ text: message.text, blocks: message.blocks });
    message.text = text;
    message.blocks = blocks;
    transcript.record({ kind: 'replaced', message });
  }

  function remove(message: SlackMessage): void {
    message.deleted = true;
    transcript.record({ kind: 'deleted', message });
  }

  const blocksOf = (args: Json): Json[] => (Array.isArray(args.blocks) ? args.blocks.filter(isObject) : []);

  const messageJson = (m: SlackMessage): Json => ({
    type: 'message',
    user: m.user,
    ...(m.user === BOT_USER_ID ? { bot_id: BOT_ID, app_id: API_APP_ID } : {}),
    text: m.text,
    blocks: m.blocks,
    ts: m.ts,
    team: TEAM_ID,
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
  });

  const viewJson = (v: SlackView): Json => ({
    ...v.view,
    id: v.id,
    team_id: TEAM_ID,
    app_id: API_APP_ID,
    bot_id: BOT_ID,
    hash: v.hash,
    state: { values: {} },
    root_view_id: v.id,
    external_id: v.externalId ?? '',
    private_metadata: v.privateMetadata ?? '',
    callback_id: v.callbackId ?? '',
  });

  function useTrigger(triggerId: unknown, user?: string): string | undefined {
    const trigger = typeof triggerId === 'string' ? triggers.get(triggerId) : undefined;
    if (!trigger) return undefined;
    triggers.delete(triggerId as string);
    if (clock.now().getTime() - trigger.issuedAt > TRIGGER_TTL_MS) return undefined;
    if (user !== undefined && trigger.user !== user) return undefined;
    return trigger.user;
  }

  function storeView(user: string, view: Json, type: 'modal' | 'home', existing?: SlackView): SlackView {
    const fields = {
      view,
      hash: `${Math.floor(clock.now().getTime() / 1000)}.${token()}`,
      callbackId: str(view.callback_id),
      privateMetadata: str(view.private_metadata),
      externalId: str(view.external_id) ?? existing?.externalId,
    };
    if (existing) return Object.assign(existing, fields);
    const created: SlackView = { id: `V0${String(++counter).padStart(8, '0')}`, user, type, open: true, ...fields };
    transcript.views.push(created);
    return created;
  }

  const methods: Record<string, (args: Json) => ApiAnswer> = {
    'auth.test': () =>
      ok({ url: `https://${TEAM_DOMAIN}.slack.com/`, team: 'HdK Demo', user: 'leihs', team_id: TEAM_ID, user_id: BOT_USER_ID, bot_id: BOT_ID, is_enterprise_install: false }),

    'users.info': (args) => {
      const user = typeof args.user === 'string' ? directory.users.find((u) => u.id === args.user) : undefined;
      if (!user) return fail('user_not_found');
      return ok({
        user: {
          id: user.id,
          team_id: TEAM_ID,
          name: user.name,
          real_name: user.realName,
          deleted: user.deleted,
          is_bot: user.isBot,
          tz: user.tz,
          tz_offset: 3600,
          locale: user.locale,
          profile: { email: user.email, real_name: user.realName, display_name: user.name.split('.')[0] ?? user.name },
        },
      });
    },

    'conversations.open': (args) => {
      const users = str(args.users)?.split(',') ?? [];
      const user = users.length === 1 && users[0] ? directory.findUser(users[0]) : undefined;
      if (!user || user.id !== users[0]) return fail(users.length === 0 ? 'users_list_not_supplied' : 'user_not_found');
      return ok({ channel: { id: directory.dmWith(user.id).id, is_im: true, user: user.id } });
    },

    'chat.postMessage': (args) => {
      const channel = channelFor(str(args.channel) ?? '');
      if (!channel) return fail('channel_not_found');
      const refused = checkMessage(args);
      if (refused) return fail(refused.error, refused.messages);
      const threadTs = str(args.thread_ts);
      if (threadTs && !transcript.findMessage(channel, threadTs)) return fail('thread_not_found');
      const m = post({ channel, user: BOT_USER_ID, text: str(args.text) ?? '', blocks: blocksOf(args), visibility: 'in_channel', via: 'chat.postMessage', ...(threadTs ? { threadTs } : {}) });
      return ok({ channel, ts: m.ts, message: messageJson(m) });
    },

    'chat.postEphemeral': (args) => {
      const channel = channelFor(str(args.channel) ?? '');
      if (!channel) return fail('channel_not_found');
      const user = directory.findUser(str(args.user) ?? '');
      if (!user || user.id !== args.user) return fail('user_not_found');
      const refused = checkMessage(args);
      if (refused) return fail(refused.error, refused.messages);
      const m = post({ channel, user: BOT_USER_ID, text: str(args.text) ?? '', blocks: blocksOf(args), visibility: 'ephemeral', ephemeralTo: user.id, via: 'chat.postEphemeral' });
      return ok({ message_ts: m.ts });
    },

    'chat.update': (args) => {
      const channel = channelFor(str(args.channel) ?? '');
      if (!channel) return fail('channel_not_found');
      const m = transcript.findMessage(channel, str(args.ts) ?? '');
      if (!m || m.deleted || m.visibility === 'ephemeral') return fail('message_not_found');
      if (m.user !== BOT_USER_ID) return fail('cant_update_message');
      const refused = checkMessage({ text: args.text ?? m.text, blocks: args.blocks });
      if (refused) return fail(refused.error, refused.messages);
      replace(m, str(args.text) ?? m.text, args.blocks === undefined ? m.blocks : blocksOf(args));
      return ok({ channel, ts: m.ts, text: m.text, message: messageJson(m) });
    },

    'chat.delete': (args) => {
      const channel = channelFor(str(args.channel) ?? '');
      if (!channel) return fail('channel_not_found');
      const m = transcript.findMessage(channel, str(args.ts) ?? '');
      if (!m || m.deleted || m.visibility === 'ephemeral') return fail('message_not_found');
      if (m.user !== BOT_USER_ID) return fail('cant_delete_message');
      remove(m);
      return ok({ channel, ts: m.ts });
    },

    'chat.getPermalink': (args) => {
      const channel = channelFor(str(args.channel) ?? '');
      if (!channel) return fail('channel_not_found');
      const m = transcript.findMessage(channel, str(args.message_ts) ?? '');
      if (!m || m.deleted) return fail('message_not_found');
      return ok({ channel, permalink: `https://${TEAM_DOMAIN}.slack.com/archives/${channel}/p${m.ts.replace('.', '')}` });
    },

    'views.open': (args) => {
      const refused = checkView(args.view);
      if (refused) return fail(refused.error, refused.messages);
      const user = useTrigger(args.trigger_id);
      if (!user) return fail('expired_trigger_id');
      const view = storeView(user, args.view as Json, 'modal');
      transcript.record({ kind: 'view_opened', view });
      return ok({ view: viewJson(view) });
    },

    'views.push': (args) => {
      const refused = checkView(args.view);
      if (refused) return fail(refused.error, refused.messages);
      const user = useTrigger(args.trigger_id);
      if (!user) return fail('expired_trigger_id');
      const stack = transcript.views.filter((v) => v.user === user && v.type === 'modal' && v.open);
      if (stack.length === 0) return fail('not_found');
      if (stack.length >= 3) return fail('push_limit_reached');
      const view = storeView(user, args.view as Json, 'modal');
      transcript.record({ kind: 'view_pushed', view });
      return ok({ view: viewJson(view) });
    },

    'views.update': (args) => {
      const refused = checkView(args.view);
      if (refused) return fail(refused.error, refused.messages);
      const existing = transcript.views.find(
        (v) => (args.view_id !== undefined && v.id === args.view_id) || (args.external_id !== undefined && v.externalId === args.external_id),
      );
      if (!existing || (existing.type === 'modal' && !existing.open)) return fail('not_found');
      if (typeof args.hash === 'string' && args.hash !== existing.hash) return fail('hash_conflict');
      const view = storeView(existing.user, args.view as Json, existing.type, existing);
      transcript.record({ kind: 'view_updated', view });
      return ok({ view: viewJson(view) });
    },

    'views.publish': (args) => {
      const user = directory.findUser(str(args.user_id) ?? '');
      if (!user || user.id !== args.user_id) return fail('user_not_found');
      const refused = checkView(args.view);
      if (refused) return fail(refused.error, refused.messages);
      if (!isObject(args.view) || args.view.type !== 'home') return fail('invalid_arguments', ['[ERROR] must be home [json-pointer:/view/type]']);
      const existing = transcript.home(user.id);
      if (existing && typeof args.hash === 'string' && args.hash !== existing.hash) return fail('hash_conflict');
      const view = storeView(user.id, args.view, 'home', existing);
      transcript.record({ kind: 'home_published', view });
      return ok({ view: viewJson(view) });
    },
  };

  function takeFault(method: string): SlackFaultRule | undefined {
    for (const [id, rule] of faultRules) {
      if (rule.method !== '*' && rule.method !== method) continue;
      rule.left -= 1;
      if (rule.left <= 0) faultRules.delete(id);
      return rule;
    }
    return undefined;
  }

  async function callMethod(method: string, req: IncomingMessage, raw: string): Promise<ApiAnswer> {
    let args: Json;
    try {
      args = parseApiBody(raw, req.headers['content-type']);
    } catch (err) {
      return fail(err instanceof BadRequest ? err.message : 'invalid_form_data');
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? str(args.token);
    const isConnectionsOpen = method === 'apps.connections.open';
    let answer: ApiAnswer;
    if (!bearer) answer = fail('not_authed');
    else if (bearer !== (isConnectionsOpen ? appToken : botToken)) answer = fail('invalid_auth');
    else {
      const fault = takeFault(method);
      if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault?.retryAfterSec !== undefined) {
        answer = { status: fault.status ?? 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(fault.retryAfterSec) } };
      } else if (fault?.error !== undefined || fault?.status !== undefined) {
        answer = { ...fail(fault.error ?? 'internal_error'), status: fault.status ?? 200 };
      } else if (isConnectionsOpen) {
        answer = fake.socket ? ok({ url: fake.socket.issueUrl() }) : fail('not_allowed_token_type');
      } else {
        const handler = methods[method];
        answer = handler ? handler(args) : fail('unknown_method');
      }
    }
    const error = answer.body.ok === true ? undefined : str(answer.body.error);
    calls.push({ method, args, at: clock.now().getTime(), status: answer.status, ok: answer.body.ok === true, ...(error ? { error } : {}) });
    return answer;
  }

  function respondTo(id: string, raw: string, contentType: string | undefined): ApiAnswer {
    const state = responseUrls.get(id);
    if (!state) return { status: 404, body: { ok: false, error: 'invalid_url' } };
    if (clock.now().getTime() - state.createdAt > RESPONSE_URL_TTL_MS) return { status: 404, body: { ok: false, error: 'expired_url' } };
    if (state.uses >= RESPONSE_URL_USES) return { status: 404, body: { ok: false, error: 'used_url' } };
    let args: Json;
    try {
      args = parseApiBody(raw, contentType?.startsWith('application/x-www-form-urlencoded') ? contentType : 'application/json');
    } catch {
      return { status: 400, body: { ok: false, error: 'invalid_payload' } };
    }
    state.uses += 1;
    const original = state.original && !state.original.deleted ? state.original : undefined;
    if (flag(args.delete_original)) {
      if (original) remove(original);
      return ok();
    }
    const refused = checkMessage(args);
    if (refused) return { status: 400, body: { ok: false, error: refused.error, ...(refused.messages.length ? { response_metadata: { messages: refused.messages } } : {}) } };
    const text = str(args.text) ?? '';
    const blocks = blocksOf(args);
    if (flag(args.replace_original) && original) {
      const wanted = str(args.response_type);
      if (wanted === 'in_channel' && original.visibility === 'ephemeral') {
        original.visibility = 'in_channel';
        delete original.ephemeralTo;
      }
      replace(original, text, blocks);
      return ok();
    }
    const inChannel = args.response_type === 'in_channel';
    const m = post({
      channel: state.channel,
      user: BOT_USER_ID,
      text,
      blocks,
      visibility: inChannel ? 'in_channel' : 'ephemeral',
      ...(inChannel ? {} : { ephemeralTo: state.user }),
      ...(str(args.thread_ts) ? { threadTs: str(args.thread_ts) } : {}),
      via: 'response_url',
    });
    if (state.followsLatest) state.original = m;
    return ok();
  }

  const server: Server = createServer((req, res) => {
    inFlight += 1;
    res.on('close', () => (inFlight -= 1));
    void (async () => {
      const raw = await readBody(req);
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      const api = /^\/api\/([a-zA-Z.]+)$/.exec(path);
      const response = /^\/response\/([a-f0-9]+)$/.exec(path);
      if (req.method === 'POST' && api?.[1]) return send(res, await callMethod(api[1], req, raw));
      if (req.method === 'POST' && response?.[1]) return send(res, respondTo(response[1], raw, req.headers['content-type']));
      send(res, { status: 404, body: { ok: false, error: 'unknown_method' } });
    })().catch(() => {
      if (!res.headersSent) send(res, { status: 500, body: { ok: false, error: 'internal_error' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: SlackFake = {
    apiUrl: `${origin}/api/`,
    url: origin,
    botToken,
    appToken,
    directory,
    transcript,
    driver: undefined as unknown as Driver,
    calls,
    inFlight: () => inFlight + (fake.socket?.pendingAcks() ?? 0),
    faults: {
      add(rule) {
        faultRules.set(++faultSeq, { ...rule, left: rule.times ?? Number.POSITIVE_INFINITY });
        return faultSeq;
      },
      remove: (id) => void faultRules.delete(id),
      clear: () => faultRules.clear(),
    },
    issueResponseUrl(user, channel, original, followsLatest) {
      const id = token() + token();
      responseUrls.set(id, { id, user, channel, createdAt: clock.now().getTime(), uses: 0, followsLatest, ...(original ? { original } : {}) });
      return `${origin}/response/${id}`;
    },
    issueTriggerId(user) {
      const id = `${++counter}.${TEAM_ID.slice(1)}.${token()}`;
      triggers.set(id, { user, issuedAt: clock.now().getTime() });
      return id;
    },
    showCommandAck(responseUrl, user, channel, ack) {
      const body: Json = isObject(ack) ? ack : typeof ack === 'string' && ack.length > 0 ? { text: ack } : {};
      if (!str(body.text) && !Array.isArray(body.blocks)) return;
      const inChannel = body.response_type === 'in_channel';
      const m = post({
        channel,
        user: BOT_USER_ID,
        text: str(body.text) ?? '',
        blocks: blocksOf(body),
        visibility: inChannel ? 'in_channel' : 'ephemeral',
        ...(inChannel ? {} : { ephemeralTo: user }),
        via: 'ack',
      });
      const state = responseUrls.get(responseUrl.split('/').at(-1) ?? '');
      if (state) state.original = m;
    },
    applyViewAck(view, ack) {
      const body = isObject(ack) ? ack : {};
      const action = str(body.response_action);
      const stack = transcript.views.filter((v) => v.user === view.user && v.type === 'modal' && v.open);
      if (action === 'errors') {
        transcript.record({ kind: 'view_errors', view, errors: isObject(body.errors) ? (body.errors as Record<string, string>) : {} });
      } else if (action === 'update' && isObject(body.view)) {
        transcript.record({ kind: 'view_updated', view: storeView(view.user, body.view, 'modal', view) });
      } else if (action === 'push' && isObject(body.view)) {
        transcript.record({ kind: 'view_pushed', view: storeView(view.user, body.view, 'modal') });
      } else {
        const closing = action === 'clear' ? stack : [view];
        for (const v of closing) {
          v.open = false;
          transcript.record({ kind: 'view_closed', view: v });
        }
      }
    },
    slackbotSays(user, channel, text) {
      return post({ channel, user: 'USLACKBOT', text, blocks: [], visibility: 'ephemeral', ephemeralTo: user, via: 'slack' });
    },
    async close() {
      await fake.socket?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  if (options.socketMode) {
    const { attachSocketMode } = await import('./socket-mode.js');
    fake.socket = attachSocketMode(server, origin);
  }
  fake.driver = createDriver(fake);
  return fake;
}
