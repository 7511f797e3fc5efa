/**
 * What group change requests need from leihs, in plain data: look-ups before a request is posted,
 * the four writes after approval, and the facts about a clicker that decide whether they may approve.
 * `createGroupChangeLeihs` implements it with the admin API; tests may pass small fakes.
 */
import type { AppDeps } from '../deps.js';
import type { AdminApi } from '../leihs/admin.js';
import { isLeihsError } from '../leihs/errors.js';
import { managerRoles, personName, type UserPoolRole } from './leihs-reader.js';

export interface GroupRef {
  id: string;
  name: string;
  memberCount: number;
}

export interface UserRef {
  id: string;
  name: string;
  email?: string;
}

export interface ApproverFacts {
  isAdmin: boolean;
  managesSomePool: boolean;
}

export interface LeihsUserKey {
  id: string;
  email?: string;
}

export interface GroupChangeLeihs {
  /** The group with exactly this name (ignoring case), if there is one. */
  findGroupByName(name: string): Promise<GroupRef | undefined>;
  /** An enabled user by email (exact) or login; undefined when there is none. */
  findUser(query: string): Promise<UserRef | undefined>;
  isMember(groupId: string, userId: string): Promise<boolean>;
  createGroup(input: { name: string; description?: string }): Promise<{ id: string; name: string }>;
  deleteGroup(groupId: string): Promise<void>;
  addMember(groupId: string, userId: string): Promise<void>;
  removeMember(groupId: string, userId: string): Promise<void>;
  /** Admin flag and pool roles of a leihs user, read now (never cached). */
  approverFacts(user: LeihsUserKey): Promise<ApproverFacts>;
}

/** How many rows to read when looking for one exact name among leihs's fuzzy `term` matches. */
const nameSearchRows = 50;

/** The app's GroupChangeLeihs: the admin API, and roles read over the active pools. */
export function groupChangeLeihsFor(deps: Pick<AppDeps, 'leihs' | 'reader' | 'catalog'>): GroupChangeLeihs {
  return createGroupChangeLeihs({
    admin: deps.leihs.admin,
    userPoolRoles: async (user) => deps.reader.userPoolRoles(user, (await deps.catalog.pools()).filter((pool) => pool.isActive)),
  });
}

/**
 * Whether a leihs user may look people up through the app: leihs's own rule for its users endpoints
 * (an admin, or a lending or inventory manager of some pool). The bot's admin token must not open the
 * directory to everyone in Slack.
 */
export function mayLookUpPeople(facts: ApproverFacts): boolean {
  return facts.isAdmin || facts.managesSomePool;
}

export function createGroupChangeLeihs(deps: {
  admin: AdminApi;
  /** The user's roles in the active pools (the read side's reader does this). */
  userPoolRoles: (user: LeihsUserKey) => Promise<UserPoolRole[]>;
}): GroupChangeLeihs {
  const { admin } = deps;

  async function findGroupByName(name: string): Promise<GroupRef | undefined> {
    const wanted = name.trim().toLowerCase();
    let read = 0;
    for await (const row of admin.groups({ term: name.trim() })) {
      if (row.name.trim().toLowerCase() === wanted) {
        return { id: row.id, name: row.name, memberCount: row.count_users ?? 0 };
      }
      read += 1;
      if (read >= nameSearchRows) break;
    }
    return undefined;
  }

  return {
    findGroupByName,

    async findUser(query) {
      const q = query.trim();
      if (q.includes('@')) {
        const row = await admin.findUserByEmail(q);
        return row && row.account_enabled !== false ? { id: row.id, name: personName(row), email: row.email ?? undefined } : undefined;
      }
      try {
        const user = await admin.user(q);
        return user.account_enabled !== false ? { id: user.id, name: personName(user), email: user.email ?? undefined } : undefined;
      } catch (error) {
        if (isLeihsError(error) && error.kind === 'not_found') return undefined;
        throw error;
      }
    },

    async isMember(groupId, userId) {
      for await (const row of admin.groups({ includingUser: userId })) {
        if (row.id === groupId) return true;
      }
      return false;
    },

    async createGroup(input) {
      const created = await admin.createGroup(input);
      return { id: created.id, name: created.name };
    },
    deleteGroup: (groupId) => admin.deleteGroup(groupId),
    addMember: (groupId, userId) => admin.addGroupMember(groupId, userId),
    removeMember: (groupId, userId) => admin.removeGroupMember(groupId, userId),

    async approverFacts(key) {
      const [user, roles] = await Promise.all([admin.user(key.id), deps.userPoolRoles(key)]);
      return { isAdmin: user.is_admin === true, managesSomePool: roles.some((r) => managerRoles.has(r.role)) };
    },
  };
}
