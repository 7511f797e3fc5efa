import { afterEach, describe, expect, it, vi } from 'vitest';
import { groupChangeProblemText } from '../../src/blocks/approval.js';
import { ManualClock } from '../../src/clock.js';
import type { Person, Store } from '../../src/store/store.js';
import type { ApprovalPolicy } from '../../src/services/approval-decision.js';
import {
  decideOnRequest,
  expireDueRequests,
  failInterruptedRequests,
  interruptedAfterMs,
  listRequestsOverview,
  lookUpClicker,
  type ApprovalsDeps,
} from '../../src/services/approvals.js';
import { checkGroupChange, openGroupRequest, type GroupChange } from '../../src/services/group-requests.js';
import type { Identity } from '../../src/services/identity.js';
import { sqliteEngine, type StoreLocation } from '../store/harness.js';
import { clickerFor, fakeGroupLeihs, people, type FakeGroupLeihs } from './fake-group-leihs.js';

/** checkGroupChange with its problem rendered as the requester reads it. */
async function prepareGroupChange(...args: Parameters<typeof checkGroupChange>) {
  const checked = await checkGroupChange(...args);
  return checked.ok ? checked : { ok: false as const, problem: groupChangeProblemText(checked.problem) };
}


const hour = 3_600_000;
const engine = sqliteEngine();
const stores: Store[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  await engine.cleanUp();
});

interface World {
  deps: ApprovalsDeps;
  leihs: FakeGroupLeihs;
  clock: ManualClock;
  store: Store;
  location: StoreLocation;
  lookups: string[];
  click(requestId: string, decision: 'approve' | 'reject' | 'retry', slackUserId: string): ReturnType<typeof decideOnRequest>;
  ask(change: GroupChange, requester?: Person): Promise<string>;
}

async function world(policy: ApprovalPolicy = { approvers: [], allowSelfApproval: false }): Promise<World> {
  const location = engine.newLocation();
  const store = await location.open();
  stores.push(store);
  const clock = new ManualClock('2026-12-04T09:00:00Z');
  const leihs = fakeGroupLeihs();
  const lookups: string[] = [];
  const w: World = {
    deps: { store, leihs, clock, policy },
    leihs,
    clock,
    store,
    location,
    lookups,
    click: (requestId, decision, slackUserId) =>
      decideOnRequest(
        {
          requestId,
          decision,
          slackUserId,
          lookUpClicker: async (id) => {
            lookups.push(id);
            return clickerFor(id);
          },
        },
        w.deps,
      ),
    async ask(change, requester = people.anna) {
      const request = await openGroupRequest({ change, requester, requestChannel: 'C0GENERAL1' }, { store: w.deps.store, clock, requestTtlMs: 24 * hour });
      return request.id;
    },
  };
  return w;
}

const createFilmStudents: GroupChange = { action: 'group_create', name: 'Film Students', description: 'for the film course' };

describe('checks before a request is posted', () => {
  it('refuses to create a group whose name is taken (ignoring case) and says so', async () => {
    const leihs = fakeGroupLeihs();
    expect(await prepareGroupChange({ action: 'create', name: 'old group' }, leihs)).toEqual({
      ok: false,
      problem: 'A group named “Old Group” already exists in leihs; pick another name.',
    });
  });

  it('turns a free name into a create change, trimming spaces', async () => {
    expect(await prepareGroupChange({ action: 'create', name: '  Film  Students ', description: 'for the film course' }, fakeGroupLeihs())).toEqual({
      ok: true,
      change: { action: 'group_create', name: 'Film Students', description: 'for the film course' },
    });
  });

  it('records the current member count for a delete', async () => {
    expect(await prepareGroupChange({ action: 'delete', name: 'Old Group' }, fakeGroupLeihs())).toEqual({
      ok: true,
      change: { action: 'group_delete', group: { id: 'g-old', name: 'Old Group' }, memberCount: 2 },
    });
  });

  it('refuses a delete of a group that does not exist', async () => {
    const result = await prepareGroupChange({ action: 'delete', name: 'Film Students' }, fakeGroupLeihs());
    expect(result).toMatchObject({ ok: false, problem: expect.stringContaining('no group named “Film Students”') });
  });

  it('refuses to add an unknown user, or a member twice, and to remove a non-member', async () => {
    const leihs = fakeGroupLeihs();
    expect(await prepareGroupChange({ action: 'add_member', user: 'nobody@elsewhere.example', group: 'Film MA' }, leihs)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('no enabled user nobody@elsewhere.example'),
    });
    expect(await prepareGroupChange({ action: 'add_member', user: 'jonas.meier@hdk.example', group: 'Film MA' }, leihs)).toMatchObject({
      ok: false,
      problem: 'Jonas Meier is already a member of “Film MA”.',
    });
    expect(await prepareGroupChange({ action: 'remove_member', user: 'anna.schmid@hdk.example', group: 'Film MA' }, leihs)).toMatchObject({
      ok: false,
      problem: 'Anna Schmid is not a member of “Film MA”.',
    });
  });

  it('reads an email Slack turned into a mailto link', async () => {
    expect(await prepareGroupChange({ action: 'add_member', user: '<mailto:anna.schmid@hdk.example|anna.schmid@hdk.example>', group: 'Film MA' }, fakeGroupLeihs())).toEqual({
      ok: true,
      change: { action: 'group_add_member', group: { id: 'g-film', name: 'Film MA' }, user: { id: 'leihs-anna', name: 'Anna Schmid', email: 'anna.schmid@hdk.example' } },
    });
  });

  it('escapes mrkdwn in names it repeats back', async () => {
    const result = await prepareGroupChange({ action: 'delete', name: '<!channel> & co' }, fakeGroupLeihs());
    expect(result).toMatchObject({ ok: false, problem: expect.stringContaining('“&lt;!channel&gt; &amp; co”') });
  });
});

describe('deciding on a group change request', () => {
  it('stores a new request as pending with a `requested` audit event', async () => {
    const w = await world();
    const id = await w.ask(createFilmStudents);
    expect(await w.store.getRequest(id)).toMatchObject({ status: 'pending', requester: people.anna, expiresAt: new Date('2026-12-05T09:00:00Z') });
    expect((await w.store.listAudit({ requestId: id, limit: 10 })).map((e) => e.outcome)).toEqual(['requested']);
  });

  it('an approval by a pool manager creates the group once and records approved with leihs’s answer', async () => {
    const w = await world();
    const id = await w.ask(createFilmStudents);
    const result = await w.click(id, 'approve', people.marco.slackUserId);
    expect(result).toMatchObject({ kind: 'decided', request: { status: 'approved', decider: people.marco, outcome: { groupId: 'g-new-1' } } });
    expect(w.leihs.writes).toEqual([{ kind: 'createGroup', args: ['Film Students'] }]);
    const audit = await w.store.listAudit({ requestId: id, limit: 10 });
    expect(audit.map((e) => e.outcome)).toEqual(['requested', 'approved']);
    expect(audit[1]).toMatchObject({ actor: people.marco, requester: people.anna, leihsResponse: { ok: true, groupId: 'g-new-1' } });
  });

  it('looks the clicker up afresh on every click', async () => {
    const w = await world();
    const id = await w.ask(createFilmStudents);
    await w.click(id, 'approve', people.jonas.slackUserId);
    await w.click(id, 'approve', people.jonas.slackUserId);
    expect(w.lookups).toEqual([people.jonas.slackUserId, people.jonas.slackUserId]);
  });

  it('an unauthorised click changes nothing, calls no leihs write, and is audited as refused', async () => {
    const w = await world();
    const id = await w.ask(createFilmStudents);
    expect(await w.click(id, 'approve', people.jonas.slackUserId)).toMatchObject({ kind: 'refused', because: 'not_an_approver' });
    expect(await w.click(id, 'approve', people.nobody.slackUserId)).toMatchObject({ kind: 'refused', because: 'not_linked' });
    expect((await w.store.getRequest(id))?.status).toBe('pending');
    expect(w.leihs.writes).toEqual([]);
    const audit = await w.store.listAudit({ requestId: id, limit: 10 });
    expect(audit.map((e) => e.outcome)).toEqual(['requested', 'approve_refused_not_an_approver', 'approve_refused_not_linked']);
  });

  it('refuses a self-approval, and allows it when configured', async () => {
    const w = await world();
    const id = await w.ask(createFilmStudents, people.marco);
    expect(await w.click(id, 'approve', people.marco.slackUserId)).toMatchObject({ kind: 'refused', because: 'own_request' });
    expect(w.leihs.writes).toEqual([]);

    const lenient = await world({ approvers: [], allowSelfApproval: true });
    const other = await lenient.ask(createFilmStudents, people.marco);
    expect(await lenient.click(other, 'approve', people.marco.slackUserId)).toMatchObject({ kind: 'decided', request: { status: 'approved' } });
  });

  it('lets someone on LEIHS_APPROVERS approve without a pool role', async () => {
    const w = await world({ approvers: ['jonas.meier@hdk.example'], allowSelfApproval: false });
    const id = await w.ask(createFilmStudents);
    expect(await w.click(id, 'approve', people.jonas.slackUserId)).toMatchObject({ kind: 'decided', request: { status: 'approved' } });
  });

  it('two concurrent approve clicks make exactly one leihs call and one final state; the loser is told who decided', async () => {
    const w = await world();
    const id = await w.ask(createFilmStudents);
    const held = w.leihs.holdWrites();
    const clicks = [w.click(id, 'approve', people.marco.slackUserId), w.click(id, 'approve', people.ruth.slackUserId)];
    await vi.waitFor(() => expect(w.leihs.writes).toHaveLength(1), { timeout: 2000, interval: 5 });
    held.release();
    const results = await Promise.all(clicks);
    expect(results.map((r) => r.kind).sort()).toEqual(['decided', 'unchanged']);
    const loser = results.find((r) => r.kind === 'unchanged');
    const winner = results.find((r) => r.kind === 'decided');
    expect(loser && 'request' in loser ? loser.request.decider : undefined).toEqual(winner && 'request' in winner ? winner.request.decider : 'none');
    expect(w.leihs.writes).toHaveLength(1);
    expect((await w.store.getRequest(id))?.status).toBe('approved');
    const outcomes = (await w.store.listAudit({ requestId: id, limit: 10 })).map((e) => e.outcome);
    expect(outcomes.filter((o) => o === 'approved')).toHaveLength(1);
  });

  it('approve and reject racing: exactly one wins and leihs is called only if approve won', async () => {
    for (let round = 0; round < 5; round += 1) {
      const w = await world();
      const id = await w.ask(createFilmStudents);
      const results = await Promise.all([w.click(id, 'reject', people.ruth.slackUserId), w.click(id, 'approve', people.marco.slackUserId)]);
      const decided = results.filter((r) => r.kind === 'decided');
      expect(decided).toHaveLength(1);
      const final = (await w.store.getRequest(id))?.status;
      expect(['approved', 'rejected']).toContain(final);
      expect(w.leihs.writes).toHaveLength(final === 'approved' ? 1 : 0);
    }
  });

  it.each([
    ['a duplicate name (409)', 'conflict', 409, 'a group named “Film Students” already exists.'],
    ['a refusal (403)', 'forbidden', 403, 'the app’s leihs account may not change groups (it needs admin rights, or this group is protected).'],
    ['a timeout', 'timeout', undefined, 'leihs did not answer in time. It may or may not have made the change; check in leihs before retrying.'],
  ] as const)('a leihs failure, %s, leaves the request failed with a clear reason, and a retry works', async (_name, kind, status, reason) => {
    const w = await world();
    const id = await w.ask(createFilmStudents);
    w.leihs.failNextWrite(kind, status);
    const failed = await w.click(id, 'approve', people.marco.slackUserId);
    expect(failed).toMatchObject({ kind: 'decided', request: { status: 'failed', reason, decider: people.marco } });
    expect([...w.leihs.groups.values()].map((g) => g.name)).not.toContain('Film Students');

    expect(await w.click(id, 'approve', people.ruth.slackUserId)).toMatchObject({ kind: 'unchanged', request: { status: 'failed' } });
    const retried = await w.click(id, 'retry', people.ruth.slackUserId);
    expect(retried).toMatchObject({ kind: 'decided', request: { status: 'approved', decider: people.ruth } });
    expect(retried.kind === 'decided' ? retried.request.reason : 'x').toBeUndefined();
    expect(w.leihs.writes).toHaveLength(2);
    const audit = await w.store.listAudit({ requestId: id, limit: 10 });
    expect(audit.map((e) => e.outcome)).toEqual(['requested', 'failed', 'approved']);
    expect(audit[1]?.leihsResponse).toMatchObject({ ok: false, kind, reason });
  });

  it('a failed request can be rejected, and then not retried', async () => {
    const w = await world();
    const id = await w.ask(createFilmStudents);
    w.leihs.failNextWrite('conflict', 409);
    await w.click(id, 'approve', people.marco.slackUserId);
    expect(await w.click(id, 'reject', people.ruth.slackUserId)).toMatchObject({ kind: 'decided', request: { status: 'rejected' } });
    expect(await w.click(id, 'retry', people.marco.slackUserId)).toMatchObject({ kind: 'unchanged', request: { status: 'rejected' } });
    expect(w.leihs.writes).toHaveLength(1);
  });

  it('the requester may withdraw their own request; it is audited as withdrawn', async () => {
    const w = await world();
    const id = await w.ask(createFilmStudents);
    expect(await w.click(id, 'reject', people.anna.slackUserId)).toMatchObject({ kind: 'decided', request: { status: 'rejected', decider: people.anna } });
    expect((await w.store.listAudit({ requestId: id, limit: 10 })).map((e) => e.outcome)).toEqual(['requested', 'withdrawn']);
  });

  it('an expired request changes nothing on a click and is marked expired once', async () => {
    const w = await world();
    const id = await w.ask(createFilmStudents);
    w.clock.advance(24 * hour);
    expect(await w.click(id, 'approve', people.marco.slackUserId)).toMatchObject({ kind: 'expired', justMarked: true, request: { status: 'expired' } });
    expect(await w.click(id, 'reject', people.ruth.slackUserId)).toMatchObject({ kind: 'expired', justMarked: false });
    expect(w.leihs.writes).toEqual([]);
    expect(w.lookups).toEqual([]);
    expect((await w.store.listAudit({ requestId: id, limit: 10 })).map((e) => e.outcome)).toEqual(['requested', 'expired']);
  });

  it('the sweeper expires only pending requests past their expiry', async () => {
    const w = await world();
    const old = await w.ask(createFilmStudents);
    w.clock.advance(12 * hour);
    const young = await w.ask({ action: 'group_create', name: 'Sound Lab' });
    w.clock.advance(12 * hour);
    expect((await expireDueRequests(w.deps)).map((r) => r.id)).toEqual([old]);
    expect((await w.store.getRequest(young))?.status).toBe('pending');
    expect(await expireDueRequests(w.deps)).toEqual([]);
  });

  it('an execution cut off by a stopped process becomes failed after five minutes (default LEIHS_TIMEOUT), and can be retried', async () => {
    const w = await world();
    const id = await w.ask(createFilmStudents);
    const olderThanMs = interruptedAfterMs(10_000);
    await w.store.transition(id, 'pending', 'executing', { decider: people.marco, decidedAt: w.clock.now(), updatedAt: w.clock.now() });
    w.clock.advance(4 * 60_000);
    expect(await failInterruptedRequests(w.deps, olderThanMs)).toEqual([]);
    w.clock.advance(60_000);
    expect(await failInterruptedRequests(w.deps, olderThanMs)).toMatchObject([{ id, status: 'failed', reason: expect.stringContaining('may or may not have made the change') }]);
    expect(await w.click(id, 'retry', people.ruth.slackUserId)).toMatchObject({ kind: 'decided', request: { status: 'approved' } });
    expect((await w.store.listAudit({ requestId: id, limit: 10 })).map((e) => e.outcome)).toEqual(['requested', 'interrupted', 'approved']);
  });

  it('a request survives a restart (SQLite file reopened) and can still be approved', async () => {
    const w = await world();
    const id = await w.ask({ action: 'group_delete', group: { id: 'g-old', name: 'Old Group' }, memberCount: 2 });
    await w.store.close();
    const reopened = await w.location.open();
    stores.push(reopened);
    w.deps = { ...w.deps, store: reopened };
    expect(await w.click(id, 'approve', people.ruth.slackUserId)).toMatchObject({ kind: 'decided', request: { status: 'approved' } });
    expect(w.leihs.groups.has('g-old')).toBe(false);
  });

  it('a click on an unknown request id says it is gone', async () => {
    const w = await world();
    expect(await w.click('RZZZZZZZZZ', 'approve', people.marco.slackUserId)).toEqual({ kind: 'gone' });
  });

  it('runs add and remove member changes with the ids checked at request time', async () => {
    const w = await world();
    const add = await w.ask({ action: 'group_add_member', group: { id: 'g-film', name: 'Film MA' }, user: { id: 'leihs-anna', name: 'Anna Schmid' } });
    const remove = await w.ask({ action: 'group_remove_member', group: { id: 'g-film', name: 'Film MA' }, user: { id: 'leihs-jonas', name: 'Jonas Meier' } });
    await w.click(add, 'approve', people.marco.slackUserId);
    await w.click(remove, 'approve', people.marco.slackUserId);
    expect([...(w.leihs.groups.get('g-film')?.members ?? [])]).toEqual(['leihs-anna']);
  });

  it('lists open requests and recent decisions for /leihs requests', async () => {
    const w = await world();
    const open = await w.ask(createFilmStudents);
    const decided = await w.ask({ action: 'group_create', name: 'Sound Lab' });
    await w.click(decided, 'reject', people.ruth.slackUserId);
    const overview = await listRequestsOverview(w.store, w.clock.now());
    expect(overview.open.map((r) => r.id)).toEqual([open]);
    expect(overview.recent.map((r) => r.id)).toEqual([decided]);
  });

  it('the overview shows a pending request past its expiry as expired (as of its expiry) and leaves the store alone', async () => {
    const w = await world();
    const overdue = await w.ask(createFilmStudents);
    w.clock.advance(12 * hour);
    const decided = await w.ask({ action: 'group_create', name: 'Sound Lab' });
    await w.click(decided, 'reject', people.ruth.slackUserId);
    w.clock.advance(13 * hour);
    const overview = await listRequestsOverview(w.store, w.clock.now());
    expect(overview.open).toEqual([]);
    expect(overview.recent.map((r) => [r.id, r.status])).toEqual([
      [overdue, 'expired'],
      [decided, 'rejected'],
    ]);
    expect(overview.recent[0]?.updatedAt).toEqual(new Date('2026-12-05T09:00:00Z'));
    expect((await w.store.getRequest(overdue))?.status).toBe('pending');
  });

  it('waits ten times LEIHS_TIMEOUT, at least five minutes, before calling an execution interrupted', () => {
    expect(interruptedAfterMs(10_000)).toBe(5 * 60_000);
    expect(interruptedAfterMs(60_000)).toBe(10 * 60_000);
    // Far above the longest a single leihs write can take (connect 5 s + headers + body timeouts).
    for (const timeoutMs of [1_000, 10_000, 30_000, 120_000]) expect(interruptedAfterMs(timeoutMs)).toBeGreaterThan(3 * (5_000 + 2 * timeoutMs));
  });

  it('an approval whose leihs call outlives the interrupted limit records the answer of leihs but not "approved"', async () => {
    const w = await world();
    const id = await w.ask(createFilmStudents);
    const hold = w.leihs.holdWrites();
    const click = w.click(id, 'approve', people.marco.slackUserId);
    for (let i = 0; i < 100 && w.leihs.writes.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(w.leihs.writes).toHaveLength(1);
    w.clock.advance(interruptedAfterMs(10_000));
    expect(await failInterruptedRequests(w.deps, interruptedAfterMs(10_000))).toMatchObject([{ id, status: 'failed' }]);
    hold.release();
    expect(await click).toMatchObject({ kind: 'decided', request: { id, status: 'failed' } });
    const audit = await w.store.listAudit({ requestId: id, limit: 10 });
    expect(audit.map((e) => e.outcome)).toEqual(['requested', 'interrupted', 'succeeded_after_interrupted']);
    expect(audit[2]?.leihsResponse).toMatchObject({ ok: true, groupId: expect.any(String) });
  });
});

describe('looking up the clicker', () => {
  const slack = { slackUserId: 'U0MARCO0B', email: 'marco.bernasconi@hdk.example', isBot: false, deleted: false };
  const leihs = { approverFacts: vi.fn(async () => ({ isAdmin: false, managesSomePool: true })) };

  it('asks leihs for the roles of the linked user', async () => {
    const identity: Identity = { linked: true, slack, leihsUser: { id: 'leihs-marco', email: slack.email, accountEnabled: true } };
    expect(await lookUpClicker('U0MARCO0B', async () => identity, leihs)).toEqual({
      slackUserId: 'U0MARCO0B',
      email: 'marco.bernasconi@hdk.example',
      leihs: { userId: 'leihs-marco', isAdmin: false, managesSomePool: true },
    });
    expect(leihs.approverFacts).toHaveBeenCalledWith({ id: 'leihs-marco', email: slack.email });
  });

  it('treats a disabled leihs account like no account', async () => {
    const identity: Identity = { linked: true, slack, leihsUser: { id: 'leihs-marco', accountEnabled: false } };
    expect(await lookUpClicker('U0MARCO0B', async () => identity, leihs)).toEqual({ slackUserId: 'U0MARCO0B', email: slack.email });
  });
});
