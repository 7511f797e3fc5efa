/**
 * zod schemas for every leihs response the client reads. Unknown fields are kept (looseObject) and
 * only what the app uses is required; a mismatch becomes LeihsError('unexpected_response') naming
 * the field (parseResponse). Field names are leihs's own.
 */
import { z } from 'zod';
import { LeihsError, type RequestContext } from './errors.js';

// ---------- building blocks ----------

const id = z.string().min(1);
const text = z.string().nullable().optional();
const flag = z.boolean().nullable().optional();

/** ISO-8601 or similar, with or without offset or milliseconds → Date; unparseable or absent → null. */
export const timestamp = z
  .union([z.string(), z.number()])
  .nullable()
  .optional()
  .transform((value) => {
    if (value === null || value === undefined || value === '') return null;
    let input: string | number = value;
    if (typeof value === 'string') {
      input = value.trim().replace(' ', 'T');
      // A date-time without a zone is read as UTC, like a bare date.
      if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(input)) input += 'Z';
    }
    const date = new Date(input);
    return Number.isNaN(date.getTime()) ? null : date;
  });

/** A calendar date ("YYYY-MM-DD", or a timestamp whose date part is taken) → "YYYY-MM-DD" or null. */
export const calendarDate = z
  .string()
  .nullable()
  .optional()
  .transform((value) => /^\d{4}-\d{2}-\d{2}/.exec(value ?? '')?.[0] ?? null);

/** A count that may arrive as a number or a numeric string. */
const count = z.union([z.number(), z.string().regex(/^-?\d+$/).transform(Number)]);
const optionalCount = count.nullable().optional();

/** Avatars are data URLs, https URLs or null (Corrections 4). */
export const avatarUrl = z.string().nullable().optional();

export const poolRoles = ['customer', 'group_manager', 'lending_manager', 'inventory_manager'] as const;
export const poolRole = z.enum(poolRoles);
export type PoolRole = z.infer<typeof poolRole>;

const rolesMap = z.looseObject({
  customer: z.boolean(),
  group_manager: z.boolean(),
  lending_manager: z.boolean(),
  inventory_manager: z.boolean(),
});

// ---------- health (/admin/status, /my/status, /inventory/status) ----------

export const statusBody = z.looseObject({
  memory: z.looseObject({ 'ok?': flag, usage: z.number().nullable().optional() }).optional(),
  'health-checks': z
    .record(z.string(), z.looseObject({ 'healthy?': flag, message: text, error: z.unknown().optional() }))
    .optional(),
});

// ---------- my ----------

export const authInfo = z.looseObject({
  id,
  firstname: text,
  lastname: text,
  email: text,
  is_admin: flag,
  is_system_admin: flag,
  account_enabled: flag,
  scope_read: flag,
  scope_write: flag,
  scope_admin_read: flag,
  scope_admin_write: flag,
  api_token_id: text,
  api_token_created_at: timestamp,
  'authentication-method': text,
  'access-rights': z.array(z.looseObject({ role: poolRole, inventory_pool_id: id })).default([]),
});
export type AuthInfo = z.infer<typeof authInfo>;

// ---------- admin ----------

export const adminPoolRow = z.looseObject({
  id,
  name: z.string(),
  shortname: text,
  is_active: z.boolean(),
  users_count: optionalCount,
  delegations_count: optionalCount,
});
export type AdminPoolRow = z.infer<typeof adminPoolRow>;

export const adminPool = z.looseObject({
  id,
  name: z.string(),
  shortname: text,
  email: text,
  description: text,
  is_active: z.boolean(),
});
export type AdminPool = z.infer<typeof adminPool>;

export const adminUserRow = z.looseObject({
  id,
  login: text,
  email: text,
  firstname: text,
  lastname: text,
  organization: text,
  org_id: text,
  account_enabled: flag,
  img32_url: avatarUrl,
});
export type AdminUserRow = z.infer<typeof adminUserRow>;

export const adminUser = adminUserRow.extend({
  secondary_email: text,
  phone: text,
  is_admin: flag,
  is_system_admin: flag,
  img256_url: avatarUrl,
  created_at: timestamp,
  updated_at: timestamp,
  last_sign_in_at: timestamp,
});
export type AdminUser = z.infer<typeof adminUser>;

export const poolUserRow = adminUserRow.extend({
  roles: rolesMap,
  direct_roles: rolesMap.optional(),
  groups_roles: rolesMap.optional(),
  suspension: z
    .looseObject({ suspended_until: calendarDate, suspended_reason: text })
    .nullable()
    .optional(),
});
export type PoolUserRow = z.infer<typeof poolUserRow>;

export const poolGroupRow = z.looseObject({ id, name: z.string(), roles: rolesMap.optional() });
export type PoolGroupRow = z.infer<typeof poolGroupRow>;

export const delegationRow = z.looseObject({ id, firstname: text, member: flag, users_count: optionalCount });
export type DelegationRow = z.infer<typeof delegationRow>;

export const apiToken = z.looseObject({
  id,
  description: text,
  token_part: text,
  scope_read: flag,
  scope_write: flag,
  scope_admin_read: flag,
  scope_admin_write: flag,
  expires_at: timestamp,
  created_at: timestamp,
});
export type ApiToken = z.infer<typeof apiToken>;

/** A row of `/admin/users/{u}/inventory-pools/`: the user's effective role in one pool. */
export const userInventoryPoolRow = z.looseObject({ role: poolRole, inventory_pool_id: id, inventory_pool_name: text });
export type UserInventoryPoolRow = z.infer<typeof userInventoryPoolRow>;

export const groupRow = z.looseObject({ id, name: z.string(), organization: text, org_id: text, count_users: optionalCount });
export type GroupRow = z.infer<typeof groupRow>;

export const group = z.looseObject({
  id,
  name: z.string(),
  description: text,
  organization: text,
  org_id: text,
  admin_protected: flag,
  system_admin_protected: flag,
  users_count: optionalCount,
  created_at: timestamp,
  updated_at: timestamp,
});
export type Group = z.infer<typeof group>;

export const groupMemberRow = adminUserRow.extend({ group_id: text });
export type GroupMemberRow = z.infer<typeof groupMemberRow>;

export const building = z.looseObject({ id, name: z.string(), code: text });
export type Building = z.infer<typeof building>;

export const room = z.looseObject({ id, name: z.string(), description: text, building_id: text });
export type Room = z.infer<typeof room>;

export const supplier = z.looseObject({ id, name: z.string(), note: text });
export type Supplier = z.infer<typeof supplier>;

export const inventoryField = z.looseObject({ id, active: flag, dynamic: flag, data: z.looseObject({}).nullable().optional() });
export type InventoryField = z.infer<typeof inventoryField>;

export const mailTemplate = z.looseObject({ id, name: text, type: text, language_locale: text });
export type MailTemplate = z.infer<typeof mailTemplate>;

export interface CategoryNode {
  category_id: string;
  name: string;
  children: CategoryNode[];
  metadata?: Record<string, unknown> | null;
}

const categoryNode: z.ZodType<CategoryNode> = z.lazy(() =>
  z.looseObject({
    category_id: id,
    name: z.string(),
    children: z.array(categoryNode).default([]),
    metadata: z.looseObject({}).nullable().optional(),
  }),
);

/** `{name: "categories", children: [...]}` in both admin and inventory. */
export const categoryTree = z.looseObject({ children: z.array(categoryNode).default([]) });
export type CategoryTree = z.infer<typeof categoryTree>;

/**
 * Builds a wrapper schema once per row schema (and key): zod compiles each object schema on first use,
 * so a schema built per request would be compiled, and its code allocated, per request.
 */
function oncePerRow<T extends z.ZodType, W>(build: (row: T, key: string) => W): (row: T, key?: string) => W {
  const built = new WeakMap<T, Map<string, W>>();
  return (row, key = '') => {
    let byKey = built.get(row);
    if (!byKey) built.set(row, (byKey = new Map()));
    let schema = byKey.get(key);
    if (!schema) byKey.set(key, (schema = build(row, key)));
    return schema;
  };
}

const adminListOf = oncePerRow((row: z.ZodType, key) => z.looseObject({ [key]: z.array(row) }).transform((body) => body[key]));

/** Admin list wrappers: `{"users": [...]}`, `{"inventory-pools": [...]}`, … */
export function adminList<T extends z.ZodType>(key: string, row: T) {
  return adminListOf(row, key) as unknown as z.ZodType<z.infer<T>[]>;
}

// ---------- inventory ----------

export const inventoryPagination = z.looseObject({
  total_rows: count,
  total_pages: count,
  page: count,
  size: count,
});

export interface InventoryPage<T> {
  data: T[];
  pagination: { total_rows: number; total_pages: number; page: number; size: number };
}

const inventoryPageOf = oncePerRow((row: z.ZodType) => z.looseObject({ data: z.array(row), pagination: inventoryPagination }));

export function inventoryPage<T extends z.ZodType>(row: T) {
  return inventoryPageOf(row) as unknown as z.ZodType<InventoryPage<z.infer<T>>>;
}

const inventoryRowsOf = oncePerRow((row: z.ZodType) =>
  z.union([z.array(row), z.looseObject({ data: z.array(row) }).transform((body) => body.data)]),
);

/** Endpoints read without paging answer a bare array; accept the paged wrapper too. */
export function inventoryRows<T extends z.ZodType>(row: T) {
  return inventoryRowsOf(row) as unknown as z.ZodType<z.infer<T>[]>;
}

// Rows read by the thousand (search results, users walks) keep only the fields the app uses: unknown
// fields are accepted and dropped, so parsing does not copy every column leihs sends.
export const modelRow = z.object({
  id,
  product: text,
  version: text,
  name: text,
  borrowable_quantity: optionalCount,
  cover_image_id: text,
});
export type ModelRow = z.infer<typeof modelRow>;

export const model = z.looseObject({
  id,
  product: text,
  version: text,
  manufacturer: text,
  type: text,
  description: text,
  technical_detail: text,
  is_package: flag,
});
export type Model = z.infer<typeof model>;

export const listRow = z.object({
  id,
  type: z.string(),
  product: text,
  version: text,
  name: text,
  manufacturer: text,
  inventory_pool_id: text,
  borrowable_quantity: optionalCount,
  in_stock_quantity: optionalCount,
  items_quantity: optionalCount,
  cover_image_id: text,
});
export type ListRow = z.infer<typeof listRow>;

export const itemRow = z.object({
  id,
  inventory_code: z.string(),
  model_id: text,
  model_name: text,
  inventory_pool_id: text,
  inventory_pool_name: text,
  owner_id: text,
  building_name: text,
  building_code: text,
  room_name: text,
  shelf: text,
  serial_number: text,
  is_borrowable: flag,
  is_broken: flag,
  is_incomplete: flag,
  retired: z.union([z.boolean(), z.string()]).nullable().optional().transform((v) => v === true || (typeof v === 'string' && v !== '')),
  parent_id: text,
  reservation_user_name: text,
  reservation_end_date: calendarDate,
});
export type ItemRow = z.infer<typeof itemRow>;

/** The item detail also carries `fields` and more; it is read rarely, so its other fields are kept. */
export const item = itemRow.loose();
export type Item = z.infer<typeof item>;

export const inventoryBuilding = z.looseObject({ id, name: z.string(), code: text });
export const inventoryRoom = z.looseObject({ id, name: z.string(), description: text, building_id: text });
export const template = z.looseObject({ id, name: z.string() });
export type Template = z.infer<typeof template>;
export const entitlementGroup = z.looseObject({ id, name: z.string(), is_verification_required: flag });
export type EntitlementGroup = z.infer<typeof entitlementGroup>;

/** `GET /inventory/{pool}/users/`: every leihs user, no avatars (Corrections 7). */
export const inventoryUser = z.object({
  id,
  firstname: text,
  lastname: text,
  login: text,
  email: text,
  account_enabled: flag,
});
export type InventoryUser = z.infer<typeof inventoryUser>;

// ---------- parsing ----------

/** Parses a response body; a mismatch is an unexpected_response naming the first failing field. */
export function parseResponse<T extends z.ZodType>(schema: T, value: unknown, ctx: RequestContext & { status?: number }): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)';
  throw new LeihsError({ ...ctx, kind: 'unexpected_response', reason: 'schema_mismatch', field });
}
