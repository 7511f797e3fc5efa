/** A GroupChangeLeihs in memory: groups, users, approver facts, a count of writes, and injectable failures. */
import { LeihsError, type LeihsErrorKind } from '../../src/leihs/errors.js';
import type { ApproverFacts, GroupChangeLeihs, GroupRef, UserRef } from '../../src/services/group-change-leihs.js';
import type { Clicker } from '../../src/services/approval-decision.js';

export const people = {
  anna: { slackUserId: 'U0ANNA0SC', email: 'anna.schmid@hdk.example', leihsUserId: 'leihs-anna' },
  marco: { slackUserId: 'U0MARCO0B', email: 'marco.bernasconi@hdk.example', leihsUserId: 'leihs-marco' },
  ruth: { slackUserId: 'U0RUTH0KE', email: 'ruth.keller@hdk.example', leihsUserId: 'leihs-ruth' },
  jonas: { slackUserId: 'U0JONAS0M', email: 'jonas.meier@hdk.example', leihsUserId: 'leihs-jonas' },
  nobody: { slackUserId: 'U0NOBODY1', email: 'nobody@elsewhere.example' },
} as const;

const facts: Record<string, ApproverFacts> = {
  'leihs-anna': { isAdmin: false, managesSomePool: false },
  'leihs-marco': { isAdmin: false, managesSomePool: true },
  'leihs-ruth': { isAdmin: true, managesSomePool: false },
  'leihs-jonas': { isAdmin: false, managesSomePool: false },
};

/** What a fresh identity look-up would say about each demo person. */
export function clickerFor(slackUserId: string): Clicker {
  const person = Object.values(people).find((p) => p.slackUserId === slackUserId);
  if (!person) return { slackUserId };
  if (!('leihsUserId' in person)) return { slackUserId, email: person.email };
  const f = facts[person.leihsUserId] ?? { isAdmin: false, managesSomePool: false };
  return { slackUserId, email: person.email, leihs: { userId: person.leihsUserId, ...f } };
}

type Write = 'createGroup' | 'deleteGroup' | 'addMember' | 'removeMember';

export interface FakeGroupLeihs extends GroupChangeLeihs {
  groups: Map<string, { id: string; name: string; members: Set<string> }>;
  writes: { kind: Write; args: string[] }[];
  /** The next write fails with this kind (and status), once. */
  failNextWrite(kind: LeihsErrorKind, status?: number): void;
  /** Writes wait until `release()` is called, so concurrent clicks overlap for real. */
  holdWrites(): { release(): void };
}

export function fakeGroupLeihs(): FakeGroupLeihs {
  const groups = new Map<string, { id: string; name: string; members: Set<string> }>([
    ['g-old', { id: 'g-old', name: 'Old Group', members: new Set(['leihs-jonas', 'leihs-anna']) }],
    ['g-film', { id: 'g-film', name: 'Film MA', members: new Set(['leihs-jonas']) }],
  ]);
  const users: UserRef[] = [
    { id: 'leihs-anna', name: 'Anna Schmid', email: 'anna.schmid@hdk.example' },
    { id: 'leihs-jonas', name: 'Jonas Meier', email: 'jonas.meier@hdk.example' },
  ];
  const writes: { kind: Write; args: string[] }[] = [];
  let failure: LeihsError | undefined;
  let gate: Promise<void> | undefined;
  let nextId = 1;

  async function write(kind: Write, args: string[], run: () => void): Promise<void> {
    writes.push({ kind, args });
    if (gate) await gate;
    if (failure) {
      const error = failure;
      failure = undefined;
      throw error;
    }
    run();
  }

  const ref = (g: { id: string; name: string; members: Set<string> }): GroupRef => ({ id: g.id, name: g.name, memberCount: g.members.size });

  return {
    groups,
    writes,
    failNextWrite(kind, status) {
      failure = new LeihsError({ kind, service: 'admin', ...(status ? { status } : {}), method: 'POST', path: '/admin/groups/' });
    },
    holdWrites() {
      let release = () => undefined as void;
      gate = new Promise<void>((resolve) => {
        release = () => {
          gate = undefined;
          resolve();
        };
      });
      return { release: () => release() };
    },
    async findGroupByName(name) {
      const g = [...groups.values()].find((x) => x.name.toLowerCase() === name.trim().toLowerCase());
      return g ? ref(g) : undefined;
    },
    async findUser(query) {
      const q = query.trim().toLowerCase();
      return users.find((u) => u.email === q || u.id === q);
    },
    async isMember(groupId, userId) {
      return groups.get(groupId)?.members.has(userId) ?? false;
    },
    async createGroup(input) {
      const id = `g-new-${nextId++}`;
      await write('createGroup', [input.name], () => groups.set(id, { id, name: input.name, members: new Set() }));
      return { id, name: input.name };
    },
    deleteGroup: (groupId) => write('deleteGroup', [groupId], () => groups.delete(groupId)),
    addMember: (groupId, userId) => write('addMember', [groupId, userId], () => groups.get(groupId)?.members.add(userId)),
    removeMember: (groupId, userId) => write('removeMember', [groupId, userId], () => groups.get(groupId)?.members.delete(userId)),
    async approverFacts(user) {
      return facts[user.id] ?? { isAdmin: false, managesSomePool: false };
    },
  };
}
