/**
 * Deciding on a group change request (Approve, Reject, Retry), exactly once.
 *
 * 1. The request is read from the store; expired or already decided requests change nothing.
 * 2. The clicker is looked up freshly (Slack user → email → leihs user, then admin flag and pool
 *    roles) and judged by the pure `mayDecide`. Nothing from the payload but the signed user id counts.
 * 3. The request moves by compare-and-set (pending → executing, failed → executing, pending|failed →
 *    rejected); only the one caller that wins calls leihs, then records approved or failed.
 * Every decision, and every refused click, is an audit event.
 */
import type { Clock } from '../clock.js';
import { describeLeihsError, isLeihsError } from '../leihs/errors.js';
import { messages } from '../messages/index.js';
import type { JsonValue, Person, RequestStatus, Store, StoredRequest } from '../store/store.js';
import { mayDecide, type ApprovalPolicy, type Clicker, type Decision } from './approval-decision.js';
import type { GroupChangeLeihs } from './group-change-leihs.js';
import { changeOf, type GroupChange } from './group-requests.js';
import type { Identity } from './identity.js';

export interface ApprovalsDeps {
  store: Store;
  leihs: GroupChangeLeihs;
  clock: Clock;
  policy: ApprovalPolicy;
}

export type Refusal = 'not_linked' | 'not_an_approver' | 'own_request';

export type ClickResult =
  /** No such request (never existed, or a different store). */
  | { kind: 'gone' }
  /** This click may not decide; the request is unchanged. */
  | { kind: 'refused'; because: Refusal; request: StoredRequest }
  /** Someone else decided first, or the request is not in a state this decision applies to. */
  | { kind: 'unchanged'; request: StoredRequest }
  /** The request is past its expiry; `request` is the expired request (marked now if it was pending). */
  | { kind: 'expired'; request: StoredRequest; justMarked: boolean }
  /** This click decided it: approved, rejected or failed. */
  | { kind: 'decided'; request: StoredRequest };

/** The statuses each decision may start from. */
const decisionFrom: Record<Decision, readonly RequestStatus[]> = {
  approve: ['pending'],
  retry: ['failed'],
  reject: ['pending', 'failed'],
};

/** The actor recorded for what the app does by itself (expiry). */
export const systemActor: Person = { slackUserId: 'system' };

/** Looks the clicker up freshly: identity without cache, then leihs's admin flag and pool roles. */
export async function lookUpClicker(
  slackUserId: string,
  resolve: (slackUserId: string) => Promise<Identity>,
  leihs: Pick<GroupChangeLeihs, 'approverFacts'>,
): Promise<Clicker> {
  const identity = await resolve(slackUserId);
  // A disabled leihs account counts as no account: nothing is done for it.
  if (!identity.linked || identity.leihsUser.accountEnabled === false) {
    return identity.slack.email ? { slackUserId, email: identity.slack.email } : { slackUserId };
  }
  const user = identity.leihsUser;
  const facts = await leihs.approverFacts(user.email ? { id: user.id, email: user.email } : { id: user.id });
  return {
    slackUserId,
    ...(identity.slack.email ? { email: identity.slack.email } : {}),
    leihs: { userId: identity.leihsUser.id, ...facts },
  };
}

export function personOf(clicker: Clicker): Person {
  return {
    slackUserId: clicker.slackUserId,
    ...(clicker.email ? { email: clicker.email } : {}),
    ...(clicker.leihs ? { leihsUserId: clicker.leihs.userId } : {}),
  };
}

export async function decideOnRequest(
  input: { requestId: string; decision: Decision; slackUserId: string; lookUpClicker: (slackUserId: string) => Promise<Clicker> },
  deps: ApprovalsDeps,
): Promise<ClickResult> {
  const { store, clock } = deps;
  const request = await store.getRequest(input.requestId);
  if (!request) return { kind: 'gone' };
  const settled = await settledState(request, input.decision, deps);
  if (settled) return settled;

  const clicker = await input.lookUpClicker(input.slackUserId);
  const actor = personOf(clicker);
  const verdict = mayDecide(
    input.decision,
    clicker,
    { requesterSlackUserId: request.requester.slackUserId, requesterLeihsUserId: request.requester.leihsUserId },
    deps.policy,
  );
  if (!verdict.allowed) {
    await store.appendAudit({
      requestId: request.id,
      action: request.action,
      outcome: `${input.decision}_refused_${verdict.because}`,
      actor,
      requester: request.requester,
      at: clock.now(),
    });
    return { kind: 'refused', because: verdict.because, request };
  }

  const now = clock.now();
  const from = decisionFrom[input.decision];
  const to: RequestStatus = input.decision === 'reject' ? 'rejected' : 'executing';
  const patch = { decider: actor, decidedAt: now, updatedAt: now, ...(to === 'executing' ? { reason: null } : {}) };
  // Expiry is checked in the same atomic step: a request that expires between the read and here stays put.
  const won = await store.transition(request.id, from, to, patch, from.includes('pending') ? { unexpiredAt: now } : {});
  if (!won) {
    const current = (await store.getRequest(request.id)) ?? request;
    return (await settledState(current, input.decision, deps)) ?? { kind: 'unchanged', request: current };
  }
  if (to === 'rejected') {
    await audit(store, won, verdict.as === 'requester_withdrawing' ? 'withdrawn' : 'rejected', actor, now);
    return { kind: 'decided', request: won };
  }
  return { kind: 'decided', request: await execute(won, actor, deps) };
}

/** The result for a request this decision cannot start from (expired, decided, busy), or undefined. */
async function settledState(request: StoredRequest, decision: Decision, deps: ApprovalsDeps): Promise<ClickResult | undefined> {
  const now = deps.clock.now();
  if (request.status === 'expired') return { kind: 'expired', request, justMarked: false };
  if (request.status === 'pending' && request.expiresAt.getTime() <= now.getTime()) {
    const expired = await expireRequest(request, deps);
    return expired ? { kind: 'expired', request: expired, justMarked: true } : { kind: 'unchanged', request: (await deps.store.getRequest(request.id)) ?? request };
  }
  if (!decisionFrom[decision].includes(request.status)) return { kind: 'unchanged', request };
  return undefined;
}

async function expireRequest(request: StoredRequest, deps: Pick<ApprovalsDeps, 'store' | 'clock'>): Promise<StoredRequest | undefined> {
  const now = deps.clock.now();
  const expired = await deps.store.transition(request.id, 'pending', 'expired', { updatedAt: now });
  if (expired) await audit(deps.store, expired, 'expired', systemActor, now);
  return expired;
}

/** Marks every pending request past its expiry as expired; returns them so their messages can be updated. */
export async function expireDueRequests(deps: Pick<ApprovalsDeps, 'store' | 'clock'>, limit = 100): Promise<StoredRequest[]> {
  const due = await deps.store.listRequests({ statuses: ['pending'], expiredBy: deps.clock.now(), limit });
  const expired: StoredRequest[] = [];
  for (const request of due) {
    const done = await expireRequest(request, deps);
    if (done) expired.push(done);
  }
  return expired;
}

/**
 * How long a request may stay `executing` before it counts as cut off (the process stopped mid-call).
 * A change is one leihs write, never retried, so it ends within connect + headers + body timeouts:
 * about 2 × LEIHS_TIMEOUT plus a few seconds. Ten times LEIHS_TIMEOUT, and never under five minutes,
 * leaves a wide margin, so a slow call that is still running is not marked failed under it.
 */
export function interruptedAfterMs(leihsTimeoutMs: number): number {
  return Math.max(5 * 60_000, 10 * leihsTimeoutMs);
}

/**
 * Requests left `executing` by a process that stopped mid-call become `failed`, saying leihs may or
 * may not have made the change, so a manager can check and retry or reject. Returns them.
 */
export async function failInterruptedRequests(deps: Pick<ApprovalsDeps, 'store' | 'clock'>, olderThanMs: number): Promise<StoredRequest[]> {
  const now = deps.clock.now();
  const executing = await deps.store.listRequests({ statuses: ['executing'], limit: 100 });
  const failed: StoredRequest[] = [];
  for (const request of executing.filter((r) => now.getTime() - r.updatedAt.getTime() >= olderThanMs)) {
    const reason = messages.approvals.reason.interrupted;
    const done = await deps.store.transition(request.id, 'executing', 'failed', { reason, updatedAt: now });
    if (!done) continue;
    await deps.store.appendAudit({ requestId: done.id, action: done.action, outcome: 'interrupted', actor: systemActor, requester: done.requester, leihsResponse: { ok: false, kind: 'interrupted', reason }, at: now });
    failed.push(done);
  }
  return failed;
}

/** Runs the change in leihs for a request this caller moved to `executing`; records approved or failed. */
async function execute(request: StoredRequest, actor: Person, deps: ApprovalsDeps): Promise<StoredRequest> {
  const { store, clock } = deps;
  const change = changeOf(request);
  let outcome: JsonValue;
  try {
    if (!change) throw new Error(`request ${request.id} has an unknown action ${request.action}`);
    outcome = await runChange(change, deps.leihs);
  } catch (error) {
    const reason = failureReason(change, error);
    const at = clock.now();
    const failed = await store.transition(request.id, 'executing', 'failed', { reason, updatedAt: at });
    const leihsResponse: JsonValue = isLeihsError(error)
      ? { ok: false, kind: error.kind, status: error.status ?? null, reason }
      : { ok: false, kind: 'internal', reason };
    await store.appendAudit({ requestId: request.id, action: request.action, outcome: 'failed', actor, requester: request.requester, leihsResponse, at });
    return failed ?? (await store.getRequest(request.id)) ?? request;
  }
  const at = clock.now();
  const approved = await store.transition(request.id, 'executing', 'approved', { outcome, updatedAt: at });
  // Lost: the request was already marked failed as interrupted (and may be retried). Recording
  // `approved` would contradict it; leihs's answer is kept under its own outcome for whoever checks.
  await store.appendAudit({
    requestId: request.id,
    action: request.action,
    outcome: approved ? 'approved' : 'succeeded_after_interrupted',
    actor,
    requester: request.requester,
    leihsResponse: { ok: true, ...(outcome as Record<string, JsonValue>) },
    at,
  });
  return approved ?? (await store.getRequest(request.id)) ?? request;
}

async function runChange(change: GroupChange, leihs: GroupChangeLeihs): Promise<JsonValue> {
  switch (change.action) {
    case 'group_create': {
      const created = await leihs.createGroup(change.description ? { name: change.name, description: change.description } : { name: change.name });
      return { groupId: created.id };
    }
    case 'group_delete':
      await leihs.deleteGroup(change.group.id);
      return { groupId: change.group.id };
    case 'group_add_member':
      await leihs.addMember(change.group.id, change.user.id);
      return { groupId: change.group.id, userId: change.user.id };
    case 'group_remove_member':
      await leihs.removeMember(change.group.id, change.user.id);
      return { groupId: change.group.id, userId: change.user.id };
  }
}

/** leihs's refusal in plain words, specific to the change where leihs's status says enough. */
export function failureReason(change: GroupChange | undefined, error: unknown): string {
  const r = messages.approvals.reason;
  if (!isLeihsError(error) || !change) return describeLeihsError(error);
  const group = `“${change.action === 'group_create' ? change.name : change.group.name}”`;
  if (error.kind === 'forbidden') return r.forbidden;
  if (error.kind === 'timeout') return r.timeout;
  if (error.kind === 'conflict' && change.action === 'group_create') return r.duplicateName(group);
  if (error.kind === 'not_found' || error.kind === 'conflict') {
    if (change.action === 'group_delete') return r.groupGone(group);
    if (change.action === 'group_remove_member') return r.notAMember(change.user.name, group);
    if (change.action === 'group_add_member') return r.groupGone(group);
  }
  return describeLeihsError(error);
}

async function audit(store: Store, request: StoredRequest, outcome: string, actor: Person, at: Date): Promise<void> {
  await store.appendAudit({ requestId: request.id, action: request.action, outcome, actor, requester: request.requester, at });
}

/**
 * Open requests (pending, executing, failed) and the latest decided ones, for `/leihs requests`.
 * A pending request past its expiry is shown as expired (as of its expiry) without waiting for the
 * sweeper to mark it; the overview itself changes nothing.
 */
export async function listRequestsOverview(store: Store, now: Date, limit = 10): Promise<{ open: StoredRequest[]; recent: StoredRequest[] }> {
  const [listedOpen, decided] = await Promise.all([
    store.listRequests({ statuses: ['pending', 'executing', 'failed'], limit }),
    store.listRequests({ statuses: ['approved', 'rejected', 'expired'], limit }),
  ]);
  const overdue = (r: StoredRequest) => r.status === 'pending' && r.expiresAt.getTime() <= now.getTime();
  const open = listedOpen.filter((r) => !overdue(r));
  const expired = listedOpen.filter(overdue).map((r): StoredRequest => ({ ...r, status: 'expired', updatedAt: r.expiresAt }));
  const recent = [...expired, ...decided].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime()).slice(0, limit);
  return { open, recent };
}
