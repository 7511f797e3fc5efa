/** Fakes for the ops tests: health reports by state, a recording Slack, a SQLite store in a temp dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatPostMessageArguments, ChatUpdateArguments } from '@slack/web-api';
import type { Clock } from '../../src/clock.js';
import type { Overall } from '../../src/ops/incident.js';
import type { MonitorSlack } from '../../src/ops/monitor.js';
import type { HealthReport, HealthService, ServiceCheck } from '../../src/services/health.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';

export const OPS_CHANNEL = 'C0OPS00001';

const servicesFor: Record<Overall, ServiceCheck[]> = {
  ok: [
    { service: 'admin', state: 'up', ms: 12 },
    { service: 'inventory', state: 'up', ms: 15 },
    { service: 'my', state: 'up', ms: 9 },
  ],
  degraded: [
    { service: 'admin', state: 'up', ms: 12 },
    { service: 'inventory', state: 'unhealthy', ms: 40, unhealthy: { memoryOk: false, memoryUsage: 0.97, failingChecks: [] } },
    { service: 'my', state: 'up', ms: 9 },
  ],
  down: [
    { service: 'admin', state: 'unreachable', ms: 2, unreachable: 'refused' },
    { service: 'inventory', state: 'unreachable', ms: 2, unreachable: 'refused' },
    { service: 'my', state: 'unreachable', ms: 2, unreachable: 'refused' },
  ],
};

export function reportFor(overall: Overall, now: Date, tokenExpiresAt?: Date): HealthReport {
  return {
    checkedAt: now,
    overall,
    deadlineMs: 3000,
    services: servicesFor[overall],
    token:
      overall === 'down'
        ? { state: 'unknown', why: 'unreachable' }
        : {
            state: 'valid',
            user: { id: 'u-bot', name: 'leihs Bot', email: 'leihs-bot@hdk.example' },
            isAdmin: true,
            scopes: ['read', 'write', 'admin_read', 'admin_write'],
            searchablePools: [{ id: 'p1', name: 'Fotostudio' }],
            poolsWithoutRole: [],
            ...(tokenExpiresAt ? { expiresAt: tokenExpiresAt, expirySource: 'leihs' as const } : {}),
          },
    bot: { version: '0.1.0', uptimeMs: 60_000, slackMode: 'socket' },
    timings: { total: 20 },
  };
}

/** A health service whose next answers are set by the test. */
export class ScriptedHealth implements HealthService {
  overall: Overall = 'ok';
  tokenExpiresAt?: Date;
  constructor(private readonly clock: Clock) {}
  async check(): Promise<HealthReport> {
    return reportFor(this.overall, this.clock.now(), this.tokenExpiresAt);
  }
}

/** What the tests read of a call's arguments. */
export interface CallArgs {
  channel: string;
  ts?: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  reply_broadcast?: boolean;
}

export type SlackCall = { method: 'chat.postMessage'; args: CallArgs; ts: string } | { method: 'chat.update'; args: CallArgs };

/** Records chat.postMessage / chat.update; `failNext` makes the next call fail like Slack would. */
export class RecordingSlack implements MonitorSlack {
  readonly calls: SlackCall[] = [];
  failNext?: string;
  private seq = 0;
  readonly chat = {
    postMessage: async (args: ChatPostMessageArguments) => {
      this.maybeFail();
      const ts = `1700000000.${String(++this.seq).padStart(6, '0')}`;
      this.calls.push({ method: 'chat.postMessage', args: args as CallArgs, ts });
      return { ok: true, ts };
    },
    update: async (args: ChatUpdateArguments) => {
      this.maybeFail();
      this.calls.push({ method: 'chat.update', args: args as CallArgs });
      return { ok: true };
    },
  };
  private maybeFail(): void {
    if (this.failNext) {
      const error = Object.assign(new Error(`An API error occurred: ${this.failNext}`), { data: { ok: false, error: this.failNext } });
      this.failNext = undefined;
      throw error;
    }
  }
  /** Top-level posts (not thread replies). */
  topLevelPosts() {
    return this.calls.filter((c) => c.method === 'chat.postMessage' && !c.args.thread_ts);
  }
}

/** A SQLite data directory that can be opened more than once (a restart, or a second replica). */
export function sqliteLocation() {
  const dir = mkdtempSync(join(tmpdir(), 'leihs-slack-ops-'));
  const opened: Store[] = [];
  return {
    open(clock: Clock): Store {
      const store = openSqliteStore(dir, clock);
      opened.push(store);
      return store;
    },
    async cleanUp() {
      for (const store of opened) await store.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
