import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { NewRequest, Store } from '../../src/store/store.js';
import { engines, type Engine, type StoreLocation } from './harness.js';

const start = new Date('2026-12-04T09:00:00Z');
const hour = 3_600_000;

const requester = { slackUserId: 'U0ANNA0SC', email: 'anna.schmid@hdk.example', leihsUserId: 'b7a1c3e0-0000-4000-8000-000000000001' };
const manager = { slackUserId: 'U0MARCO0B', email: 'marco.bernasconi@hdk.example', leihsUserId: 'b7a1c3e0-0000-4000-8000-000000000002' };

function newRequest(overrides: Partial<NewRequest> = {}): NewRequest {
  return {
    action: 'group_create',
    params: { name: 'Film Students', description: 'for the film course' },
    requester,
    requestChannel: 'C0GENERAL1',
    createdAt: start,
    expiresAt: new Date(start.getTime() + 24 * hour),
    ...overrides,
  };
}

const at = (ms: number) => new Date(start.getTime() + ms);

for (const engine of await engines()) {
  const title = `${engine.name} store`;
  if (engine.skipReason) describe.skip(`${title} (skipped: ${engine.skipReason})`, () => storeSuite(engine));
  else describe(title, () => storeSuite(engine));
}

function storeSuite(engine: Engine): void {
  const open: Store[] = [];
  let location: StoreLocation;

  async function openAt(where: StoreLocation, clock?: ManualClock): Promise<Store> {
    const store = await where.open(clock);
    open.push(store);
    return store;
  }
  async function fresh(clock?: ManualClock): Promise<Store> {
    location = engine.newLocation();
    return openAt(location, clock);
  }

  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });
  afterAll(() => engine.cleanUp());

  it('reports its engine and answers a ping', async () => {
    const store = await fresh();
    expect(store.engine).toBe(engine.name === 'SQLite' ? 'sqlite' : 'postgres');
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('stores a new request as pending with a short opaque id and reads every field back', async () => {
    const store = await fresh();
    const created = await store.createRequest(newRequest());
    expect(created.id).toMatch(/^R[2-9A-HJ-NP-Z]{9}$/);
    expect(created).toEqual({
      id: created.id,
      action: 'group_create',
      params: { name: 'Film Students', description: 'for the film course' },
      status: 'pending',
      requester,
      requestChannel: 'C0GENERAL1',
      createdAt: start,
      expiresAt: at(24 * hour),
      updatedAt: start,
    });
    expect(await store.getRequest(created.id)).toEqual(created);
    expect(await store.getRequest('RNOSUCHID0')).toBeUndefined();
  });

  it('records where the approval message was posted', async () => {
    const store = await fresh();
    const { id } = await store.createRequest(newRequest());
    await store.setApprovalMessage(id, 'C0APPROVE1', '1733302800.000100');
    expect(await store.getRequest(id)).toMatchObject({ approvalChannel: 'C0APPROVE1', approvalMessageTs: '1733302800.000100' });
  });

  it('moves a request only from the expected status and applies the patch', async () => {
    const store = await fresh();
    const { id } = await store.createRequest(newRequest());
    const executing = await store.transition(id, 'pending', 'executing', { decider: manager, decidedAt: at(60_000), updatedAt: at(60_000) });
    expect(executing).toMatchObject({ status: 'executing', decider: manager, decidedAt: at(60_000), updatedAt: at(60_000) });
    expect(await store.transition(id, 'pending', 'executing', { updatedAt: at(61_000) })).toBeUndefined();
    const approved = await store.transition(id, 'executing', 'approved', { outcome: { groupId: 'g-1' }, updatedAt: at(62_000) });
    expect(approved).toMatchObject({ status: 'approved', outcome: { groupId: 'g-1' }, decider: manager });
    expect(await store.transition(id, ['pending', 'failed'], 'executing', { updatedAt: at(63_000) })).toBeUndefined();
    expect((await store.getRequest(id))?.status).toBe('approved');
  });

  it('lets a failed request be retried (failed → executing) and clears the old reason', async () => {
    const store = await fresh();
    const { id } = await store.createRequest(newRequest());
    await store.transition(id, 'pending', 'executing', { decider: manager, updatedAt: at(1) });
    const failed = await store.transition(id, 'executing', 'failed', { reason: 'A group with this name already exists.', updatedAt: at(2) });
    expect(failed?.reason).toBe('A group with this name already exists.');
    const retried = await store.transition(id, ['pending', 'failed'], 'executing', { reason: null, updatedAt: at(3) });
    expect(retried?.status).toBe('executing');
    expect(retried?.reason).toBeUndefined();
  });

  it('refuses to move an expired request when asked to check expiry, but lets it be marked expired', async () => {
    const store = await fresh();
    const { id } = await store.createRequest(newRequest({ expiresAt: at(hour) }));
    expect(await store.transition(id, 'pending', 'executing', { updatedAt: at(hour) }, { unexpiredAt: at(hour) })).toBeUndefined();
    expect(await store.transition(id, 'pending', 'executing', { updatedAt: at(hour - 1) }, { unexpiredAt: at(hour - 1) })).toMatchObject({
      status: 'executing',
    });
    const other = await store.createRequest(newRequest({ expiresAt: at(hour) }));
    expect((await store.transition(other.id, 'pending', 'expired', { updatedAt: at(hour) }))?.status).toBe('expired');
  });

  it('lets exactly one of 50 concurrent transitions win', async () => {
    const store = await fresh();
    const second = await openAt(location);
    const { id } = await store.createRequest(newRequest());
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 === 0 ? store : second).transition(id, 'pending', 'executing', {
          decider: { slackUserId: `U0CLICK${String(i).padStart(3, '0')}` },
          updatedAt: at(i + 1),
        }),
      ),
    );
    const winners = results.filter((r) => r !== undefined);
    expect(winners).toHaveLength(1);
    expect(await store.getRequest(id)).toMatchObject({ status: 'executing', decider: winners[0]?.decider });
  });

  it('lists requests by status, newest change first, and finds pending ones past their expiry', async () => {
    const store = await fresh();
    const a = await store.createRequest(newRequest({ createdAt: at(1), expiresAt: at(hour) }));
    const b = await store.createRequest(newRequest({ createdAt: at(2), expiresAt: at(2 * hour) }));
    const c = await store.createRequest(newRequest({ createdAt: at(3), expiresAt: at(3 * hour) }));
    await store.transition(a.id, 'pending', 'rejected', { decider: manager, decidedAt: at(10), updatedAt: at(10) });
    expect((await store.listRequests({ statuses: ['pending'], limit: 10 })).map((r) => r.id)).toEqual([c.id, b.id]);
    expect((await store.listRequests({ limit: 10 })).map((r) => r.id)).toEqual([a.id, c.id, b.id]);
    expect((await store.listRequests({ limit: 1 })).map((r) => r.id)).toEqual([a.id]);
    expect((await store.listRequests({ statuses: ['pending'], expiredBy: at(2 * hour), limit: 10 })).map((r) => r.id)).toEqual([b.id]);
  });

  it('counts requests in the given statuses without a limit', async () => {
    const store = await fresh();
    const a = await store.createRequest(newRequest({ createdAt: at(1), expiresAt: at(hour) }));
    await store.createRequest(newRequest({ createdAt: at(2), expiresAt: at(hour) }));
    await store.createRequest(newRequest({ createdAt: at(3), expiresAt: at(hour) }));
    await store.transition(a.id, 'pending', 'rejected', { decider: manager, decidedAt: at(10), updatedAt: at(10) });
    expect(await store.countRequests(['pending'])).toBe(2);
    expect(await store.countRequests(['pending', 'rejected'])).toBe(3);
    expect(await store.countRequests(['failed'])).toBe(0);
    expect(await store.countRequests([])).toBe(0);
  });

  it('appends audit events in order and keeps every field', async () => {
    const store = await fresh();
    const { id } = await store.createRequest(newRequest());
    const first = await store.appendAudit({ requestId: id, action: 'group_create', outcome: 'requested', actor: requester, requester, at: at(0) });
    const second = await store.appendAudit({
      requestId: id,
      action: 'group_create',
      outcome: 'approved',
      actor: manager,
      requester,
      leihsResponse: { status: 201, groupId: 'g-1' },
      at: at(1000),
    });
    expect(second.seq).toBeGreaterThan(first.seq);
    await store.appendAudit({ requestId: 'ROTHER0000', action: 'group_delete', outcome: 'requested', actor: manager, requester: manager, at: at(2) });
    expect(await store.listAudit({ requestId: id, limit: 10 })).toEqual([first, second]);
    expect(second).toMatchObject({ actor: manager, requester, leihsResponse: { status: 201, groupId: 'g-1' }, at: at(1000) });
    expect(await store.listAudit({ limit: 10 })).toHaveLength(3);
  });

  it('refuses to change or delete an audit event even with direct SQL', async () => {
    const store = await fresh();
    await store.appendAudit({ requestId: 'R000000001', action: 'group_create', outcome: 'approved', actor: manager, requester, at: at(0) });
    await expect(location.rawExec("UPDATE audit_events SET outcome = 'rejected'")).rejects.toThrow(/append-only/);
    await expect(location.rawExec('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    expect((await store.listAudit({ limit: 10 }))[0]?.outcome).toBe('approved');
  });

  it('keeps monitor state as JSON per key and overwrites it', async () => {
    const store = await fresh();
    expect(await store.getMonitorState('health')).toBeUndefined();
    await store.putMonitorState('health', { state: 'down', since: '2026-12-04T09:00:00Z', checks: [1, 2] });
    await store.putMonitorState('other', 'x');
    expect(await store.getMonitorState('health')).toEqual({ state: 'down', since: '2026-12-04T09:00:00Z', checks: [1, 2] });
    await store.putMonitorState('health', { state: 'ok' });
    expect(await store.getMonitorState('health')).toEqual({ state: 'ok' });
    expect(await store.getMonitorState('other')).toBe('x');
  });

  it('gives a lock lease to one holder at a time, renews it, and hands it over on expiry or release', async () => {
    const clock = new ManualClock(start);
    const store = await fresh(clock);
    expect(await store.tryAcquireLock('health-monitor', 'replica-a', 60_000)).toBe(true);
    expect(await store.tryAcquireLock('health-monitor', 'replica-b', 60_000)).toBe(false);
    expect(await store.tryAcquireLock('other-lock', 'replica-b', 60_000)).toBe(true);
    clock.advance(50_000);
    expect(await store.tryAcquireLock('health-monitor', 'replica-a', 60_000)).toBe(true);
    clock.advance(50_000);
    expect(await store.tryAcquireLock('health-monitor', 'replica-b', 60_000)).toBe(false);
    clock.advance(10_000);
    expect(await store.tryAcquireLock('health-monitor', 'replica-b', 60_000)).toBe(true);
    await store.releaseLock('health-monitor', 'replica-a');
    expect(await store.tryAcquireLock('health-monitor', 'replica-a', 60_000)).toBe(false);
    await store.releaseLock('health-monitor', 'replica-b');
    expect(await store.tryAcquireLock('health-monitor', 'replica-a', 60_000)).toBe(true);
  });

  it('lets exactly one of 20 concurrent lock attempts win', async () => {
    const clock = new ManualClock(start);
    const store = await fresh(clock);
    const second = await openAt(location, clock);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? store : second).tryAcquireLock('health-monitor', `replica-${i}`, 60_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('keeps requests, audit events and monitor state across a restart', async () => {
    const store = await fresh();
    const { id } = await store.createRequest(newRequest());
    await store.appendAudit({ requestId: id, action: 'group_create', outcome: 'requested', actor: requester, requester, at: at(0) });
    await store.putMonitorState('health', { state: 'ok' });
    await store.close();
    const reopened = await openAt(location);
    expect(await reopened.getRequest(id)).toMatchObject({ id, status: 'pending', requester });
    expect(await reopened.listAudit({ requestId: id, limit: 10 })).toHaveLength(1);
    expect(await reopened.getMonitorState('health')).toEqual({ state: 'ok' });
    expect(await reopened.transition(id, 'pending', 'executing', { updatedAt: at(1) })).toMatchObject({ status: 'executing' });
  });

  it('runs each migration once however often the store is opened, also concurrently', async () => {
    await fresh();
    await Promise.all([openAt(location), openAt(location)]);
    const versions = await location.rawQuery('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((row) => Number(row.version))).toEqual([1]);
  });

  it('rejects a ping after close', async () => {
    const store = await fresh();
    await store.close();
    await expect(store.ping()).rejects.toThrow();
  });
}
