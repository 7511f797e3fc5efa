/**
 * The admin service (`/admin/...`): pools, users, groups and the catalogue of buildings, rooms,
 * categories and suppliers. Lists are async iterators over leihs's pages (paginate.ts); the users
 * list is read in small pages only, because every row carries an avatar (Corrections 7) — people
 * search belongs to the inventory users endpoint.
 */
import type { z } from 'zod';
import { LeihsError } from './errors.js';
import { fetchHealth, type ServiceHealth } from './health.js';
import type { HttpMethod, LeihsHttp, Query } from './http.js';
import { adminUsersMaxPerPage, walkAdminPages, type AdminPaging } from './paginate.js';
import { adminPaths } from './paths.js';
import {
  adminList,
  adminPool,
  adminPoolRow,
  adminUser,
  adminUserRow,
  apiToken,
  building,
  categoryTree,
  delegationRow,
  group,
  groupMemberRow,
  groupRow,
  inventoryField,
  mailTemplate,
  parseResponse,
  poolGroupRow,
  poolUserRow,
  room,
  supplier,
  userInventoryPoolRow,
  type UserInventoryPoolRow,
  type AdminPool,
  type AdminPoolRow,
  type AdminUser,
  type AdminUserRow,
  type ApiToken,
  type Building,
  type CategoryTree,
  type DelegationRow,
  type Group,
  type GroupMemberRow,
  type GroupRow,
  type InventoryField,
  type MailTemplate,
  type PoolGroupRow,
  type PoolRole,
  type PoolUserRow,
  type Room,
  type Supplier,
} from './schemas.js';

export type Rows<T> = AsyncGenerator<T, void, undefined>;
/** `yes` (leihs's default: enabled only), `no`, or `any`. */
export type AccountEnabledFilter = 'yes' | 'no' | 'any';

export interface GroupInput {
  name: string;
  description?: string;
}

export interface AdminApi {
  /** `GET /admin/status` (no auth needed); 900 → `{healthy: false}`. */
  status(): Promise<ServiceHealth>;
  pools(query?: { term?: string; active?: boolean } & AdminPaging): Rows<AdminPoolRow>;
  /** Throws not_found when leihs answers 200 with an empty body. */
  pool(poolId: string): Promise<AdminPool>;
  /** Pool users with `roles` / `direct_roles` / `groups_roles`; `role` means "at least this role". */
  poolUsers(poolId: string, query?: { term?: string; role?: PoolRole | 'any' | 'none' } & AdminPaging): Rows<PoolUserRow>;
  poolGroups(poolId: string, query?: { term?: string } & AdminPaging): Rows<PoolGroupRow>;
  poolDelegations(poolId: string, query?: { term?: string } & AdminPaging): Rows<DelegationRow>;
  /** Small pages only (≤ 100 rows a request): each row carries its avatar. */
  users(query?: { term?: string; accountEnabled?: AccountEnabledFilter } & AdminPaging): Rows<AdminUserRow>;
  /** `uid`: a user id, an email, a login or `org|org_id`. */
  user(uid: string): Promise<AdminUser>;
  /** Exact, case-insensitive email match (primary or secondary) through `term`; null when none. */
  findUserByEmail(email: string, query?: { accountEnabled?: AccountEnabledFilter }): Promise<AdminUserRow | null>;
  /** The user's API tokens (not paginated), e.g. to read the bot token's `expires_at`. */
  userApiTokens(userId: string): Promise<ApiToken[]>;
  /** The user's effective role in each pool where they have one (one request, no avatars). */
  userInventoryPools(userId: string): Promise<UserInventoryPoolRow[]>;
  groups(query?: { term?: string; includingUser?: string } & AdminPaging): Rows<GroupRow>;
  /** Throws not_found when leihs answers 200 with an empty body. */
  group(groupId: string): Promise<Group>;
  /** 201 with the new row; a duplicate name is a conflict (409). */
  createGroup(input: GroupInput): Promise<Group>;
  updateGroup(groupId: string, patch: Partial<GroupInput>): Promise<Group>;
  deleteGroup(groupId: string): Promise<void>;
  groupMembers(groupId: string, query?: { term?: string } & AdminPaging): Rows<GroupMemberRow>;
  /** Idempotent (PUT); `userId` must be the user's UUID. */
  addGroupMember(groupId: string, userId: string): Promise<void>;
  /** not_found when the user is not a member. */
  removeGroupMember(groupId: string, userId: string): Promise<void>;
  buildings(query?: { term?: string } & AdminPaging): Rows<Building>;
  rooms(query?: { term?: string; buildingId?: string } & AdminPaging): Rows<Room>;
  /** The whole category tree (not paginated); `term` is a case-insensitive regex on names. */
  categories(query?: { term?: string }): Promise<CategoryTree>;
  suppliers(query?: { term?: string; poolId?: string } & AdminPaging): Rows<Supplier>;
  inventoryFields(query?: { term?: string; active?: boolean } & AdminPaging): Rows<InventoryField>;
  mailTemplates(query?: AdminPaging): Rows<MailTemplate>;
}

const defaultPerPage = 100;
const usersDefaultPerPage = 25;

export function createAdminApi(http: LeihsHttp): AdminApi {
  async function call<T extends z.ZodType>(schema: T, method: HttpMethod, path: string, query?: Query, body?: unknown) {
    const ctx = { service: 'admin', method, path } as const;
    const response = await http.json({ ...ctx, query, body });
    return parseResponse(schema, response.json, { ...ctx, status: response.status });
  }

  /** A single resource: leihs answers a missing pool/group/building with 200 and an empty body. */
  async function getResource<T extends z.ZodType>(schema: T, path: string): Promise<z.infer<T>> {
    const ctx = { service: 'admin', method: 'GET', path } as const;
    const response = await http.json(ctx);
    if (response.json === undefined) throw new LeihsError({ ...ctx, status: response.status, kind: 'not_found', reason: 'empty_body' });
    return parseResponse(schema, response.json, { ...ctx, status: response.status });
  }

  async function send(method: HttpMethod, path: string, body?: unknown): Promise<void> {
    await http.json({ service: 'admin', method, path, body });
  }

  function list<T extends z.ZodType>(
    key: string,
    row: T,
    /** Built lazily, so a bad id fails on the first read like any other error. */
    path: () => string,
    query: Query,
    paging: AdminPaging,
    pageSize: { defaultPerPage: number; maxPerPage?: number } = { defaultPerPage },
  ): Rows<z.infer<T>> {
    const schema = adminList(key, row);
    return walkAdminPages(
      (page, perPage) => call(schema, 'GET', path(), { ...query, page, 'per-page': perPage }) as Promise<z.infer<T>[]>,
      { ...paging, ...pageSize },
    );
  }

  const userPages = { defaultPerPage: usersDefaultPerPage, maxPerPage: adminUsersMaxPerPage };
  const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : value ? 'yes' : 'no');

  return {
    status: () => fetchHealth(http, 'admin', adminPaths.status()),

    pools: ({ term, active, ...paging } = {}) =>
      list('inventory-pools', adminPoolRow, () => adminPaths.pools(), { term, active: yesNo(active) }, paging),
    pool: async (poolId) => getResource(adminPool, adminPaths.pool(poolId)),
    poolUsers: (poolId, { term, role, ...paging } = {}) =>
      list('users', poolUserRow, () => adminPaths.poolUsers(poolId), { term, role }, paging, userPages),
    poolGroups: (poolId, { term, ...paging } = {}) => list('groups', poolGroupRow, () => adminPaths.poolGroups(poolId), { term }, paging),
    poolDelegations: (poolId, { term, ...paging } = {}) =>
      list('delegations', delegationRow, () => adminPaths.poolDelegations(poolId), { term }, paging),

    users: ({ term, accountEnabled, ...paging } = {}) =>
      list('users', adminUserRow, () => adminPaths.users(), { term, account_enabled: accountEnabled }, paging, userPages),
    user: async (uid) => call(adminUser, 'GET', adminPaths.user(uid)),
    async findUserByEmail(email, { accountEnabled } = {}) {
      const wanted = email.trim().toLowerCase();
      if (!wanted.includes('@')) return null;
      const rows = await call(adminList('users', adminUserRow), 'GET', adminPaths.users(), {
        term: wanted,
        account_enabled: accountEnabled,
        page: 1,
        'per-page': 10,
      });
      // leihs matches primary and secondary email exactly when the term has an @; prefer the primary.
      return rows.find((row) => row.email?.toLowerCase() === wanted) ?? rows[0] ?? null;
    },
    userApiTokens: async (userId) => call(adminList('user-api-tokens', apiToken), 'GET', adminPaths.userApiTokens(userId)),
    userInventoryPools: async (userId) =>
      call(adminList('user-inventory-pools', userInventoryPoolRow), 'GET', adminPaths.userInventoryPools(userId)),

    groups: ({ term, includingUser, ...paging } = {}) =>
      list('groups', groupRow, () => adminPaths.groups(), { term, 'including-user': includingUser }, paging),
    group: async (groupId) => getResource(group, adminPaths.group(groupId)),
    createGroup: async (input) => call(group, 'POST', adminPaths.groups(), undefined, groupBody(input)),
    updateGroup: async (groupId, patch) => call(group, 'PATCH', adminPaths.group(groupId), undefined, groupBody(patch)),
    deleteGroup: async (groupId) => send('DELETE', adminPaths.group(groupId)),
    groupMembers: (groupId, { term, ...paging } = {}) =>
      list('users', groupMemberRow, () => adminPaths.groupUsers(groupId), { term }, paging, userPages),
    addGroupMember: async (groupId, userId) => send('PUT', adminPaths.groupUser(groupId, userId)),
    removeGroupMember: async (groupId, userId) => send('DELETE', adminPaths.groupUser(groupId, userId)),

    buildings: ({ term, ...paging } = {}) => list('buildings', building, () => adminPaths.buildings(), { term }, paging),
    rooms: ({ term, buildingId, ...paging } = {}) =>
      list('rooms', room, () => adminPaths.rooms(), { term, building_id: buildingId }, paging),
    categories: async ({ term } = {}) => call(categoryTree, 'GET', adminPaths.categories(), { term }),
    suppliers: ({ term, poolId, ...paging } = {}) =>
      list('suppliers', supplier, () => adminPaths.suppliers(), { term, inventory_pool_id: poolId }, paging),
    inventoryFields: ({ term, active, ...paging } = {}) =>
      list('inventory-fields', inventoryField, () => adminPaths.inventoryFields(), { term, active: yesNo(active) }, paging),
    mailTemplates: (paging = {}) => list('mail-templates', mailTemplate, () => adminPaths.mailTemplates(), {}, paging),
  };
}

/** Only the keys leihs accepts from us; undefined ones are left out. */
function groupBody(input: Partial<GroupInput>): Record<string, string> {
  const body: Record<string, string> = {};
  if (input.name !== undefined) body['name'] = input.name;
  if (input.description !== undefined) body['description'] = input.description;
  return body;
}
