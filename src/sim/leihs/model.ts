/** The simulator's in-memory leihs database: row types and the lookups every route needs. */

export const ROLES = ['customer', 'group_manager', 'lending_manager', 'inventory_manager'] as const;
export type Role = (typeof ROLES)[number];

export function roleRank(role: Role | undefined | null): number {
  return role ? ROLES.indexOf(role) + 1 : 0;
}

export function higherRole(a: Role | undefined, b: Role | undefined): Role | undefined {
  return roleRank(a) >= roleRank(b) ? a : b;
}

export interface Pool {
  id: string;
  name: string;
  shortname: string;
  email: string;
  description: string;
  contact: string;
  is_active: boolean;
  automatic_suspension: boolean;
  automatic_suspension_reason: string | null;
  borrow_maximum_reservation_duration: number | null;
  borrow_reservation_advance_days: number;
  default_contract_note: string | null;
  deliver_received_order_emails: boolean;
  email_signature: string | null;
  print_contracts: boolean;
  required_purpose: boolean;
  default_room_id: string;
}

export interface User {
  id: string;
  login: string;
  email: string;
  secondary_email: string | null;
  firstname: string;
  lastname: string;
  phone: string | null;
  address: string | null;
  city: string | null;
  zip: string | null;
  country: string | null;
  badge_id: string | null;
  url: string | null;
  org_id: string | null;
  organization: string;
  account_enabled: boolean;
  account_disabled_at: string | null;
  password_sign_in_enabled: boolean;
  is_admin: boolean;
  is_system_admin: boolean;
  admin_protected: boolean;
  system_admin_protected: boolean;
  extended_info: unknown;
  img32_url: string | null;
  img256_url: string | null;
  img_digest: string | null;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
  /** Set on delegations (users rows that stand for a project or class); they never appear in `/admin/users/`. */
  delegator_user_id: string | null;
  /** Lower-case text searched by `term` (names, email, login, badge, org id). */
  searchable: string;
}

/** `users.searchable` as the database trigger writes it (original case, lastname and firstname repeated). */
export function userSearchableColumn(user: User): string {
  const parts = [user.firstname, user.lastname, user.email, user.login, user.badge_id, user.org_id, user.lastname, user.firstname];
  return parts.map((part) => part ?? '').join(' ');
}

/** `groups.searchable` as the database trigger writes it: name, a space, org_id (the space stays when org_id is null). */
export function groupSearchableColumn(group: { name: string; org_id: string | null }): string {
  return `${group.name} ${group.org_id ?? ''}`;
}

export interface Group {
  id: string;
  name: string;
  description: string | null;
  org_id: string | null;
  organization: string;
  admin_protected: boolean;
  system_admin_protected: boolean;
  created_at: string;
  updated_at: string;
}

export interface ApiToken {
  id: string;
  user_id: string;
  secret: string;
  token_hash: string;
  token_part: string;
  scope_read: boolean;
  scope_write: boolean;
  scope_admin_read: boolean;
  scope_admin_write: boolean;
  scope_system_admin_read: boolean;
  scope_system_admin_write: boolean;
  description: string | null;
  created_at: string;
  updated_at: string;
  expires_at: Date;
}

export interface Building {
  id: string;
  name: string;
  code: string | null;
  is_general: boolean;
}

export interface Room {
  id: string;
  name: string;
  description: string | null;
  building_id: string;
  is_general: boolean;
}

export interface Supplier {
  id: string;
  name: string;
  note: string | null;
}

export interface Category {
  id: string;
  name: string;
  /** Parent links (model_group_links); the label names this category under that parent. */
  parents: { id: string; label: string | null }[];
}

export interface Model {
  id: string;
  product: string;
  version: string | null;
  manufacturer: string;
  description: string | null;
  technical_detail: string | null;
  internal_description: string | null;
  hand_over_note: string | null;
  info_url: string | null;
  rental_price: string | null;
  maintenance_period: number;
  category_ids: string[];
  created_at: string;
  updated_at: string;
  /** product + version, as leihs shows it. */
  name: string;
}

export interface Reservation {
  id: string;
  contract_id: string;
  user_id: string;
  item_id: string;
  start_date: string;
  end_date: string;
}

export interface Item {
  id: string;
  inventory_code: string;
  model_id: string;
  owner_id: string;
  inventory_pool_id: string;
  room_id: string;
  supplier_id: string | null;
  shelf: string | null;
  serial_number: string | null;
  is_borrowable: boolean;
  is_broken: boolean;
  is_incomplete: boolean;
  is_inventory_relevant: boolean;
  retired: string | null;
  retired_reason: string | null;
  price: string | null;
  invoice_date: string | null;
  last_check: string | null;
  needs_permission: boolean;
  parent_id: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  /** The open (signed, not returned) reservation, if the item is lent. */
  reservation: Reservation | null;
}

export interface MailTemplate {
  id: string;
  name: string;
  type: string;
  language_locale: string;
  format: string;
  subject: string | null;
  body: string;
  is_template_template: boolean;
  inventory_pool_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface InventoryField {
  id: string;
  active: boolean;
  position: number;
  dynamic: boolean;
  data: Record<string, unknown>;
}

export interface Template {
  id: string;
  name: string;
  inventory_pool_id: string;
  model_ids: string[];
}

export interface EntitlementGroup {
  id: string;
  name: string;
  inventory_pool_id: string;
  is_verification_required: boolean;
  created_at: string;
  updated_at: string;
  entitlements: { model_id: string; quantity: number }[];
  group_ids: string[];
}

/** Per pool and model: the quantities of leihs's inventory read models (reference §11). */
export interface Quantities {
  borrowable: number;
  inStock: number;
}

export interface SimData {
  seed: number;
  startedAt: Date;
  pools: Pool[];
  users: User[];
  groups: Map<string, Group>;
  groupMembers: Map<string, Set<string>>;
  userGroups: Map<string, Set<string>>;
  /** delegation id → ids of its member users (delegations_users) */
  delegationMembers: Map<string, Set<string>>;
  directRoles: Map<string, Map<string, Role>>;
  groupRoles: Map<string, Map<string, Role>>;
  suspensions: Map<string, { suspended_until: string; suspended_reason: string }>;
  tokens: ApiToken[];
  buildings: Building[];
  rooms: Room[];
  suppliers: Supplier[];
  categories: Category[];
  models: Model[];
  items: Item[];
  mailTemplates: MailTemplate[];
  inventoryFields: InventoryField[];
  templates: Template[];
  entitlementGroups: EntitlementGroup[];
  index: DataIndex;
}

export interface DataIndex {
  poolById: Map<string, Pool>;
  userById: Map<string, User>;
  /** lower-case primary and secondary email → user */
  userByEmail: Map<string, User>;
  userByLogin: Map<string, User>;
  tokenBySecret: Map<string, ApiToken>;
  buildingById: Map<string, Building>;
  roomById: Map<string, Room>;
  supplierById: Map<string, Supplier>;
  categoryById: Map<string, Category>;
  childrenByCategory: Map<string, { id: string; label: string | null }[]>;
  modelById: Map<string, Model>;
  /** models sorted by name, with their lower-case name for search */
  modelsByName: { model: Model; lowerName: string }[];
  itemById: Map<string, Item>;
  /** items a pool owns or is responsible for, by model */
  itemsByPoolModel: Map<string, Map<string, Item[]>>;
  quantitiesByPool: Map<string, Map<string, Quantities>>;
}

/** The effective role of a user in a pool: direct or via a group, the highest wins (`access_rights` view). */
export function effectiveRole(data: SimData, userId: string, poolId: string): Role | undefined {
  let role = data.directRoles.get(poolId)?.get(userId);
  const poolGroupRoles = data.groupRoles.get(poolId);
  if (poolGroupRoles) {
    for (const groupId of data.userGroups.get(userId) ?? []) role = higherRole(role, poolGroupRoles.get(groupId));
  }
  return role;
}

export function groupsRole(data: SimData, userId: string, poolId: string): Role | undefined {
  let role: Role | undefined;
  const poolGroupRoles = data.groupRoles.get(poolId);
  if (poolGroupRoles) {
    for (const groupId of data.userGroups.get(userId) ?? []) role = higherRole(role, poolGroupRoles.get(groupId));
  }
  return role;
}

/** Every pool where the user has an effective role, with that role (`access-rights`). */
export function accessRights(data: SimData, userId: string): { role: Role; inventory_pool_id: string }[] {
  const rights: { role: Role; inventory_pool_id: string }[] = [];
  for (const pool of data.pools) {
    const role = effectiveRole(data, userId, pool.id);
    if (role) rights.push({ role, inventory_pool_id: pool.id });
  }
  return rights;
}

/** Users holding any role in the pool (direct or via a group). */
export function poolUserIds(data: SimData, poolId: string): Set<string> {
  const ids = new Set<string>(data.directRoles.get(poolId)?.keys() ?? []);
  for (const groupId of data.groupRoles.get(poolId)?.keys() ?? []) {
    for (const userId of data.groupMembers.get(groupId) ?? []) ids.add(userId);
  }
  return ids;
}

export function isTopLevelBorrowable(item: Item, poolId: string): boolean {
  return item.inventory_pool_id === poolId && item.is_borrowable && item.retired === null && item.parent_id === null;
}

/** Recomputes borrowable/in-stock quantities of one pool (§11): responsible, borrowable, not retired, top level. */
export function computeQuantities(data: SimData, poolId: string): Map<string, Quantities> {
  const byModel = new Map<string, Quantities>();
  for (const [modelId, items] of data.index.itemsByPoolModel.get(poolId) ?? []) {
    let borrowable = 0;
    let inStock = 0;
    for (const item of items) {
      if (!isTopLevelBorrowable(item, poolId)) continue;
      borrowable++;
      if (item.reservation === null) inStock++;
    }
    byModel.set(modelId, { borrowable, inStock });
  }
  return byModel;
}
