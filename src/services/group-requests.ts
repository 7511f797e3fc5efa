/**
 * Asking for a group change: the wish (from `/leihs group …` or the modal) is checked against leihs
 * (the group exists or not, the user exists, the name is free, membership fits), then stored as a
 * `pending` request with an audit event. Posting the approval message is the listener's job.
 */
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { GroupChange as GroupChangeWish } from '../commands/parse.js';
import { messages } from '../messages/index.js';
import type { Person, Store, StoredRequest } from '../store/store.js';
import type { GroupChangeLeihs } from './group-change-leihs.js';

const groupRef = z.object({ id: z.string(), name: z.string() });
const userRef = z.object({ id: z.string(), name: z.string(), email: z.string().optional() });

/** The exact change a request stands for: what the approver sees and what runs after approval. */
export const groupChangeSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('group_create'), name: z.string(), description: z.string().optional() }),
  z.object({ action: z.literal('group_delete'), group: groupRef, memberCount: z.number() }),
  z.object({ action: z.literal('group_add_member'), group: groupRef, user: userRef }),
  z.object({ action: z.literal('group_remove_member'), group: groupRef, user: userRef }),
]);
export type GroupChange = z.infer<typeof groupChangeSchema>;

/** The change a stored request stands for; undefined if the row is not a group change we know. */
export function changeOf(request: Pick<StoredRequest, 'action' | 'params'>): GroupChange | undefined {
  const params = typeof request.params === 'object' && request.params !== null && !Array.isArray(request.params) ? request.params : {};
  const parsed = groupChangeSchema.safeParse({ ...params, action: request.action });
  return parsed.success ? parsed.data : undefined;
}

export const groupNameMaxLength = 100;
export const descriptionMaxLength = 500;

/** Slack may turn a typed email into `<mailto:a@b.example|a@b.example>`; this gives the address back. */
export function plainEmail(text: string): string {
  const match = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/.exec(text.trim());
  return (match?.[1] ?? text).trim();
}

/**
 * Why a wish cannot become a change, as data. Names are raw (as typed or as leihs spells them): the
 * builder that shows a problem escapes them (see describeGroupChangeProblem).
 */
export type GroupChangeProblem =
  | { kind: 'name_empty' }
  | { kind: 'name_too_long'; max: number }
  | { kind: 'description_too_long'; max: number }
  | { kind: 'group_exists'; group: string }
  | { kind: 'group_not_found'; group: string }
  | { kind: 'user_not_found'; user: string }
  | { kind: 'already_member'; user: string; group: string }
  | { kind: 'not_member'; user: string; group: string };

export type CheckResult = { ok: true; change: GroupChange } | { ok: false; problem: GroupChangeProblem };

/** The problem in one sentence; `escape` is the builder's escaper for names inside mrkdwn. */
export function describeGroupChangeProblem(problem: GroupChangeProblem, escape: (name: string) => string): string {
  const m = messages.approvals.invalid;
  const quoted = (name: string) => `“${escape(name)}”`;
  switch (problem.kind) {
    case 'name_empty':
      return m.nameEmpty;
    case 'name_too_long':
      return m.nameTooLong(problem.max);
    case 'description_too_long':
      return m.descriptionTooLong(problem.max);
    case 'group_exists':
      return m.groupExists(quoted(problem.group));
    case 'group_not_found':
      return m.groupNotFound(quoted(problem.group));
    case 'user_not_found':
      return m.userNotFound(escape(problem.user));
    case 'already_member':
      return m.alreadyMember(escape(problem.user), quoted(problem.group));
    case 'not_member':
      return m.notMember(escape(problem.user), quoted(problem.group));
  }
}

/** Checks a wish against leihs and turns it into an exact change, or says (as data) why not. */
export async function checkGroupChange(wish: GroupChangeWish, leihs: GroupChangeLeihs): Promise<CheckResult> {
  const problem = (p: GroupChangeProblem): CheckResult => ({ ok: false, problem: p });
  if (wish.action === 'create') {
    const name = wish.name.trim().replace(/\s+/g, ' ');
    const description = wish.description?.trim();
    if (!name) return problem({ kind: 'name_empty' });
    if (name.length > groupNameMaxLength) return problem({ kind: 'name_too_long', max: groupNameMaxLength });
    if (description && description.length > descriptionMaxLength) return problem({ kind: 'description_too_long', max: descriptionMaxLength });
    const existing = await leihs.findGroupByName(name);
    if (existing) return problem({ kind: 'group_exists', group: existing.name });
    return { ok: true, change: description ? { action: 'group_create', name, description } : { action: 'group_create', name } };
  }
  const groupName = wish.action === 'delete' ? wish.name : wish.group;
  const group = await leihs.findGroupByName(groupName);
  if (!group) return problem({ kind: 'group_not_found', group: groupName.trim() });
  const groupRef = { id: group.id, name: group.name };
  if (wish.action === 'delete') return { ok: true, change: { action: 'group_delete', group: groupRef, memberCount: group.memberCount } };

  const userQuery = plainEmail(wish.user);
  const user = await leihs.findUser(userQuery);
  if (!user) return problem({ kind: 'user_not_found', user: userQuery });
  const userRef = user.email ? { id: user.id, name: user.name, email: user.email } : { id: user.id, name: user.name };
  const member = await leihs.isMember(group.id, user.id);
  if (wish.action === 'add_member') {
    if (member) return problem({ kind: 'already_member', user: user.name, group: group.name });
    return { ok: true, change: { action: 'group_add_member', group: groupRef, user: userRef } };
  }
  if (!member) return problem({ kind: 'not_member', user: user.name, group: group.name });
  return { ok: true, change: { action: 'group_remove_member', group: groupRef, user: userRef } };
}

export interface OpenRequestDeps {
  store: Store;
  clock: Clock;
  /** LEIHS_REQUEST_TTL */
  requestTtlMs: number;
}

/** Stores the change as a pending request and records who asked (audit event `requested`). */
export async function openGroupRequest(
  input: { change: GroupChange; requester: Person; requestChannel?: string },
  deps: OpenRequestDeps,
): Promise<StoredRequest> {
  const now = deps.clock.now();
  const { action, ...params } = input.change;
  const request = await deps.store.createRequest({
    action,
    params,
    requester: input.requester,
    ...(input.requestChannel ? { requestChannel: input.requestChannel } : {}),
    createdAt: now,
    expiresAt: new Date(now.getTime() + deps.requestTtlMs),
  });
  await deps.store.appendAudit({
    requestId: request.id,
    action,
    outcome: 'requested',
    actor: input.requester,
    requester: input.requester,
    at: now,
  });
  return request;
}
