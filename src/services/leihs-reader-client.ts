/** LeihsReader on the leihs client: maps leihs's rows to the read side's plain data. */
import type { LeihsClient } from '../leihs/client.js';
import { collect } from '../leihs/paginate.js';
import type { CategoryNode as LeihsCategoryNode, PoolRole } from '../leihs/schemas.js';
import { roleRank, type CategoryNode, type LeihsReader, type Person, type UserPoolRole } from './leihs-reader.js';

const str = (v: string | null | undefined): string | undefined => (v === null || v === undefined || v === '' ? undefined : v);
const num = (v: number | null | undefined): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function person(row: { id: string; firstname?: string | null; lastname?: string | null; login?: string | null; email?: string | null; account_enabled?: boolean | null }): Person {
  return {
    id: row.id,
    firstname: str(row.firstname),
    lastname: str(row.lastname),
    login: str(row.login),
    email: str(row.email),
    accountEnabled: row.account_enabled !== false,
  };
}

function highestRole(roles: Record<PoolRole, boolean>): PoolRole | undefined {
  const held = (Object.keys(roleRank) as PoolRole[]).filter((r) => roles[r]);
  return held.sort((a, b) => roleRank[b] - roleRank[a])[0];
}

function categoryNode(node: LeihsCategoryNode): CategoryNode {
  const count = node.metadata?.['models_count'];
  return {
    id: node.category_id,
    name: node.name,
    modelsCount: typeof count === 'number' ? count : undefined,
    children: node.children.map(categoryNode),
  };
}

/** leihs's web address for links people open (no trailing slash): the client's base URL is its one source. */
export function leihsWebUrl(client: Pick<LeihsClient, 'baseUrl'>): string {
  return client.baseUrl.replace(/\/+$/, '');
}

export function readerFromClient(client: LeihsClient): LeihsReader {
  return {
    async inventoryStatus() {
      await client.inventory.status();
    },
    async authInfo() {
      const a = await client.my.authInfo();
      return {
        userId: a.id,
        firstname: str(a.firstname),
        lastname: str(a.lastname),
        email: str(a.email),
        isAdmin: a.is_admin === true,
        isSystemAdmin: a.is_system_admin === true,
        scopes: {
          read: a.scope_read === true,
          write: a.scope_write === true,
          adminRead: a.scope_admin_read === true,
          adminWrite: a.scope_admin_write === true,
        },
        accessRights: a['access-rights'].map((r) => ({ poolId: r.inventory_pool_id, role: r.role })),
      };
    },
    async listPools() {
      const rows = await collect(client.admin.pools({ perPage: 1000 }));
      return rows.map((p) => ({ id: p.id, name: p.name, shortname: str(p.shortname), isActive: p.is_active }));
    },
    async getPool(poolId) {
      const p = await client.admin.pool(poolId);
      return { id: p.id, name: p.name, shortname: str(p.shortname), isActive: p.is_active, email: str(p.email), description: str(p.description), contact: str(p['contact'] as string | null | undefined) };
    },
    async listPoolManagers(poolId, limit) {
      const rows = await collect(client.admin.poolUsers(poolId, { role: 'lending_manager', perPage: limit, limit }), limit);
      return rows.map((row) => ({ ...person(row), role: highestRole(row.roles) ?? 'lending_manager' }));
    },
    async searchModels(poolId, words, page) {
      const result = await client.inventory.list(poolId, { search: words, type: 'model', withItems: true, retired: false, ...page });
      return {
        total: result.pagination.total_rows,
        rows: result.data.map((r) => ({
          id: r.id,
          name: str(r.name) ?? [r.product, r.version].filter(Boolean).join(' '),
          manufacturer: str(r.manufacturer),
          borrowable: num(r.borrowable_quantity),
          inStock: num(r.in_stock_quantity),
          items: num(r.items_quantity),
        })),
      };
    },
    async searchItems(poolId, query, page) {
      const result = await client.inventory.items(poolId, { ...query, ...page });
      return {
        total: result.pagination.total_rows,
        rows: result.data.map((r) => ({
          id: r.id,
          inventoryCode: r.inventory_code,
          modelId: str(r.model_id),
          modelName: str(r.model_name),
          ownerPoolId: str(r.owner_id),
          responsiblePoolId: str(r.inventory_pool_id),
          responsiblePoolName: str(r.inventory_pool_name),
          buildingName: str(r.building_name),
          buildingCode: str(r.building_code),
          roomName: str(r.room_name),
          shelf: str(r.shelf),
          isBorrowable: r.is_borrowable === true,
          isBroken: r.is_broken === true,
          isIncomplete: r.is_incomplete === true,
          retired: r.retired,
          reservation:
            r.reservation_user_name || r.reservation_end_date
              ? { userName: str(r.reservation_user_name), endDate: str(r.reservation_end_date) }
              : undefined,
        })),
      };
    },
    async searchPeople(poolId, words, page) {
      const result = await client.inventory.users(poolId, { search: words, ...page });
      return { total: result.pagination.total_rows, rows: result.data.map(person) };
    },
    async findUserByEmail(email) {
      const row = await client.admin.findUserByEmail(email, { accountEnabled: 'any' });
      return row ? person(row) : undefined;
    },
    async userPoolRoles(user, pools) {
      // One request for every pool (leihs's aggregated role: direct or through a group), kept to the pools asked about.
      const wanted = new Map(pools.map((pool) => [pool.id, pool]));
      const rows = await client.admin.userInventoryPools(user.id);
      return rows.flatMap((row) => {
        const pool = wanted.get(row.inventory_pool_id);
        return pool ? [{ poolId: pool.id, poolName: pool.name, role: row.role } satisfies UserPoolRole] : [];
      });
    },
    async listGroups(term, limit) {
      const rows = await collect(client.admin.groups({ term: term || undefined, perPage: limit, limit }), limit);
      return rows.map((g) => ({ id: g.id, name: g.name, organization: str(g.organization), memberCount: g.count_users ?? undefined }));
    },
    async getGroup(groupId) {
      const g = await client.admin.group(groupId);
      return { id: g.id, name: g.name, organization: str(g.organization), description: str(g.description), memberCount: g.users_count ?? undefined };
    },
    async listGroupMembers(groupId, limit) {
      const rows = await collect(client.admin.groupMembers(groupId, { perPage: limit, limit }), limit);
      return rows.map(person);
    },
    async categoryTree() {
      const tree = await client.admin.categories();
      return tree.children.map(categoryNode);
    },
  };
}
