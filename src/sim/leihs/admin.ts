/** The admin service (`/admin/*`): bidi routes, plain-text errors, 544 for the wrong slash form, 403 never 401. */
import { hasAdminScopes, hasSystemAdminScopes } from './auth.js';
import {
  adminPage,
  adminSlice,
  fail,
  isSafeMethod,
  json,
  jsonParam,
  negotiateAdmin,
  noContent,
  pgReply,
  spaHtml,
  text,
  UNCLASSIFIED,
  untyped,
  type Reply,
  type RequestContext,
} from './http.js';
import {
  effectiveRole,
  groupSearchableColumn,
  groupsRole,
  poolUserIds,
  roleRank,
  ROLES,
  type Category,
  type Group,
  type Pool,
  type Role,
  type SimData,
  type User,
} from './model.js';
import { matchRoute, route, type Route } from './router.js';
import { newApiToken } from './seed.js';
import { addDays, byName, createRandom, isoSeconds, isUuid, matchesAllWords, secretFromText, stableUuid } from './util.js';

// ---------------------------------------------------------------- authorizers (adm:routes.clj resolve-table)

const admin = (ctx: RequestContext) => hasAdminScopes(ctx.auth, ctx.method);

function isLendingManagerSomewhere(ctx: RequestContext): boolean {
  if (!ctx.auth) return false;
  const userId = ctx.auth.user.id;
  return ctx.data.pools.some((pool) => roleRank(effectiveRole(ctx.data, userId, pool.id)) >= roleRank('lending_manager'));
}

function roleInPathPool(ctx: RequestContext): number {
  const poolId = ctx.params.pool;
  return ctx.auth && poolId ? roleRank(effectiveRole(ctx.data, ctx.auth.user.id, poolId)) : 0;
}

const usersAndGroups = (ctx: RequestContext) => admin(ctx) || isLendingManagerSomewhere(ctx);
const poolsList = (ctx: RequestContext) => admin(ctx) || (isSafeMethod(ctx.method) && isLendingManagerSomewhere(ctx));
const poolDetail = (ctx: RequestContext) =>
  admin(ctx) ||
  roleInPathPool(ctx) >= roleRank('inventory_manager') ||
  (isSafeMethod(ctx.method) && roleInPathPool(ctx) >= roleRank('lending_manager'));
const poolPeople = (ctx: RequestContext) => admin(ctx) || roleInPathPool(ctx) >= roleRank('lending_manager');
const apiTokens = (ctx: RequestContext) => {
  if (hasSystemAdminScopes(ctx.auth, ctx.method)) return true;
  // own-user-admin-scopes? compares the route's user id (cast to a UUID) with the token's user id: an email never matches.
  const param = ctx.params.user ?? '';
  return isUuid(param) && param.toLowerCase() === ctx.auth?.user.id && admin(ctx);
};

// ---------------------------------------------------------------- PostgreSQL-flavoured errors (→ 409, untyped)

function pgError(message: string): never {
  fail(pgReply(`ERROR: ${message}`));
}

/** A Clojure `case` without a matching clause or a failed `assert`: ring-exception's 500. */
function unclassified(): never {
  fail(text(500, UNCLASSIFIED));
}

function requireUuid(value: string): string {
  if (!isUuid(value)) pgError(`invalid input syntax for type uuid: "${value}"`);
  return value.toLowerCase();
}

/** The body wrap-json-body parsed; without a JSON Content-Type it stays an unread stream and the handler fails (500). */
function body(ctx: RequestContext): Record<string, unknown> {
  const parsed = ctx.jsonBody;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) unclassified();
  return parsed as Record<string, unknown>;
}

// ---------------------------------------------------------------- rows

function rolesMap(role: Role | undefined): Record<Role, boolean> {
  const rank = roleRank(role);
  return Object.fromEntries(ROLES.map((r) => [r, roleRank(r) <= rank])) as Record<Role, boolean>;
}

/** A roles body must be exactly one of the five hierarchical states; anything else is a 422 with an empty body. */
function parseRolesBody(value: Record<string, unknown>): Role | undefined {
  const keys = Object.keys(value).sort();
  if (keys.join(',') !== [...ROLES].sort().join(',') || !ROLES.every((r) => typeof value[r] === 'boolean')) fail(untyped(422));
  let highest: Role | undefined;
  for (const [i, role] of ROLES.entries()) {
    if (value[role] === true) {
      if (i > 0 && value[ROLES[i - 1] as Role] !== true) fail(untyped(422));
      highest = role;
    }
  }
  return highest;
}

const openContractsCache = new WeakMap<SimData, Map<string, number>>();
function openContracts(data: SimData, userId: string): number {
  let counts = openContractsCache.get(data);
  if (!counts) {
    counts = new Map();
    for (const item of data.items) {
      if (item.reservation) counts.set(item.reservation.user_id, (counts.get(item.reservation.user_id) ?? 0) + 1);
    }
    openContractsCache.set(data, counts);
  }
  return counts.get(userId) ?? 0;
}

/**
 * Columns `fields` may add on top of the default ones; it can never remove any (Corrections 7).
 * adm:src/leihs/admin/resources/users/shared.cljc `available-fields`.
 */
const EXTRA_USER_FIELDS = [
  'account_disabled_at',
  'address',
  'badge_id',
  'city',
  'country',
  'created_at',
  'extended_info',
  'img256_url',
  'img_digest',
  'is_admin',
  'is_system_admin',
  'last_sign_in_at',
  'password_sign_in_enabled',
  'phone',
  'secondary_email',
  'system_admin_protected',
  'updated_at',
  'url',
  'zip',
] as const;

/**
 * `fields` as users/main.clj `select-fields` reads it: the JSON-parsed value (a repeated param is a list of them);
 * a plain string such as `is_admin,phone` is a sequence of characters to Clojure and selects nothing.
 */
function requestedFields(query: URLSearchParams): string[] {
  const all = query.getAll('fields');
  if (all.length > 1) return all.map((f) => String(jsonParam(f)));
  const parsed = jsonParam(all[0] ?? null);
  return Array.isArray(parsed) ? parsed.map(String) : [];
}

function userRow(data: SimData, user: User, extra: readonly string[] = []): Record<string, unknown> {
  const row: Record<string, unknown> = {
    id: user.id,
    login: user.login,
    email: user.email,
    firstname: user.firstname,
    lastname: user.lastname,
    org_id: user.org_id,
    organization: user.organization,
    account_enabled: user.account_enabled,
    admin_protected: user.admin_protected,
    img32_url: user.img32_url,
    open_contracts_count: openContracts(data, user.id),
    closed_contracts_count: (user.badge_id ? Number(user.badge_id) : 0) % 7,
    pools_count: data.pools.filter((p) => effectiveRole(data, user.id, p.id)).length,
    groups_count: data.userGroups.get(user.id)?.size ?? 0,
    key: user.id,
  };
  for (const field of extra) {
    if ((EXTRA_USER_FIELDS as readonly string[]).includes(field)) row[field] = user[field as keyof User];
  }
  return row;
}

function userDetail(data: SimData, user: User): Record<string, unknown> {
  const { searchable: _searchable, delegator_user_id: _delegator, ...fields } = user;
  return {
    ...fields,
    contracts_count: openContracts(data, user.id),
    inventory_pool_roles_count: data.pools.filter((p) => data.directRoles.get(p.id)?.has(user.id)).length,
  };
}

function findUser(data: SimData, key: string): User | undefined {
  if (isUuid(key)) return data.index.userById.get(key.toLowerCase());
  if (key.includes('|')) {
    const [org, orgId] = key.split('|');
    return data.users.find((u) => u.organization === org && u.org_id === orgId);
  }
  return data.index.userByEmail.get(key.toLowerCase()) ?? data.index.userByLogin.get(key.toLowerCase());
}

/** A `case` over a query value: a value none of the branches names is a 500 in leihs. */
function caseOf<T>(value: string, branches: Record<string, T>): T {
  if (!Object.hasOwn(branches, value)) unclassified();
  return branches[value] as T;
}

/**
 * The users-list filters of adm:src/leihs/admin/resources/users/main.clj: delegations never appear; `term` with `@`
 * is an exact, case-insensitive match on email or secondary email (the raw term, not trimmed); `account_enabled`
 * defaults to yes; an `account_enabled` or `admin` value the `case` does not name is a 500.
 */
function filterUsers(ctx: RequestContext, users: readonly User[]): User[] {
  const term = ctx.query.get('term') ?? '';
  const enabled = caseOf(ctx.query.get('account_enabled') ?? 'yes', {
    any: undefined,
    '': undefined,
    true: true,
    yes: true,
    false: false,
    no: false,
  });
  const adminFilter = caseOf(ctx.query.get('admin') ?? '', { any: '', '': '', 'leihs-admin': 'is_admin', 'system-admin': 'is_system_admin' } as const);
  const organization = ctx.query.get('organization');
  let candidates: readonly User[] = users;
  const lower = term.toLowerCase();
  if (term.trim() !== '' && term.includes('@')) {
    // userByEmail holds primary and secondary emails, lower-cased.
    const match = ctx.data.index.userByEmail.get(lower);
    candidates = match && users.includes(match) ? [match] : [];
  }
  return candidates.filter(
    (u) =>
      u.delegator_user_id === null &&
      (term.trim() === '' || term.includes('@') || u.searchable.includes(lower) || matchesAllWords(u.searchable, lower)) &&
      (enabled === undefined || u.account_enabled === enabled) &&
      (adminFilter === '' || u[adminFilter]) &&
      (organization === null || organization === '' ? true : organization === '(none)' ? u.organization === '' : u.organization === organization),
  );
}

const organizationsCache = new WeakMap<SimData, string[]>();
function organizations(data: SimData): string[] {
  let list = organizationsCache.get(data);
  if (!list) {
    list = [...new Set(data.users.map((u) => u.organization))].sort();
    organizationsCache.set(data, list);
  }
  return list;
}

// ---------------------------------------------------------------- pools

function poolRow(data: SimData, pool: Pool) {
  return {
    id: pool.id,
    name: pool.name,
    shortname: pool.shortname,
    is_active: pool.is_active,
    users_count: poolUserIds(data, pool.id).size,
    delegations_count: [...poolUserIds(data, pool.id)].filter((id) => data.index.userById.get(id)?.delegator_user_id).length,
  };
}

function poolDetailJson(pool: Pool) {
  const { default_room_id: _room, ...fields } = pool;
  return fields;
}

function listPools(ctx: RequestContext): Reply {
  const page = adminPage(ctx.query);
  const term = (ctx.query.get('term') ?? '').toLowerCase();
  const active = ctx.query.get('active');
  const pools = ctx.data.pools
    .filter((p) => p.name.toLowerCase().includes(term))
    .filter((p) => (active === 'yes' ? p.is_active : active === 'no' ? !p.is_active : true))
    .sort((a, b) => byName(a.name, b.name));
  return json(200, { 'inventory-pools': adminSlice(pools, page, (p) => poolRow(ctx.data, p), false) });
}

function poolOrEmpty(ctx: RequestContext): Pool | undefined {
  return ctx.data.index.poolById.get(requireUuid(ctx.params.pool ?? ''));
}

function userInPool(ctx: RequestContext, user: User, poolId: string) {
  return {
    inventory_pool_id: poolId,
    roles: rolesMap(effectiveRole(ctx.data, user.id, poolId)),
    direct_roles: rolesMap(ctx.data.directRoles.get(poolId)?.get(user.id)),
    groups_roles: rolesMap(groupsRole(ctx.data, user.id, poolId)),
    suspension: ctx.data.suspensions.get(`${poolId}:${user.id}`) ?? {},
  };
}

/** The pool of a pool-scoped list: `normalized-inventory-pool-id!` asserts exactly one match (else a 500). */
function poolOrAssert(ctx: RequestContext): Pool {
  return poolOrEmpty(ctx) ?? unclassified();
}

/** inventory_pool/users/main.clj: `role` (default customer) is "at least this role"; any other value is a 500. */
function listPoolUsers(ctx: RequestContext): Reply {
  const pool = poolOrAssert(ctx);
  const page = adminPage(ctx.query);
  const roleParam = ctx.query.get('role') ?? 'customer';
  if (!['', 'any', 'none', ...ROLES].includes(roleParam)) unclassified();
  const suspension = ctx.query.get('suspension') ?? 'any';
  const holders = poolUserIds(ctx.data, pool.id);
  const users = filterUsers(ctx, ctx.data.users).filter((u) => {
    const rank = roleRank(effectiveRole(ctx.data, u.id, pool.id));
    const roleOk =
      roleParam === '' || roleParam === 'any' ? true : roleParam === 'none' ? !holders.has(u.id) : rank >= roleRank(roleParam as Role);
    const suspended = ctx.data.suspensions.has(`${pool.id}:${u.id}`);
    return roleOk && (suspension === 'suspended' ? suspended : suspension === 'unsuspended' ? !suspended : true);
  });
  return json(200, { users: adminSlice(users, page, (u) => ({ ...userRow(ctx.data, u), ...userInPool(ctx, u, pool.id) })) });
}

function poolUser(ctx: RequestContext): { pool: Pool; user: User } {
  const pool = poolOrEmpty(ctx);
  const user = findUser(ctx.data, ctx.params.user ?? '');
  if (!pool || !user) fail(text(404, 'User not found'));
  return { pool, user };
}

function getPoolUser(ctx: RequestContext): Reply {
  const { pool, user } = poolUser(ctx);
  const open = openContracts(ctx.data, user.id);
  return json(200, {
    ...userDetail(ctx.data, user),
    ...userInPool(ctx, user, pool.id),
    contracts_open_count: open,
    contracts_closed_count: 0,
    reservations_submitted_count: 0,
    reservations_approved_count: 0,
  });
}

/** PUT roles / direct-roles: sets the direct role; a lending manager may not touch inventory_manager. */
function putRoles(ctx: RequestContext): Reply {
  const { pool, user } = poolUser(ctx);
  const role = parseRolesBody(body(ctx));
  const direct = ctx.data.directRoles.get(pool.id);
  if (!direct) fail(text(404, 'User not found'));
  const previous = direct.get(user.id);
  const touchesInventoryManager = role === 'inventory_manager' || previous === 'inventory_manager';
  if (touchesInventoryManager && !hasAdminScopes(ctx.auth, ctx.method) && roleInPathPool(ctx) < roleRank('inventory_manager')) {
    fail(text(403, 'Forbidden'));
  }
  if (role) direct.set(user.id, role);
  else direct.delete(user.id);
  ctx.undo.push(() => (previous ? direct.set(user.id, previous) : direct.delete(user.id)));
  return json(200, rolesMap(role));
}

function getRoles(ctx: RequestContext): Reply {
  const { pool, user } = poolUser(ctx);
  return json(200, rolesMap(effectiveRole(ctx.data, user.id, pool.id)));
}

function getDirectRoles(ctx: RequestContext): Reply {
  const { pool, user } = poolUser(ctx);
  return json(200, rolesMap(ctx.data.directRoles.get(pool.id)?.get(user.id)));
}

function deleteDirectRoles(ctx: RequestContext): Reply {
  const { pool, user } = poolUser(ctx);
  const direct = ctx.data.directRoles.get(pool.id);
  const previous = direct?.get(user.id);
  if (previous === 'inventory_manager' && !hasAdminScopes(ctx.auth, ctx.method) && roleInPathPool(ctx) < roleRank('inventory_manager')) {
    fail(text(403, 'Forbidden'));
  }
  direct?.delete(user.id);
  if (previous) ctx.undo.push(() => direct?.set(user.id, previous));
  return noContent();
}

function listPoolGroups(ctx: RequestContext): Reply {
  const pool = poolOrEmpty(ctx);
  const page = adminPage(ctx.query);
  if (!pool) return json(200, { groups: [] });
  const roleParam = ctx.query.get('role') ?? 'customer';
  const poolRoles = ctx.data.groupRoles.get(pool.id);
  const groups = filterGroups(ctx).filter((g) => {
    const role = poolRoles?.get(g.id);
    if (roleParam === '' || roleParam === 'any') return true;
    if (roleParam === 'none') return role === undefined;
    return (ROLES as readonly string[]).includes(roleParam) && roleRank(role) >= roleRank(roleParam as Role);
  });
  return json(200, {
    groups: adminSlice(groups, page, (g) => ({ ...groupRow(ctx.data, g), inventory_pool_id: pool.id, roles: rolesMap(poolRoles?.get(g.id)) })),
  });
}

function poolGroup(ctx: RequestContext): { pool: Pool; group: Group } {
  const pool = poolOrEmpty(ctx);
  const group = ctx.data.groups.get(requireUuid(ctx.params.group ?? ''));
  if (!pool || !group) fail(untyped(404));
  return { pool, group };
}

function getPoolGroupRoles(ctx: RequestContext): Reply {
  const { pool, group } = poolGroup(ctx);
  return json(200, rolesMap(ctx.data.groupRoles.get(pool.id)?.get(group.id)));
}

function putPoolGroupRoles(ctx: RequestContext): Reply {
  const { pool, group } = poolGroup(ctx);
  const role = parseRolesBody(body(ctx));
  const roles = ctx.data.groupRoles.get(pool.id);
  const previous = roles?.get(group.id);
  if ((role === 'inventory_manager' || previous === 'inventory_manager') && !hasAdminScopes(ctx.auth, ctx.method) && roleInPathPool(ctx) < roleRank('inventory_manager')) {
    fail(text(403, 'Forbidden'));
  }
  if (role) roles?.set(group.id, role);
  else roles?.delete(group.id);
  ctx.undo.push(() => (previous ? roles?.set(group.id, previous) : roles?.delete(group.id)));
  return json(200, rolesMap(role));
}

// ---------------------------------------------------------------- users and tokens

function listUsers(ctx: RequestContext): Reply {
  const page = adminPage(ctx.query);
  const extra = requestedFields(ctx.query);
  const users = filterUsers(ctx, ctx.data.users);
  return json(200, { meta: { organizations: organizations(ctx.data) }, users: adminSlice(users, page, (u) => userRow(ctx.data, u, extra)) });
}

function getUser(ctx: RequestContext): Reply {
  const user = findUser(ctx.data, ctx.params.user ?? '');
  if (!user) return text(404, 'User not found');
  return json(200, userDetail(ctx.data, user));
}

function tokenOwner(ctx: RequestContext): User {
  const user = findUser(ctx.data, ctx.params.user ?? '');
  if (!user) fail(text(404, 'User not found'));
  return user;
}

function listTokens(ctx: RequestContext): Reply {
  const user = tokenOwner(ctx);
  const rows = ctx.data.tokens
    .filter((t) => t.user_id === user.id)
    .map((t) => ({
      id: t.id,
      description: t.description,
      token_part: t.token_part,
      scope_read: t.scope_read,
      scope_write: t.scope_write,
      scope_admin_read: t.scope_admin_read,
      scope_admin_write: t.scope_admin_write,
      expires_at: isoSeconds(t.expires_at),
      created_at: t.created_at,
    }));
  return json(200, { 'user-api-tokens': rows });
}

function tokenRow(t: SimData['tokens'][number]) {
  const { secret: _secret, expires_at, ...fields } = t;
  return { ...fields, expires_at: isoSeconds(expires_at) };
}

function createToken(ctx: RequestContext): Reply {
  const user = tokenOwner(ctx);
  const input = body(ctx);
  const flag = (key: string, fallback: boolean) => (typeof input[key] === 'boolean' ? (input[key] as boolean) : fallback);
  const scopes = {
    scope_read: flag('scope_read', true),
    scope_write: flag('scope_write', false),
    scope_admin_read: flag('scope_admin_read', false),
    scope_admin_write: flag('scope_admin_write', false),
    scope_system_admin_read: flag('scope_system_admin_read', false),
    scope_system_admin_write: flag('scope_system_admin_write', false),
  };
  if (scopes.scope_write && !scopes.scope_read) pgError('new row for relation "api_tokens" violates check constraint "sensible_scope_write"');
  if (scopes.scope_admin_read && !scopes.scope_read) pgError('new row for relation "api_tokens" violates check constraint "sensible_scope_admin_read"');
  if (scopes.scope_admin_write && !scopes.scope_admin_read) pgError('new row for relation "api_tokens" violates check constraint "sensible_scope_admin_write"');
  let expiresAt = addDays(ctx.now, 365);
  if (input.expires_at !== undefined) {
    const value = String(input.expires_at);
    const parsed = new Date(value);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) || Number.isNaN(parsed.getTime())) {
      pgError(`invalid input syntax for type timestamp with time zone: "${value}"`);
    }
    expiresAt = parsed;
  }
  const serial = ctx.data.tokens.length + 1;
  const random = createRandom(ctx.data.seed * 7919 + serial);
  const secret = secretFromText(`leihs-simulator token ${ctx.data.seed} ${serial} ${user.id}`);
  const token = newApiToken(
    ctx.data,
    random,
    {
      user_id: user.id,
      secret,
      ...scopes,
      description: typeof input.description === 'string' ? input.description : null,
      expires_at: expiresAt,
      created: ctx.now,
    },
    `created-${serial}`,
  );
  ctx.data.tokens.push(token);
  ctx.data.index.tokenBySecret.set(secret, token);
  ctx.undo.push(() => {
    ctx.data.tokens.splice(ctx.data.tokens.indexOf(token), 1);
    ctx.data.index.tokenBySecret.delete(secret);
  });
  return json(200, { ...tokenRow(token), token_secret: secret });
}

function findToken(ctx: RequestContext) {
  const user = tokenOwner(ctx);
  const id = requireUuid(ctx.params.token ?? '');
  return ctx.data.tokens.find((t) => t.id === id && t.user_id === user.id);
}

function getToken(ctx: RequestContext): Reply {
  const token = findToken(ctx);
  return token ? json(200, tokenRow(token)) : untyped(200);
}

function patchToken(ctx: RequestContext): Reply {
  const token = findToken(ctx);
  if (!token) return untyped(404);
  const input = body(ctx);
  const before = { ...token };
  if (typeof input.description === 'string') token.description = input.description;
  if (typeof input.expires_at === 'string' && !Number.isNaN(new Date(input.expires_at).getTime())) token.expires_at = new Date(input.expires_at);
  for (const key of ['scope_read', 'scope_write', 'scope_admin_read', 'scope_admin_write'] as const) {
    if (typeof input[key] === 'boolean') token[key] = input[key] as boolean;
  }
  ctx.undo.push(() => Object.assign(token, before));
  return noContent();
}

function deleteToken(ctx: RequestContext): Reply {
  const token = findToken(ctx);
  if (!token) return text(404, 'Token not found');
  const at = ctx.data.tokens.indexOf(token);
  ctx.data.tokens.splice(at, 1);
  ctx.data.index.tokenBySecret.delete(token.secret);
  ctx.undo.push(() => {
    ctx.data.tokens.splice(at, 0, token);
    ctx.data.index.tokenBySecret.set(token.secret, token);
  });
  return noContent();
}

function userPools(ctx: RequestContext): Reply {
  const user = findUser(ctx.data, ctx.params.user ?? '');
  if (!user) return text(404, 'User not found');
  const rows = ctx.data.pools.flatMap((pool) => {
    const role = effectiveRole(ctx.data, user.id, pool.id);
    if (!role) return [];
    const open = ctx.data.items.filter((i) => i.inventory_pool_id === pool.id && i.reservation?.user_id === user.id).length;
    return [
      {
        role,
        inventory_pool_id: pool.id,
        inventory_pool_name: pool.name,
        open_contracts_count: open,
        contracts_count: open,
        submitted_reservations_count: 0,
        approved_reservations_count: 0,
        reservations_count: open,
      },
    ];
  });
  return json(200, { 'user-inventory-pools': rows });
}

// ---------------------------------------------------------------- groups

function groupRow(data: SimData, group: Group) {
  return {
    id: group.id,
    name: group.name,
    organization: group.organization,
    org_id: group.org_id,
    count_users: data.groupMembers.get(group.id)?.size ?? 0,
  };
}

function groupDetail(data: SimData, group: Group) {
  let rolesCount = 0;
  for (const roles of data.groupRoles.values()) if (roles.has(group.id)) rolesCount++;
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    organization: group.organization,
    org_id: group.org_id,
    admin_protected: group.admin_protected,
    system_admin_protected: group.system_admin_protected,
    users_count: data.groupMembers.get(group.id)?.size ?? 0,
    inventory_pools_roles_count: rolesCount,
    created_at: group.created_at,
    updated_at: group.updated_at,
  };
}

const groupSearchable = groupSearchableColumn;

function filterGroups(ctx: RequestContext): Group[] {
  const term = (ctx.query.get('term') ?? '').trim().toLowerCase();
  const includingUser = ctx.query.get('including-user');
  const organization = ctx.query.get('organization');
  const member = includingUser ? findUser(ctx.data, includingUser) : undefined;
  return [...ctx.data.groups.values()]
    .filter((g) => term === '' || groupSearchable(g).toLowerCase().includes(term) || matchesAllWords(groupSearchable(g), term))
    .filter((g) => !includingUser || (member !== undefined && (ctx.data.groupMembers.get(g.id)?.has(member.id) ?? false)))
    .filter((g) => !organization || g.organization === organization)
    .sort((a, b) => byName(a.name, b.name) || byName(a.id, b.id));
}

function listGroups(ctx: RequestContext): Reply {
  const page = adminPage(ctx.query);
  const groups = filterGroups(ctx);
  const orgs = [...new Set([...ctx.data.groups.values()].map((g) => g.organization))].sort();
  return json(200, { meta: { organizations: orgs }, groups: adminSlice(groups, page, (g) => groupRow(ctx.data, g)) });
}

function isAdmin(ctx: RequestContext): boolean {
  return hasAdminScopes(ctx.auth, ctx.method);
}

function assertUniqueName(ctx: RequestContext, name: string, organization: string, except?: string): void {
  for (const group of ctx.data.groups.values()) {
    if (group.id !== except && group.name === name && group.organization === organization) {
      pgError(
        `duplicate key value violates unique constraint "index_groups_on_name_and_organization"\n  Detail: Key (name, organization)=(${name}, ${organization}) already exists.`,
      );
    }
  }
}

function createGroup(ctx: RequestContext): Reply {
  const input = body(ctx);
  for (const key of ['admin_protected', 'org_id', 'organization'] as const) {
    if (key in input && !isAdmin(ctx)) fail(text(403, `Forbitten to set the attribute :${key}`));
  }
  if ('system_admin_protected' in input && !hasSystemAdminScopes(ctx.auth, ctx.method)) {
    fail(text(403, 'Forbitten to set the attribute :system_admin_protected'));
  }
  const organization = typeof input.organization === 'string' ? input.organization : 'local';
  if (organization === 'leihs-core') fail(text(422, 'The leihs-core organizations are protected/reserved!'));
  if (typeof input.name !== 'string') pgError('null value in column "name" of relation "groups" violates not-null constraint');
  assertUniqueName(ctx, input.name, organization);
  const serial = ctx.data.groups.size + 1;
  const now = isoSeconds(ctx.now);
  const group: Group = {
    id: stableUuid(ctx.data.seed, 'created-group', `${serial}:${input.name}:${ctx.now.getTime()}`),
    name: input.name,
    description: typeof input.description === 'string' ? input.description : null,
    org_id: typeof input.org_id === 'string' ? input.org_id : null,
    organization,
    admin_protected: input.admin_protected === true,
    system_admin_protected: input.system_admin_protected === true,
    created_at: now,
    updated_at: now,
  };
  ctx.data.groups.set(group.id, group);
  ctx.data.groupMembers.set(group.id, new Set());
  ctx.undo.push(() => {
    ctx.data.groups.delete(group.id);
    ctx.data.groupMembers.delete(group.id);
  });
  return json(201, { ...group, searchable: groupSearchable(group) });
}

function findGroup(ctx: RequestContext): Group | undefined {
  const key = ctx.params.group ?? '';
  if (isUuid(key)) return ctx.data.groups.get(key.toLowerCase());
  return [...ctx.data.groups.values()].find((g) => g.org_id === key);
}

function getGroup(ctx: RequestContext): Reply {
  const group = ctx.data.groups.get(requireUuid(ctx.params.group ?? ''));
  // A missing group is a 200 with an empty body (the handler returns {:body nil}).
  return group ? json(200, groupDetail(ctx.data, group)) : untyped(200);
}

function assertMayModify(ctx: RequestContext, group: Group): void {
  if (group.admin_protected && !isAdmin(ctx)) fail(text(403, 'Only admins may modify or delete admin-protected entities'));
  if (group.system_admin_protected && !hasSystemAdminScopes(ctx.auth, ctx.method)) {
    fail(text(403, 'Only admins may modify or delete admin-protected entities'));
  }
}

function patchGroup(ctx: RequestContext): Reply {
  const group = ctx.data.groups.get(requireUuid(ctx.params.group ?? ''));
  if (!group) return untyped(404);
  const input = body(ctx);
  assertMayModify(ctx, group);
  for (const key of ['admin_protected', 'org_id', 'organization'] as const) {
    if (key in input && !isAdmin(ctx)) fail(text(403, `Forbitten to change attribute :${key}`));
  }
  const before = { ...group };
  const name = typeof input.name === 'string' ? input.name : group.name;
  const organization = typeof input.organization === 'string' ? input.organization : group.organization;
  assertUniqueName(ctx, name, organization, group.id);
  group.name = name;
  group.organization = organization;
  if ('description' in input) group.description = typeof input.description === 'string' ? input.description : null;
  if ('org_id' in input) group.org_id = typeof input.org_id === 'string' ? input.org_id : null;
  if (typeof input.admin_protected === 'boolean') group.admin_protected = input.admin_protected;
  group.updated_at = isoSeconds(ctx.now);
  ctx.undo.push(() => Object.assign(group, before));
  return json(200, groupDetail(ctx.data, group));
}

function deleteGroup(ctx: RequestContext): Reply {
  const group = ctx.data.groups.get(requireUuid(ctx.params.group ?? ''));
  if (!group) return text(404, 'To be deleted group not found.');
  assertMayModify(ctx, group);
  const members = ctx.data.groupMembers.get(group.id) ?? new Set<string>();
  const roles = [...ctx.data.groupRoles.entries()].flatMap(([poolId, map]) => {
    const role = map.get(group.id);
    return role ? [{ poolId, role }] : [];
  });
  ctx.data.groups.delete(group.id);
  ctx.data.groupMembers.delete(group.id);
  for (const userId of members) ctx.data.userGroups.get(userId)?.delete(group.id);
  for (const { poolId } of roles) ctx.data.groupRoles.get(poolId)?.delete(group.id);
  ctx.undo.push(() => {
    ctx.data.groups.set(group.id, group);
    ctx.data.groupMembers.set(group.id, members);
    for (const userId of members) addToUserGroups(ctx.data, userId, group.id);
    for (const { poolId, role } of roles) ctx.data.groupRoles.get(poolId)?.set(group.id, role);
  });
  return noContent();
}

function addToUserGroups(data: SimData, userId: string, groupId: string): void {
  let set = data.userGroups.get(userId);
  if (!set) data.userGroups.set(userId, (set = new Set()));
  set.add(groupId);
}

function addMember(ctx: RequestContext, group: Group, userId: string): void {
  const members = ctx.data.groupMembers.get(group.id);
  if (!members || members.has(userId)) return;
  members.add(userId);
  addToUserGroups(ctx.data, userId, group.id);
  ctx.undo.push(() => removeMember(ctx.data, group.id, userId));
}

function removeMember(data: SimData, groupId: string, userId: string): void {
  data.groupMembers.get(groupId)?.delete(userId);
  data.userGroups.get(userId)?.delete(groupId);
}

/** A user id for a groups_users row: a UUID (else a cast error) of an existing user (else a FK error). */
function memberId(ctx: RequestContext, value: unknown): string {
  const id = requireUuid(String(value));
  if (!ctx.data.index.userById.has(id)) {
    pgError(
      `insert or update on table "groups_users" violates foreign key constraint "fk_rails_groups_users_user_id"\n  Detail: Key (user_id)=(${id}) is not present in table "users".`,
    );
  }
  return id;
}

/** groups/group/users/main.clj `protected-checked-group!`: a missing group is a 404 text. */
function groupForMembership(ctx: RequestContext): Group {
  return findGroup(ctx) ?? fail(text(404, 'Group not found'));
}

/**
 * `membership` (default yes): `any` lists every user, `yes`/`member` the members; any other value has no `case`
 * clause (a 500). A group id or org_id that matches no group fails `normalized-group-id!`'s assert (a 500).
 */
function listGroupUsers(ctx: RequestContext): Reply {
  const group = findGroup(ctx) ?? unclassified();
  const page = adminPage(ctx.query);
  const membersOnly = caseOf(ctx.query.get('membership') || 'yes', { any: false, yes: true, member: true });
  const members = ctx.data.groupMembers.get(group.id) ?? new Set<string>();
  const users = filterUsers(ctx, ctx.data.users).filter((u) => !membersOnly || members.has(u.id));
  return json(200, {
    users: adminSlice(users, page, (u) => ({ ...userRow(ctx.data, u), group_id: members.has(u.id) ? group.id : null })),
  });
}

function getGroupUser(ctx: RequestContext): Reply {
  const group = findGroup(ctx);
  const user = findUser(ctx.data, ctx.params.user ?? '');
  if (!group || !user || !ctx.data.groupMembers.get(group.id)?.has(user.id)) return untyped(200);
  return json(200, { ...userRow(ctx.data, user), group_id: group.id });
}

function putGroupUser(ctx: RequestContext): Reply {
  const group = groupForMembership(ctx);
  assertMayModify(ctx, group);
  addMember(ctx, group, memberId(ctx, ctx.params.user));
  return noContent();
}

function deleteGroupUser(ctx: RequestContext): Reply {
  const group = groupForMembership(ctx);
  const userId = requireUuid(ctx.params.user ?? '');
  if (!ctx.data.groupMembers.get(group.id)?.has(userId)) {
    return text(404, 'Remove group-user failed. It seems the user is not a member of the group.');
  }
  assertMayModify(ctx, group);
  removeMember(ctx.data, group.id, userId);
  ctx.undo.push(() => addMember(ctx, group, userId));
  return noContent();
}

/**
 * Batch replace (`batch-update-users`): any key besides `ids` is a 422 naming the extra keys as a Clojure set;
 * no `ids` at all means "no members". A bad id mid-way is rolled back by wrap-tx.
 */
function putGroupUsers(ctx: RequestContext): Reply {
  const input = body(ctx);
  const extra = Object.keys(input).filter((k) => k !== 'ids');
  if (extra.length > 0) fail(text(422, `Batch uptdate only supports the ids key, given: #{${extra.map((k) => `:${k}`).join(' ')}}`));
  const group = groupForMembership(ctx);
  assertMayModify(ctx, group);
  const ids = input.ids === undefined || input.ids === null ? [] : Array.isArray(input.ids) ? (input.ids as unknown[]) : unclassified();
  const wanted = new Set<string>();
  const added: string[] = [];
  for (const value of ids) {
    const id = memberId(ctx, value);
    wanted.add(id);
    if (!ctx.data.groupMembers.get(group.id)?.has(id)) {
      addMember(ctx, group, id);
      added.push(id);
    }
  }
  const removed = [...(ctx.data.groupMembers.get(group.id) ?? [])].filter((id) => !wanted.has(id));
  for (const id of removed) {
    removeMember(ctx.data, group.id, id);
    ctx.undo.push(() => addMember(ctx, group, id));
  }
  return json(200, { 'removed-user-ids': removed, 'added-user-ids': added });
}

function groupPoolRoles(ctx: RequestContext): Reply {
  const group = findGroup(ctx);
  const rows = group
    ? [...ctx.data.groupRoles.entries()].flatMap(([poolId, roles]) => {
        const role = roles.get(group.id);
        const pool = ctx.data.index.poolById.get(poolId);
        return role && pool
          ? [{ id: stableUuid(ctx.data.seed, 'group-access-right', `${group.id}:${poolId}`), group_id: group.id, inventory_pool_id: poolId, role, inventory_pool_name: pool.name }]
          : [];
      })
    : [];
  return json(200, { inventory_pools_roles: rows });
}

function poolGroupsRoles(ctx: RequestContext): Reply {
  const { pool, user } = poolUser(ctx);
  const roles = ctx.data.groupRoles.get(pool.id);
  const rows = [...(ctx.data.userGroups.get(user.id) ?? [])].flatMap((groupId) => {
    const role = roles?.get(groupId);
    const group = ctx.data.groups.get(groupId);
    return role && group ? [{ group_id: groupId, group_name: group.name, role, roles: rolesMap(role) }] : [];
  });
  return json(200, { 'groups-roles': rows });
}

// ---------------------------------------------------------------- buildings, rooms, suppliers, categories, …

function itemsCountBy(data: SimData, key: (item: SimData['items'][number]) => string | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of data.items) {
    const k = key(item);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

function listBuildings(ctx: RequestContext): Reply {
  const page = adminPage(ctx.query);
  const term = ctx.query.get('term') ?? '';
  const roomBuilding = new Map(ctx.data.rooms.map((r) => [r.id, r.building_id]));
  const items = itemsCountBy(ctx.data, (i) => roomBuilding.get(i.room_id) ?? null);
  const rows = ctx.data.buildings
    .filter((b) => matchesAllWords(`${b.name} ${b.code ?? ''}`, term))
    .sort((a, b) => byName(a.name, b.name));
  return json(200, {
    buildings: adminSlice(rows, page, (b) => ({
      ...b,
      items_count: items.get(b.id) ?? 0,
      rooms_count: ctx.data.rooms.filter((r) => r.building_id === b.id).length,
    })),
  });
}

function listRooms(ctx: RequestContext): Reply {
  const page = adminPage(ctx.query);
  const term = ctx.query.get('term') ?? '';
  const buildingId = ctx.query.get('building_id');
  const general = ctx.query.get('general');
  const items = itemsCountBy(ctx.data, (i) => i.room_id);
  const rows = ctx.data.rooms
    .filter((r) => matchesAllWords(`${r.name} ${r.description ?? ''}`, term))
    .filter((r) => !buildingId || r.building_id === buildingId)
    .filter((r) => (general === 'yes' ? r.is_general : general === 'no' ? !r.is_general : true))
    .sort((a, b) => byName(a.name, b.name));
  return json(200, {
    rooms: adminSlice(rows, page, (r) => ({ id: r.id, name: r.name, description: r.description, building_id: r.building_id, items_count: items.get(r.id) ?? 0 })),
  });
}

function listSuppliers(ctx: RequestContext): Reply {
  const page = adminPage(ctx.query);
  const term = ctx.query.get('term') ?? '';
  const poolId = ctx.query.get('inventory_pool_id');
  const items = itemsCountBy(ctx.data, (i) => i.supplier_id);
  const rows = ctx.data.suppliers
    .filter((s) => matchesAllWords(s.name, term))
    .filter((s) => !poolId || ctx.data.items.some((i) => i.supplier_id === s.id && i.inventory_pool_id === poolId))
    .sort((a, b) => byName(a.name, b.name));
  return json(200, { suppliers: adminSlice(rows, page, (s) => ({ ...s, count_items: items.get(s.id) ?? 0 })) });
}

function byIdOrEmpty<T extends { id: string }>(ctx: RequestContext, map: Map<string, T>): Reply {
  const row = map.get(requireUuid(ctx.params.id ?? ''));
  return row ? json(200, row) : untyped(200);
}

/**
 * PATCH on a building, room or supplier: 204 after updating the given columns; a missing row makes the handler
 * return nil, which a JSON Accept turns into a 406 (adm:src/leihs/admin/routes.clj `wrap-dispatch-content-type`).
 */
function patchById<T extends { id: string }>(columns: readonly (keyof T & string)[]) {
  return (ctx: RequestContext, map: Map<string, T>): Reply => {
    const row = map.get(requireUuid(ctx.params.id ?? ''));
    if (!row) return NO_JSON_RESPONSE;
    const input = body(ctx);
    const before = { ...row };
    for (const column of columns) if (column in input) (row as Record<string, unknown>)[column] = input[column];
    ctx.undo.push(() => Object.assign(row, before));
    return noContent();
  };
}

const NO_JSON_RESPONSE = text(406, 'This resource does not provide a json response.');
const patchBuilding = patchById<SimData['buildings'][number]>(['name', 'code']);
const patchRoom = patchById<SimData['rooms'][number]>(['name', 'description', 'building_id']);
const patchSupplier = patchById<SimData['suppliers'][number]>(['name', 'note']);

function supplierItems(ctx: RequestContext): Reply {
  const id = requireUuid(ctx.params.id ?? '');
  const rows = ctx.data.items
    .filter((i) => i.supplier_id === id)
    .map((i) => {
      const model = ctx.data.index.modelById.get(i.model_id);
      return {
        id: i.id,
        inventory_code: i.inventory_code,
        product: model?.product ?? null,
        version: model?.version ?? null,
        model_id: i.model_id,
        inventory_pool_name: ctx.data.index.poolById.get(i.inventory_pool_id)?.name ?? null,
        inventory_pool_id: i.inventory_pool_id,
      };
    });
  return json(200, { items: rows });
}

function modelsInCategory(data: SimData, categoryId: string) {
  return data.models.filter((m) => m.category_ids.includes(categoryId));
}

export function categoryMetadata(data: SimData, category: Category, label: string | null) {
  return {
    id: category.id,
    name: category.name,
    label,
    models_count: modelsInCategory(data, category.id).length,
    is_deletable: false,
    image_url: null,
    thumbnail_url: null,
  };
}

/** The category tree: nodes carry `category_id` (a category may sit under several parents). */
export function categoryTree(data: SimData, withMetadata: boolean, term: string | null) {
  let pattern: RegExp | undefined;
  if (term) {
    try {
      pattern = new RegExp(term, 'i');
    } catch {
      fail(text(500, UNCLASSIFIED));
    }
  }
  type Node = { category_id: string; name: string; metadata?: unknown; children: Node[] };
  const build = (categoryId: string, label: string | null): Node | undefined => {
    const category = data.index.categoryById.get(categoryId);
    if (!category) return undefined;
    const children = (data.index.childrenByCategory.get(categoryId) ?? []).flatMap((c) => build(c.id, c.label) ?? []);
    if (pattern && !pattern.test(category.name) && children.length === 0) return undefined;
    return {
      category_id: category.id,
      name: label ?? category.name,
      ...(withMetadata ? { metadata: categoryMetadata(data, category, label) } : {}),
      children,
    };
  };
  const roots = data.categories.filter((c) => c.parents.length === 0).flatMap((c) => build(c.id, null) ?? []);
  return { name: 'categories', children: roots };
}

function categoryDetail(ctx: RequestContext): Reply {
  const category = ctx.data.index.categoryById.get(requireUuid(ctx.params.id ?? ''));
  if (!category) return untyped(200);
  const paths = (c: Category): Category[][] =>
    c.parents.length === 0
      ? [[c]]
      : c.parents.flatMap((p) => {
          const parent = ctx.data.index.categoryById.get(p.id);
          return parent ? paths(parent).map((path) => [...path, c]) : [];
        });
  return json(200, {
    category_id: category.id,
    name: category.name,
    metadata: categoryMetadata(ctx.data, category, null),
    parents: paths(category).map((path) => path.map((c) => ({ category_id: c.id, name: c.name }))),
  });
}

function categoryModels(ctx: RequestContext): Reply {
  const id = requireUuid(ctx.params.id ?? '');
  const models = modelsInCategory(ctx.data, id).map((m) => {
    const pools = ctx.data.pools.filter((p) => ctx.data.index.itemsByPoolModel.get(p.id)?.has(m.id));
    return { id: m.id, name: m.name, 'used-in-pools': pools.map((p) => ({ id: p.id, name: p.name })) };
  });
  return json(200, { models });
}

// ---------------------------------------------------------------- the route table

const ROUTES: Route[] = [
  route('/admin/inventory-pools/', poolsList, { GET: listPools }),
  route('/admin/inventory-pools/:pool', poolDetail, {
    GET: (ctx) => {
      const pool = poolOrEmpty(ctx);
      return pool ? json(200, poolDetailJson(pool)) : untyped(200);
    },
  }),
  route('/admin/inventory-pools/:pool/users/', poolPeople, { GET: listPoolUsers }),
  route('/admin/inventory-pools/:pool/users/:*user', poolPeople, { GET: getPoolUser }),
  route('/admin/inventory-pools/:pool/users/:*user/roles', poolPeople, { GET: getRoles, PUT: putRoles }),
  route('/admin/inventory-pools/:pool/users/:*user/direct-roles', poolPeople, { GET: getDirectRoles, PUT: putRoles, DELETE: deleteDirectRoles }),
  route('/admin/inventory-pools/:pool/users/:*user/groups-roles/', poolPeople, { GET: poolGroupsRoles }),
  route('/admin/inventory-pools/:pool/groups/', poolPeople, { GET: listPoolGroups }),
  route('/admin/inventory-pools/:pool/groups/:group/roles', poolPeople, { GET: getPoolGroupRoles, PUT: putPoolGroupRoles }),
  route('/admin/inventory-pools/:pool/delegations/', poolPeople, { GET: listPoolDelegations }),
  route('/admin/users/', usersAndGroups, { GET: listUsers }),
  route('/admin/users/choose', usersAndGroups, { GET: listUsers }),
  route('/admin/users/:*user', usersAndGroups, { GET: getUser }),
  route('/admin/users/:*user/api-tokens/', apiTokens, { GET: listTokens, POST: createToken }),
  route('/admin/users/:*user/api-tokens/:token', apiTokens, { GET: getToken, PATCH: patchToken, DELETE: deleteToken }),
  route('/admin/users/:*user/inventory-pools/', usersAndGroups, { GET: userPools }),
  route('/admin/groups/', usersAndGroups, { GET: listGroups, POST: createGroup }),
  route('/admin/groups/:group', usersAndGroups, { GET: getGroup, PATCH: patchGroup, DELETE: deleteGroup }),
  route('/admin/groups/:group/users/', usersAndGroups, { GET: listGroupUsers, PUT: putGroupUsers }),
  route('/admin/groups/:group/users/:*user', usersAndGroups, { GET: getGroupUser, PUT: putGroupUser, DELETE: deleteGroupUser }),
  route('/admin/groups/:group/inventory-pools-roles/', usersAndGroups, { GET: groupPoolRoles }),
  route('/admin/buildings/', admin, { GET: listBuildings }),
  route('/admin/buildings/:id', admin, {
    GET: (ctx) => byIdOrEmpty(ctx, ctx.data.index.buildingById),
    PATCH: (ctx) => patchBuilding(ctx, ctx.data.index.buildingById),
  }),
  route('/admin/rooms/', admin, { GET: listRooms }),
  route('/admin/rooms/:id', admin, {
    GET: (ctx) => byIdOrEmpty(ctx, ctx.data.index.roomById),
    PATCH: (ctx) => patchRoom(ctx, ctx.data.index.roomById),
  }),
  route('/admin/suppliers/', admin, { GET: listSuppliers }),
  route('/admin/suppliers/:id', admin, {
    GET: (ctx) => byIdOrEmpty(ctx, ctx.data.index.supplierById),
    PATCH: (ctx) => patchSupplier(ctx, ctx.data.index.supplierById),
  }),
  route('/admin/suppliers/:id/items', admin, { GET: supplierItems }),
  route('/admin/categories/', admin, {
    GET: (ctx) => json(200, categoryTree(ctx.data, true, ctx.query.get('term'))),
  }),
  route('/admin/categories/:id', admin, { GET: categoryDetail }),
  route('/admin/categories/:id/models', admin, { GET: categoryModels }),
  route('/admin/mail-templates/', admin, { GET: listMailTemplates }),
  route('/admin/inventory-fields/', admin, { GET: listInventoryFields }),
];

/**
 * Paths bidi knows but the resolve-table has no authorizers for (pages of the admin web app): a JSON request gets
 * 555 from leihs-clj-shared auth/core.clj `authorize!`. They are matched before the parameter routes, as in bidi.
 */
const SPA_ONLY: [RegExp, string][] = (
  [
    ['/admin/users/new', 'user-create'],
    ['/admin/users/:*user/edit', 'user-edit'],
    ['/admin/users/:*user/delete', 'user-delete'],
    ['/admin/users/:*user/api-tokens/create', 'user-api-tokens-create'],
    ['/admin/users/:*user/api-tokens/:token/edit', 'user-api-token-edit'],
    ['/admin/users/:*user/api-tokens/:token/delete', 'user-api-token-delete'],
    ['/admin/groups/create', 'group-create'],
    ['/admin/groups/:group/edit', 'group-edit'],
    ['/admin/groups/:group/delete', 'group-delete'],
    ['/admin/buildings/create', 'building-create'],
    ['/admin/buildings/:id/edit', 'building-edit'],
    ['/admin/buildings/:id/delete', 'building-delete'],
    ['/admin/rooms/create', 'room-create'],
    ['/admin/rooms/:id/edit', 'room-edit'],
    ['/admin/rooms/:id/delete', 'room-delete'],
    ['/admin/suppliers/create', 'supplier-create'],
    ['/admin/suppliers/:id/edit', 'supplier-edit'],
    ['/admin/suppliers/:id/delete', 'supplier-delete'],
    ['/admin/categories/create', 'categories-create'],
    ['/admin/inventory-fields/create', 'inventory-field-create'],
    ['/admin/mail-templates/create', 'mail-template-create'],
    ['/admin/inventory-pools/create', 'inventory-pool-create'],
  ] as const
).map(([template, key]) => [route(template, () => true, {}).pattern, key]);

function spaOnlyKey(path: string): string | undefined {
  return SPA_ONLY.find(([pattern]) => pattern.test(path))?.[1];
}

/** adm:src/leihs/admin/resources/mail_templates/main.clj: the template templates, by name and locale, paginated. */
function listMailTemplates(ctx: RequestContext): Reply {
  const page = adminPage(ctx.query);
  const type = ctx.query.get('type');
  const name = ctx.query.get('name');
  const locale = ctx.query.get('language_locale');
  const term = (ctx.query.get('term') ?? '').toLowerCase();
  const rows = ctx.data.mailTemplates
    .filter((t) => t.is_template_template)
    .filter((t) => (!type || t.type === type) && (!name || t.name === name) && (!locale || t.language_locale === locale))
    .filter((t) => `${t.name} ${t.body}`.toLowerCase().includes(term))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.language_locale < b.language_locale ? -1 : 1));
  return json(200, { 'mail-templates': adminSlice(rows, page, (t) => t) });
}

/**
 * adm:src/leihs/admin/resources/inventory_fields/main.clj: `{id, dynamic, active, data}` ordered by id, paginated
 * like every admin list, filtered by `term`, `dynamic`, `active`, `group` (`none` for no group) and `target_type`.
 */
function listInventoryFields(ctx: RequestContext): Reply {
  const page = adminPage(ctx.query);
  const term = (ctx.query.get('term') ?? '').toLowerCase();
  const yesNo = (param: string) => ({ yes: true, no: false })[ctx.query.get(param) ?? ''];
  const dynamic = yesNo('dynamic');
  const active = yesNo('active');
  const group = ctx.query.get('group');
  const target = ctx.query.get('target_type');
  const rows = ctx.data.inventoryFields
    .filter((f) => `${f.id} ${JSON.stringify(f.data)}`.toLowerCase().includes(term))
    .filter((f) => (dynamic === undefined || f.dynamic === dynamic) && (active === undefined || f.active === active))
    .filter((f) => !group || (group === 'none' ? f.data.group === undefined || f.data.group === null : f.data.group === group))
    .filter((f) => !(target === 'item' || target === 'license') || f.data.target_type === target)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return json(200, { 'inventory-fields': adminSlice(rows, page, (f) => ({ id: f.id, dynamic: f.dynamic, active: f.active, data: f.data })) });
}

/**
 * inventory_pool/delegations/main.clj: `membership` (default member) of the pool; rows carry the responsible user
 * as `{id, email, firstname, lastname, img32_url}` and counts.
 */
function listPoolDelegations(ctx: RequestContext): Reply {
  const pool = poolOrAssert(ctx);
  const page = adminPage(ctx.query);
  const membership = caseOf(ctx.query.get('membership') || 'member', { member: 'member', non: 'non', any: 'any' } as const);
  const holders = poolUserIds(ctx.data, pool.id);
  const term = (ctx.query.get('term') ?? '').toLowerCase();
  const delegations = ctx.data.users
    .filter((u) => u.delegator_user_id !== null)
    .filter((d) => (membership === 'member' ? holders.has(d.id) : membership === 'non' ? !holders.has(d.id) : true))
    .filter((d) => d.searchable.includes(term))
    .sort((a, b) => byName(a.firstname, b.firstname));
  return json(200, {
    delegations: adminSlice(delegations, page, (d) => {
      const responsible = ctx.data.index.userById.get(d.delegator_user_id ?? '');
      return {
        id: d.id,
        firstname: d.firstname,
        pool_protected: false,
        member: holders.has(d.id),
        contracts_count: 0,
        direct_users_count: ctx.data.delegationMembers.get(d.id)?.size ?? 0,
        groups_count: 0,
        pools_count: ctx.data.pools.filter((p) => effectiveRole(ctx.data, d.id, p.id)).length,
        users_count: ctx.data.delegationMembers.get(d.id)?.size ?? 0,
        responsible_user: responsible
          ? { id: responsible.id, email: responsible.email, firstname: responsible.firstname, lastname: responsible.lastname, img32_url: responsible.img32_url }
          : null,
        contracts_count_per_pool: 0,
        contracts_count_open_per_pool: 0,
        suspension: ctx.data.suspensions.get(`${pool.id}:${d.id}`) ?? {},
      };
    }),
  });
}

/** Admin after authentication: CSRF, Accept dispatch, bidi routing (544), authorization (403), handler. */
export function handleAdmin(ctx: RequestContext): Reply {
  if (!isSafeMethod(ctx.method) && !ctx.auth) return text(403, 'The anti-csrf-token cookie value is not set.');
  const accept = negotiateAdmin(ctx.headers.accept);
  if (accept === 'html' && isSafeMethod(ctx.method)) return spaHtml('admin');
  if (accept === 'none') return text(406, 'Not Acceptable');
  const spaOnly = spaOnlyKey(ctx.path);
  if (spaOnly) return text(555, `No authorizers for the handler :${spaOnly} are defined! This is most likely a programming error.`);
  const match = matchRoute(ROUTES, ctx.path);
  if (!match) return text(544, `No handler for the route ${ctx.path}`);
  ctx.params = match.params;
  if (!match.route.authorize(ctx)) return text(403, 'Not authorized');
  const handler = match.route.methods[ctx.method === 'HEAD' ? 'GET' : ctx.method];
  if (!handler) return text(500, UNCLASSIFIED);
  return handler(ctx);
}
