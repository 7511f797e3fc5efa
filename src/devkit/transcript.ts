/**
 * Everything the fake Slack shows, as Slack would show it: messages (in channel or ephemeral to one
 * person, replaced, deleted, in threads), modals and home tabs per user, and a log of every change
 * that tests and the console can wait on (always with a bound).
 */

type Json = Record<string, unknown>;

export type Visibility = 'in_channel' | 'ephemeral';

export interface SlackMessage {
  ts: string;
  channel: string;
  /** Who posted it (the bot's user id for the app's messages). */
  user: string;
  text: string;
  blocks: Json[];
  visibility: Visibility;
  /** For ephemeral messages: the one person who sees it. */
  ephemeralTo?: string;
  threadTs?: string;
  /** How it got there: a Web API method, `response_url`, or the ack body of a command. */
  via: string;
  /** Earlier versions, oldest first, when chat.update or replace_original changed it. */
  history: { text: string; blocks: Json[] }[];
  deleted: boolean;
}

export interface SlackView {
  id: string;
  user: string;
  type: 'modal' | 'home';
  externalId?: string;
  callbackId?: string;
  privateMetadata?: string;
  hash: string;
  /** The view JSON as the app last sent it. */
  view: Json;
  /** The stack of open modals for the user, or closed. */
  open: boolean;
}

export type TranscriptEvent =
  | { seq: number; kind: 'posted' | 'replaced' | 'deleted'; message: SlackMessage }
  | { seq: number; kind: 'view_opened' | 'view_updated' | 'view_pushed' | 'view_closed' | 'home_published'; view: SlackView }
  | { seq: number; kind: 'view_errors'; view: SlackView; errors: Record<string, string> };

type EventBody = TranscriptEvent extends infer E ? (E extends TranscriptEvent ? Omit<E, 'seq'> : never) : never;

interface Waiter {
  since: number;
  predicate: (e: TranscriptEvent) => boolean;
  resolve: (e: TranscriptEvent) => void;
}

export class WaitTimeoutError extends Error {
  override name = 'WaitTimeoutError';
}

export class Transcript {
  readonly messages: SlackMessage[] = [];
  readonly views: SlackView[] = [];
  readonly events: TranscriptEvent[] = [];
  private waiters = new Set<Waiter>();
  private listeners = new Set<(e: TranscriptEvent) => void>();

  /** The sequence number of the latest event; pass it as `since` to wait for what comes after. */
  mark(): number {
    return this.events.length;
  }

  record(body: EventBody): TranscriptEvent {
    const event = { ...body, seq: this.events.length + 1 } as TranscriptEvent;
    this.events.push(event);
    for (const w of [...this.waiters]) {
      if (event.seq > w.since && w.predicate(event)) {
        this.waiters.delete(w);
        w.resolve(event);
      }
    }
    for (const l of this.listeners) l(event);
    return event;
  }

  /** Calls back on every new event; returns the unsubscribe function. */
  subscribe(listener: (e: TranscriptEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The first event after `since` (default: from now on) that matches, or a WaitTimeoutError after
   * `timeoutMs` (default 5000) listing what did happen.
   */
  waitFor(
    predicate: (e: TranscriptEvent) => boolean,
    options: { since?: number; timeoutMs?: number } = {},
  ): Promise<TranscriptEvent> {
    const since = options.since ?? this.mark();
    const already = this.events.find((e) => e.seq > since && predicate(e));
    if (already) return Promise.resolve(already);
    const timeoutMs = options.timeoutMs ?? 5000;
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { since, predicate, resolve: (e) => (clearTimeout(timer), resolve(e)) };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.events.filter((e) => e.seq > since).map(describeEvent);
        reject(new WaitTimeoutError(`Nothing matching arrived within ${timeoutMs} ms; saw: ${seen.join(' | ') || 'nothing'}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** The next message posted or replaced after `since` (optionally in one channel or to one person). */
  async nextMessage(
    filter: { since?: number; timeoutMs?: number; channel?: string; visibleTo?: string; kind?: 'posted' | 'replaced' } = {},
  ): Promise<SlackMessage> {
    const event = await this.waitFor(
      (e) =>
        (e.kind === 'posted' || e.kind === 'replaced') &&
        (filter.kind === undefined || e.kind === filter.kind) &&
        (filter.channel === undefined || e.message.channel === filter.channel) &&
        (filter.visibleTo === undefined || isVisibleTo(e.message, filter.visibleTo)),
      filter,
    );
    if (!('message' in event)) throw new Error('unreachable: waited for a message event');
    return event.message;
  }

  /** Messages someone can see in a channel now, oldest first (deleted ones are gone). */
  visible(channel: string, user?: string): SlackMessage[] {
    return this.messages.filter((m) => m.channel === channel && !m.deleted && (user === undefined || isVisibleTo(m, user)));
  }

  findMessage(channel: string, ts: string): SlackMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  /** The user's open modal on top of the stack. */
  topModal(user: string): SlackView | undefined {
    return this.views.filter((v) => v.user === user && v.type === 'modal' && v.open).at(-1);
  }

  home(user: string): SlackView | undefined {
    return this.views.find((v) => v.user === user && v.type === 'home');
  }
}

export function isVisibleTo(message: SlackMessage, user: string): boolean {
  return message.visibility === 'in_channel' || message.ephemeralTo === user;
}

function describeEvent(e: TranscriptEvent): string {
  if ('message' in e) return `${e.kind} ${e.message.channel} "${e.message.text.slice(0, 60)}"`;
  return `${e.kind} ${e.view.id}`;
}
