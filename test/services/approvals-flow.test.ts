/**
 * The Slack side of approvals around the services: `/leihs requests`, the expiry sweeper (its limit
 * from LEIHS_TIMEOUT, and stopping it) and waiting out Slack's Retry-After until shutdown.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WebClient } from '@slack/web-api';
import { ErrorCode } from '@slack/web-api';
import { loadConfig } from '../../src/config.js';
import type { AppDeps } from '../../src/deps.js';
import type { LeihsClient } from '../../src/leihs/client.js';
import { startExpirySweeper, sweepExpiredRequests, updateApprovalMessage } from '../../src/listeners/approval-flow.js';
import { requestsIntent } from '../../src/listeners/commands/approval-intents.js';
import { openGroupRequest } from '../../src/services/group-requests.js';
import type { Store, StoredRequest } from '../../src/store/store.js';
import { commandContext, fakeDeps, fakeLogger } from '../listeners/fakes.js';
import { sqliteEngine } from '../store/harness.js';
import { people } from './fake-group-leihs.js';

const minute = 60_000;
const hour = 60 * minute;
const engine = sqliteEngine();
const stores: Store[] = [];

afterEach(async () => {
  vi.useRealTimers();
  for (const store of stores.splice(0)) await store.close();
  await engine.cleanUp();
});

async function withStore(env: Record<string, string> = {}) {
  const { deps: base, clock } = fakeDeps();
  const store = await engine.newLocation().open(clock);
  stores.push(store);
  const config = loadConfig({ LEIHS_URL: 'http://127.0.0.1:9', LEIHS_TOKEN: 'test-token', LEIHS_APPROVALS_CHANNEL: 'C0APPROVE1', ...env });
  const leihs = { baseUrl: 'http://127.0.0.1:9/', admin: {} } as unknown as LeihsClient;
  const deps: AppDeps = { ...base, config, leihs, store };
  const ask = async () => {
    const request = await openGroupRequest(
      { change: { action: 'group_create', name: 'Film Students' }, requester: people.anna, requestChannel: 'C0123ABCD' },
      { store, clock, requestTtlMs: 24 * hour },
    );
    await store.setApprovalMessage(request.id, 'C0APPROVE1', '1700000000.000100');
    return request.id;
  };
  return { deps, clock, store, ask };
}

function slackSide() {
  const update = vi.fn(async () => ({ ok: true }));
  return { update, slack: { client: { chat: { update } } as unknown as WebClient, logger: fakeLogger() } };
}

/** Settles `promise` or says it did not within `ms` (real time). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still waiting'> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<'still waiting'>((resolve) => {
    timer = setTimeout(() => resolve('still waiting'), ms);
  });
  try {
    return await Promise.race([promise, bound]);
  } finally {
    clearTimeout(timer);
  }
}

describe('/leihs requests', () => {
  it('answers from the store without sweeping: an overdue request shows as expired, no message is updated', async () => {
    const { deps, clock, store, ask } = await withStore();
    const id = await ask();
    clock.advance(25 * hour);
    const ctx = commandContext(deps);
    const update = vi.fn(async () => ({ ok: true }));
    Object.assign(ctx.client, { chat: { update } });
    const answer = await requestsIntent({ type: 'requests' }, ctx);
    const text = JSON.stringify(answer.blocks);
    expect(text).toContain(id);
    expect(text).toContain('No open requests.');
    expect(update).not.toHaveBeenCalled();
    expect((await store.getRequest(id))?.status).toBe('pending');
  });
});

describe('the expiry sweeper', () => {
  it('gives a change in leihs ten times LEIHS_TIMEOUT before calling it interrupted', async () => {
    const { deps, clock, store, ask } = await withStore({ LEIHS_TIMEOUT: '60s' });
    const id = await ask();
    await store.transition(id, 'pending', 'executing', { decider: people.marco, decidedAt: clock.now(), updatedAt: clock.now() });
    const { slack } = slackSide();
    clock.advance(6 * minute);
    expect(await sweepExpiredRequests(deps, slack)).toBe(0);
    expect((await store.getRequest(id))?.status).toBe('executing');
    clock.advance(4 * minute);
    expect(await sweepExpiredRequests(deps, slack)).toBe(1);
    expect((await store.getRequest(id))?.status).toBe('failed');
  });

  it('stop() resolves only once a sweep already running has ended', async () => {
    const { deps } = await withStore();
    let finishListing: (rows: StoredRequest[]) => void = () => undefined;
    const listed = new Promise<StoredRequest[]>((resolve) => {
      finishListing = resolve;
    });
    const listRequests = vi.fn(() => listed);
    const store = { listRequests } as unknown as Store;
    const { slack } = slackSide();
    vi.useFakeTimers();
    const sweeper = startExpirySweeper({ ...deps, store }, slack, minute);
    vi.advanceTimersByTime(minute);
    vi.useRealTimers();
    expect(listRequests).toHaveBeenCalledTimes(1);
    let stopped = false;
    const stopping = sweeper.stop().then(() => {
      stopped = true;
    });
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    finishListing([]);
    expect(await within(stopping, 2_000)).toBeUndefined();
    expect(stopped).toBe(true);
  });
});

describe('waiting out Slack rate limits after a decision', () => {
  it('stops waiting for Retry-After as soon as the app shuts down', async () => {
    const { deps, ask, store } = await withStore();
    const request = await store.getRequest(await ask());
    if (!request) throw new Error('request not stored');
    const limited = Object.assign(new Error('A rate limit was exceeded'), { code: ErrorCode.RateLimitedError, retryAfter: 30 });
    const { slack, update } = slackSide();
    update.mockRejectedValue(limited);
    const shutdown = new AbortController();
    const updating = updateApprovalMessage(request, { leihsUrl: deps.config.leihs.url ?? '', shutdown: shutdown.signal }, slack);
    for (let i = 0; i < 100 && update.mock.calls.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(update).toHaveBeenCalledTimes(1);
    shutdown.abort();
    expect(await within(updating, 2_000)).toBeUndefined();
    expect(update).toHaveBeenCalledTimes(1);
    expect(slack.logger.warn).toHaveBeenCalledWith(expect.stringContaining(`approval message for ${request.id} not updated`));
  });
});
