/**
 * Every leihs path, built here. leihs's rule: collections end in `/`, single resources do not (admin
 * answers 544 for the wrong form). Every caller-supplied segment is encodeURIComponent-ed, and a
 * segment that would change the path's meaning ('', '.', '..') is refused.
 */
import { LeihsError, type LeihsService } from './errors.js';

function segment(service: LeihsService, value: string): string {
  if (value === '' || value === '.' || value === '..') {
    throw new LeihsError({ kind: 'invalid', service, reason: 'bad_query', detail: 'empty or dot path segment' });
  }
  return encodeURIComponent(value);
}

const a = (value: string) => segment('admin', value);
const i = (value: string) => segment('inventory', value);

export const myPaths = {
  status: () => '/my/status',
  authInfo: () => '/my/auth-info',
};

export const adminPaths = {
  status: () => '/admin/status',
  pools: () => '/admin/inventory-pools/',
  pool: (poolId: string) => `/admin/inventory-pools/${a(poolId)}`,
  poolUsers: (poolId: string) => `/admin/inventory-pools/${a(poolId)}/users/`,
  poolGroups: (poolId: string) => `/admin/inventory-pools/${a(poolId)}/groups/`,
  poolDelegations: (poolId: string) => `/admin/inventory-pools/${a(poolId)}/delegations/`,
  users: () => '/admin/users/',
  /** `uid` may be a UUID, an email, a login or `org|org_id`. */
  user: (uid: string) => `/admin/users/${a(uid)}`,
  userApiTokens: (userId: string) => `/admin/users/${a(userId)}/api-tokens/`,
  userInventoryPools: (userId: string) => `/admin/users/${a(userId)}/inventory-pools/`,
  groups: () => '/admin/groups/',
  group: (groupId: string) => `/admin/groups/${a(groupId)}`,
  groupUsers: (groupId: string) => `/admin/groups/${a(groupId)}/users/`,
  groupUser: (groupId: string, userId: string) => `/admin/groups/${a(groupId)}/users/${a(userId)}`,
  buildings: () => '/admin/buildings/',
  rooms: () => '/admin/rooms/',
  categories: () => '/admin/categories/',
  suppliers: () => '/admin/suppliers/',
  inventoryFields: () => '/admin/inventory-fields/',
  mailTemplates: () => '/admin/mail-templates/',
};

export const inventoryPaths = {
  status: () => '/inventory/status',
  models: (poolId: string) => `/inventory/${i(poolId)}/models/`,
  model: (poolId: string, modelId: string) => `/inventory/${i(poolId)}/models/${i(modelId)}`,
  list: (poolId: string) => `/inventory/${i(poolId)}/list/`,
  items: (poolId: string) => `/inventory/${i(poolId)}/items/`,
  item: (poolId: string, itemId: string) => `/inventory/${i(poolId)}/items/${i(itemId)}`,
  categoryTree: (poolId: string) => `/inventory/${i(poolId)}/category-tree/`,
  buildings: (poolId: string) => `/inventory/${i(poolId)}/buildings/`,
  rooms: (poolId: string) => `/inventory/${i(poolId)}/rooms/`,
  templates: (poolId: string) => `/inventory/${i(poolId)}/templates/`,
  suppliers: (poolId: string) => `/inventory/${i(poolId)}/suppliers/`,
  entitlementGroups: (poolId: string) => `/inventory/${i(poolId)}/entitlement-groups/`,
  users: (poolId: string) => `/inventory/${i(poolId)}/users/`,
};
