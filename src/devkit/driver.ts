/**
 * Drives an app as Slack does: slash commands, button clicks (confirm dialogs accepted), view
 * submissions, shortcuts and app_home_opened, sent SIGNED to the app's HTTP endpoint or as Socket
 * Mode envelopes. Payloads carry real response_urls and trigger_ids issued by the fake, so
 * whatever the app answers lands in the transcript.
 */
import { createHmac } from 'node:crypto';
import { messages } from '../messages/index.js';
import { API_APP_ID, BOT_ID, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID } from './directory.js';
import type { SlackFake } from './slack-fake.js';
import type { EnvelopeType } from './socket-mode.js';
import type { SlackMessage, SlackView } from './transcript.js';

type Json = Record<string, unknown>;

/** Slack gives up on an app after three seconds. */
export const ACK_DEADLINE_MS = 3000;
const VERIFICATION_TOKEN = 'fake-verification-token';

/** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. */
export function signSlackRequest(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export interface SignedRequest {
  body: string;
  contentType: string;
  timestamp: number;
  signature: string;
}

/** The headers Slack sends with a signed request. */
export function signedHeaders(req: SignedRequest): Record<string, string> {
  return { 'content-type': req.contentType, 'x-slack-request-timestamp': String(req.timestamp), 'x-slack-signature': req.signature };
}

export interface Delivery {
  /** HTTP status (200 for a Socket Mode ack; 0 when the app did not answer in time). */
  status: number;
  /** The ack body: JSON when the app acked with an object, a string for text, undefined for none. */
  body: unknown;
  ackMs: number;
  timedOut: boolean;
}

export interface Interaction {
  delivery: Delivery;
  /** Transcript mark taken just before sending: wait for what the app does with `since`. */
  since: number;
  responseUrl?: string;
  triggerId?: string;
  payload: Json;
}

export interface UserRef {
  /** An id (`U0ANNA0SC`) or a name the directory knows (`anna`). */
  user: string;
}

export interface Driver {
  /** Send to an HTTP endpoint (e.g. `http://127.0.0.1:PORT/slack/events`), signed with the secret. */
  useHttp(endpoint: string, signingSecret: string): void;
  /** Send as Socket Mode envelopes to the connected app (start the fake with `socketMode: true`). */
  useSocketMode(): void;
  /** Give up on an ack after this long (default three seconds, as Slack). */
  ackDeadlineMs: number;
  slashCommand(args: UserRef & { text: string; channel?: string; command?: string }): Promise<Interaction>;
  /** Clicks a button (by action_id or label) or picks `option` in a select; the confirm dialog is accepted. */
  clickButton(target: SlackMessage | SlackView, actionIdOrLabel: string, opts?: Partial<UserRef> & { option?: string }): Promise<Interaction>;
  /** Submits the user's top modal (or the given one); values by block_id or action_id. */
  submitView(target: SlackView | string, values?: Record<string, string | string[]>): Promise<Interaction>;
  shortcut(callbackId: string, user: string): Promise<Interaction>;
  appHomeOpened(user: string): Promise<Interaction>;
  /** A request signed now, for sending by hand (security tests). */
  sign(body: string, contentType: string, timestamp?: number): SignedRequest;
  /** Sends a prepared request to the HTTP endpoint as is. */
  sendRaw(req: SignedRequest): Promise<Delivery>;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** An option by value or label, or by the start of one label (`Filmpool` for `Filmpool (FILM)`). */
export function pickOption(options: Json[], wanted: string | undefined): Json | undefined {
  if (wanted === undefined) return undefined;
  const label = (o: Json) => (isObject(o.text) ? (str(o.text.text) ?? '') : '');
  const exact = options.find((o) => o.value === wanted || label(o) === wanted);
  if (exact) return exact;
  const starts = options.filter((o) => label(o).toLowerCase().startsWith(wanted.toLowerCase()));
  return starts.length === 1 ? starts[0] : undefined;
}

interface Target {
  kind: 'http' | 'socket';
  endpoint?: string;
  signingSecret?: string;
}

export function createDriver(fake: SlackFake): Driver {
  const { directory, transcript } = fake;
  let target: Target | undefined;
  let seq = 0;
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const actionTs = () => `${nowSeconds()}.${String(++seq).padStart(6, '0')}`;

  const userJson = (id: string): Json => {
    const u = directory.user(id);
    return { id: u.id, username: u.name, name: u.name, team_id: TEAM_ID };
  };
  const team = { id: TEAM_ID, domain: TEAM_DOMAIN };

  async function sendHttp(req: SignedRequest): Promise<Delivery> {
    if (!target?.endpoint) throw new Error('The driver has no HTTP endpoint; call driver.useHttp(url, secret) first');
    const started = performance.now();
    try {
      const res = await fetch(target.endpoint, {
        method: 'POST',
        headers: signedHeaders(req),
        body: req.body,
        signal: AbortSignal.timeout(driver.ackDeadlineMs),
      });
      const text = await res.text();
      let body: unknown = text.length > 0 ? text : undefined;
      if (res.headers.get('content-type')?.includes('application/json') && text.length > 0) body = JSON.parse(text);
      return { status: res.status, body, ackMs: performance.now() - started, timedOut: false };
    } catch (err) {
      if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
        return { status: 0, body: undefined, ackMs: performance.now() - started, timedOut: true };
      }
      throw err;
    }
  }

  function sign(body: string, contentType: string, timestamp = nowSeconds()): SignedRequest {
    if (!target?.signingSecret) throw new Error('The driver has no signing secret; call driver.useHttp(url, secret) first');
    return { body, contentType, timestamp, signature: signSlackRequest(target.signingSecret, timestamp, body) };
  }

  /** The same payload either way: form fields (commands), `payload=` (interactivity) or JSON (events). */
  async function deliver(type: EnvelopeType, payload: Json): Promise<Delivery> {
    if (target?.kind === 'socket' || (!target && fake.socket?.connected())) {
      if (!fake.socket) throw new Error('Start the fake with socketMode: true to deliver over Socket Mode');
      const ack = await fake.socket.deliver(type, payload, driver.ackDeadlineMs);
      return { status: ack.timedOut ? 0 : 200, body: ack.body, ackMs: ack.ackMs, timedOut: ack.timedOut };
    }
    if (type === 'slash_commands') {
      const form = new URLSearchParams(Object.entries(payload).map(([k, v]): [string, string] => [k, String(v)])).toString();
      return sendHttp(sign(form, 'application/x-www-form-urlencoded'));
    }
    if (type === 'interactive') {
      return sendHttp(sign(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded'));
    }
    return sendHttp(sign(JSON.stringify(payload), 'application/json'));
  }

  function reportFailure(command: string, user: string, channel: string, delivery: Delivery): void {
    if (delivery.status === 200) return;
    const error = delivery.timedOut ? 'operation_timeout' : 'dispatch_failed';
    fake.slackbotSays(user, channel, messages.console.slackCommandFailed(command, error));
  }

  function findControl(blocks: unknown[], key: string): { el: Json; blockId?: string } | undefined {
    const found: { el: Json; blockId?: string }[] = [];
    for (const block of blocks) {
      if (!isObject(block)) continue;
      const blockId = str(block.block_id);
      const elements = [...(Array.isArray(block.elements) ? block.elements : []), block.accessory].filter(isObject);
      for (const el of elements) found.push({ el, ...(blockId ? { blockId } : {}) });
    }
    const label = (el: Json) => (isObject(el.text) ? str(el.text.text) : undefined);
    return found.find(({ el }) => el.action_id === key) ?? found.find(({ el }) => label(el)?.toLowerCase() === key.toLowerCase());
  }

  function actionFor(el: Json, blockId: string | undefined, option: string | undefined): Json {
    const base: Json = { action_id: el.action_id, block_id: blockId ?? '', type: el.type, action_ts: actionTs() };
    if (el.type === 'button') {
      return { ...base, text: el.text, ...(el.value !== undefined ? { value: el.value } : {}), ...(el.style ? { style: el.style } : {}) };
    }
    const options = Array.isArray(el.options) ? el.options.filter(isObject) : [];
    const chosen = pickOption(options, option);
    if (el.type === 'users_select') return { ...base, selected_user: option };
    if (el.type === 'conversations_select' || el.type === 'channels_select') return { ...base, selected_conversation: option };
    if (!chosen) throw new Error(`No option "${option ?? ''}" in ${String(el.action_id)}`);
    return { ...base, selected_option: chosen };
  }

  function stateValues(blocks: unknown[], values: Record<string, string | string[]>): Json {
    const state: Json = {};
    for (const block of blocks) {
      if (!isObject(block) || block.type !== 'input' || !isObject(block.element)) continue;
      const el = block.element;
      const blockId = str(block.block_id) ?? '';
      const actionId = str(el.action_id) ?? '';
      const given = values[blockId] ?? values[actionId];
      const single = Array.isArray(given) ? given[0] : given;
      const options = Array.isArray(el.options) ? el.options.filter(isObject) : [];
      const pick = (v: string | undefined) => pickOption(options, v) ?? null;
      let value: Json;
      switch (el.type) {
        case 'static_select':
        case 'radio_buttons':
          value = { selected_option: pick(single ?? str(isObject(el.initial_option) ? el.initial_option.value : undefined)) };
          break;
        case 'multi_static_select':
        case 'checkboxes':
          value = { selected_options: (Array.isArray(given) ? given : given ? [given] : []).map(pick).filter(Boolean) };
          break;
        case 'users_select':
          value = { selected_user: single ?? null };
          break;
        case 'conversations_select':
        case 'channels_select':
          value = { selected_conversation: single ?? null };
          break;
        case 'datepicker':
          value = { selected_date: single ?? null };
          break;
        default:
          value = { value: single ?? str(el.initial_value) ?? null };
      }
      state[blockId] = { ...(isObject(state[blockId]) ? state[blockId] : {}), [actionId]: { type: el.type, ...value } };
    }
    return state;
  }

  const viewPayload = (v: SlackView, values: Json): Json => ({
    id: v.id,
    team_id: TEAM_ID,
    type: v.type,
    blocks: v.view.blocks ?? [],
    private_metadata: v.privateMetadata ?? '',
    callback_id: v.callbackId ?? '',
    state: { values },
    hash: v.hash,
    title: v.view.title,
    ...(v.view.submit ? { submit: v.view.submit } : {}),
    ...(v.view.close ? { close: v.view.close } : {}),
    root_view_id: v.id,
    previous_view_id: null,
    app_id: API_APP_ID,
    external_id: v.externalId ?? '',
    bot_id: BOT_ID,
  });

  const driver: Driver = {
    ackDeadlineMs: ACK_DEADLINE_MS,
    useHttp(endpoint, signingSecret) {
      target = { kind: 'http', endpoint, signingSecret };
    },
    useSocketMode() {
      target = { kind: 'socket' };
    },
    sign,
    sendRaw: sendHttp,

    async slashCommand({ user: ref, text, channel: channelRef = 'general', command = '/leihs' }) {
      const user = directory.user(ref);
      const channel = directory.findChannel(channelRef) ?? (/^[UW]/.test(channelRef) ? directory.dmWith(channelRef) : directory.channel(channelRef));
      const responseUrl = fake.issueResponseUrl(user.id, channel.id, undefined, true);
      const triggerId = fake.issueTriggerId(user.id);
      const payload: Json = {
        token: VERIFICATION_TOKEN,
        team_id: TEAM_ID,
        team_domain: TEAM_DOMAIN,
        channel_id: channel.id,
        channel_name: channel.isIm ? 'directmessage' : channel.name,
        user_id: user.id,
        user_name: user.name,
        command,
        text,
        api_app_id: API_APP_ID,
        is_enterprise_install: 'false',
        response_url: responseUrl,
        trigger_id: triggerId,
      };
      const since = transcript.mark();
      const delivery = await deliver('slash_commands', payload);
      if (delivery.status === 200) fake.showCommandAck(responseUrl, user.id, channel.id, delivery.body);
      else reportFailure(command, user.id, channel.id, delivery);
      return { delivery, since, responseUrl, triggerId, payload };
    },

    async clickButton(targetSurface, key, opts = {}) {
      const isView = 'hash' in targetSurface;
      const blocks = (isView ? targetSurface.view.blocks : targetSurface.blocks) as unknown[] | undefined;
      const control = findControl(blocks ?? [], key);
      if (!control) throw new Error(`No button or menu "${key}" on this ${isView ? 'view' : 'message'}`);
      const userId = directory.user(opts.user ?? (isView ? targetSurface.user : targetSurface.ephemeralTo) ?? '').id;
      const triggerId = fake.issueTriggerId(userId);
      const common: Json = {
        type: 'block_actions',
        user: userJson(userId),
        api_app_id: API_APP_ID,
        token: VERIFICATION_TOKEN,
        trigger_id: triggerId,
        team,
        enterprise: null,
        is_enterprise_install: false,
        actions: [actionFor(control.el, control.blockId, opts.option)],
      };
      let payload: Json;
      let responseUrl: string | undefined;
      if (isView) {
        payload = { ...common, container: { type: 'view', view_id: targetSurface.id }, view: viewPayload(targetSurface, {}), state: { values: {} } };
      } else {
        const m = targetSurface;
        const channel = directory.findChannel(m.channel);
        responseUrl = fake.issueResponseUrl(userId, m.channel, m, false);
        const isEphemeral = m.visibility === 'ephemeral';
        payload = {
          ...common,
          container: { type: 'message', message_ts: m.ts, channel_id: m.channel, is_ephemeral: isEphemeral },
          channel: { id: m.channel, name: channel?.isIm ? 'directmessage' : (channel?.name ?? m.channel) },
          // Slack leaves the message out of payloads from ephemeral messages.
          ...(isEphemeral ? {} : { message: { type: 'message', user: m.user, bot_id: m.user === BOT_USER_ID ? BOT_ID : undefined, text: m.text, blocks: m.blocks, ts: m.ts, team: TEAM_ID } }),
          state: { values: {} },
          response_url: responseUrl,
        };
      }
      const since = transcript.mark();
      const delivery = await deliver('interactive', payload);
      return { delivery, since, triggerId, payload, ...(responseUrl ? { responseUrl } : {}) };
    },

    async submitView(targetView, values = {}) {
      const view = typeof targetView === 'string' ? transcript.topModal(directory.user(targetView).id) : targetView;
      if (!view) throw new Error('There is no open modal to submit');
      const triggerId = fake.issueTriggerId(view.user);
      const payload: Json = {
        type: 'view_submission',
        team,
        user: userJson(view.user),
        api_app_id: API_APP_ID,
        token: VERIFICATION_TOKEN,
        trigger_id: triggerId,
        view: viewPayload(view, stateValues((view.view.blocks as unknown[] | undefined) ?? [], values)),
        response_urls: [],
        is_enterprise_install: false,
        enterprise: null,
      };
      const since = transcript.mark();
      const delivery = await deliver('interactive', payload);
      if (delivery.status === 200) fake.applyViewAck(view, delivery.body);
      return { delivery, since, triggerId, payload };
    },

    async shortcut(callbackId, ref) {
      const userId = directory.user(ref).id;
      const triggerId = fake.issueTriggerId(userId);
      const payload: Json = {
        type: 'shortcut',
        token: VERIFICATION_TOKEN,
        action_ts: actionTs(),
        team,
        user: userJson(userId),
        callback_id: callbackId,
        trigger_id: triggerId,
        is_enterprise_install: false,
        enterprise: null,
      };
      const since = transcript.mark();
      return { delivery: await deliver('interactive', payload), since, triggerId, payload };
    },

    async appHomeOpened(ref) {
      const userId = directory.user(ref).id;
      const home = transcript.home(userId);
      const eventTs = actionTs();
      const payload: Json = {
        token: VERIFICATION_TOKEN,
        team_id: TEAM_ID,
        api_app_id: API_APP_ID,
        event: {
          type: 'app_home_opened',
          user: userId,
          channel: directory.dmWith(userId).id,
          tab: 'home',
          event_ts: eventTs,
          ...(home ? { view: viewPayload(home, {}) } : {}),
        },
        type: 'event_callback',
        event_id: `Ev0${String(++seq).padStart(8, '0')}`,
        event_time: nowSeconds(),
        authorizations: [{ enterprise_id: null, team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
        is_ext_shared_channel: false,
      };
      const since = transcript.mark();
      return { delivery: await deliver('events_api', payload), since, payload };
    },
  };
  return driver;
}
