/** The inventory service (`/inventory/*`): reitit routes, JSON errors, pool role checks, page/size pagination. */
import { categoryTree } from './admin.js';
import {
  coercionError,
  EXCEL_TYPE,
  fail,
  inventoryList,
  inventoryPage,
  isSafeMethod,
  json,
  spaHtml,
  text,
  type InventoryAccept,
  type Reply,
  type RequestContext,
} from './http.js';
import { effectiveRole, groupSearchableColumn, roleRank, userSearchableColumn, type Item, type Model, type Pool, type SimData, type User } from './model.js';
import { matchRoute, route, type Route } from './router.js';
import { byName, isUuid, matchesAllWords } from './util.js';

const NOT_AUTHENTICATED = { status: 'failure', message: 'Not authenticated' };
const FORBIDDEN = { status: 'failure', message: 'Forbidden' };

function pool(ctx: RequestContext): Pool {
  const found = ctx.data.index.poolById.get(ctx.params.pool ?? '');
  if (!found) fail(json(403, FORBIDDEN));
  return found;
}

function boolParam(ctx: RequestContext, name: string): boolean | undefined {
  const value = ctx.query.get(name);
  if (value === null || value === '') return undefined;
  if (value !== 'true' && value !== 'false') fail(coercionError(ctx.method, ctx.path, `{:${name} (not (boolean? "${value}"))}`));
  return value === 'true';
}

function uuidParam(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.query.get(name);
  if (value === null || value === '') return undefined;
  if (!isUuid(value)) fail(coercionError(ctx.method, ctx.path, `{:${name} (not (uuid? "${value}"))}`));
  return value.toLowerCase();
}

function onlyKnownParams(ctx: RequestContext, known: readonly string[]): void {
  for (const key of ctx.query.keys()) {
    if (!known.includes(key)) fail(coercionError(ctx.method, ctx.path, `{:${key} disallowed-key}`));
  }
}

function searchText(ctx: RequestContext): string {
  return (ctx.query.get('search') ?? ctx.query.get('search_term') ?? '').trim();
}

// ---------------------------------------------------------------- items

const ITEM_PARAMS = [
  'search', 'search_term', 'model_id', 'parent_id', 'ids', 'only_items', 'for_package', 'fields', 'filter_q', 'retired',
  'borrowable', 'broken', 'incomplete', 'owned', 'in_stock', 'inventory_pool_id', 'before_last_check', 'page', 'size',
] as const;

interface ItemFilters {
  retired?: boolean;
  borrowable?: boolean;
  broken?: boolean;
  incomplete?: boolean;
  owned?: boolean;
  inStock?: boolean;
  responsiblePoolId?: string;
}

function itemFilters(ctx: RequestContext): ItemFilters {
  return {
    retired: boolParam(ctx, 'retired'),
    borrowable: boolParam(ctx, 'borrowable'),
    broken: boolParam(ctx, 'broken'),
    incomplete: boolParam(ctx, 'incomplete'),
    owned: boolParam(ctx, 'owned'),
    inStock: boolParam(ctx, 'in_stock'),
    responsiblePoolId: uuidParam(ctx, 'inventory_pool_id'),
  };
}

/**
 * `in_stock` (inv:src/leihs/inventory/server/resources/pool/items/shared.clj `in-stock`): either value keeps only
 * top-level items; true = no signed, unreturned reservation, false = lent out.
 */
function inStockFilter(item: Item, inStock: boolean): boolean {
  return item.parent_id === null && (item.reservation === null) === inStock;
}

/**
 * `inventory_pool_id` and `owned` as `item-query-params` combines them: with inventory_pool_id alone, items that pool
 * owns or is responsible for; with owned=true, owned by this pool and in that pool's care; owned=false, owned elsewhere.
 */
function ownershipFilter(item: Item, poolId: string, f: ItemFilters): boolean {
  const other = f.responsiblePoolId;
  if (other !== undefined && f.owned === true) return item.owner_id === poolId && item.inventory_pool_id === other;
  if (other !== undefined && f.owned === false) return item.owner_id !== poolId && item.inventory_pool_id === other;
  if (other !== undefined) return item.owner_id === other || item.inventory_pool_id === other;
  return f.owned === undefined || (item.owner_id === poolId) === f.owned;
}

function passes(item: Item, poolId: string, f: ItemFilters): boolean {
  return (
    (f.retired === undefined || (item.retired !== null) === f.retired) &&
    (f.borrowable === undefined || item.is_borrowable === f.borrowable) &&
    (f.broken === undefined || item.is_broken === f.broken) &&
    (f.incomplete === undefined || item.is_incomplete === f.incomplete) &&
    ownershipFilter(item, poolId, f) &&
    (f.inStock === undefined || inStockFilter(item, f.inStock))
  );
}

function itemRow(data: SimData, item: Item): Record<string, unknown> {
  const model = data.index.modelById.get(item.model_id);
  const room = data.index.roomById.get(item.room_id);
  const building = room ? data.index.buildingById.get(room.building_id) : undefined;
  const borrower = item.reservation ? data.index.userById.get(item.reservation.user_id) : undefined;
  return {
    id: item.id,
    inventory_code: item.inventory_code,
    model_id: item.model_id,
    model_name: model?.name ?? null,
    product: model?.product ?? null,
    version: model?.version ?? null,
    manufacturer: model?.manufacturer ?? null,
    is_package: false,
    owner_id: item.owner_id,
    inventory_pool_id: item.inventory_pool_id,
    inventory_pool_name: data.index.poolById.get(item.inventory_pool_id)?.name ?? null,
    room_id: item.room_id,
    room_name: room?.name ?? null,
    room_description: room?.description ?? null,
    building_name: building?.name ?? null,
    building_code: building?.code ?? null,
    shelf: item.shelf,
    serial_number: item.serial_number,
    is_borrowable: item.is_borrowable,
    is_broken: item.is_broken,
    is_incomplete: item.is_incomplete,
    is_inventory_relevant: item.is_inventory_relevant,
    retired: item.retired !== null,
    retired_reason: item.retired_reason,
    price: item.price,
    invoice_date: item.invoice_date,
    last_check: item.last_check,
    needs_permission: item.needs_permission,
    supplier_id: item.supplier_id,
    parent_id: item.parent_id,
    // a count of the item's children (items/main.clj `package_items` subquery)
    package_items: childCount(data, item.id),
    note: item.note,
    reservation_user_id: item.reservation?.user_id ?? null,
    reservation_user_name: borrower ? `${borrower.firstname} ${borrower.lastname}` : null,
    reservation_end_date: item.reservation?.end_date ?? null,
    reservation_contract_id: item.reservation?.contract_id ?? null,
    created_at: item.created_at,
    updated_at: item.updated_at,
  };
}

const childCounts = new WeakMap<SimData, Map<string, number>>();
function childCount(data: SimData, itemId: string): number {
  let counts = childCounts.get(data);
  if (!counts) {
    counts = new Map();
    for (const item of data.items) if (item.parent_id) counts.set(item.parent_id, (counts.get(item.parent_id) ?? 0) + 1);
    childCounts.set(data, counts);
  }
  return counts.get(itemId) ?? 0;
}

function poolItems(data: SimData, poolId: string): Item[] {
  return [...(data.index.itemsByPoolModel.get(poolId)?.values() ?? [])].flat();
}

function listItems(ctx: RequestContext, accept: InventoryAccept): Reply {
  onlyKnownParams(ctx, ITEM_PARAMS);
  const p = pool(ctx);
  const page = inventoryPage(ctx);
  const filters = itemFilters(ctx);
  const modelId = uuidParam(ctx, 'model_id');
  const search = searchText(ctx).toLowerCase();
  const source = modelId ? (ctx.data.index.itemsByPoolModel.get(p.id)?.get(modelId) ?? []) : poolItems(ctx.data, p.id);
  // items/main.clj: `parent_id` lists a package's children and then skips every other filter and the search.
  const parentId = uuidParam(ctx, 'parent_id');
  const ids = ctx.query.getAll('ids').map((id) => (isUuid(id) ? id.toLowerCase() : fail(coercionError(ctx.method, ctx.path, `{:ids [(not (uuid? "${id}"))]}`))));
  const items = source
    .filter((item) => (parentId ? item.parent_id === parentId : passes(item, p.id, filters)))
    .filter((item) => ids.length === 0 || ids.includes(item.id))
    .filter((item) => {
      if (search === '' || parentId) return true;
      const model = ctx.data.index.modelById.get(item.model_id);
      return matchesAllWords(`${item.inventory_code} ${model?.name ?? ''} ${item.serial_number ?? ''}`, search);
    })
    .sort((a, b) => byName(a.inventory_code, b.inventory_code));
  const rows = items.map((item) => itemRow(ctx.data, item));
  if (accept === 'csv' || accept === 'excel') return exportRows(rows, accept, 'items');
  return inventoryList(rows, page);
}

function getItem(ctx: RequestContext): Reply {
  const p = pool(ctx);
  const id = ctx.params.id ?? '';
  if (!isUuid(id)) fail(coercionError(ctx.method, ctx.path, `{:item_id (not (uuid? "${id}"))}`, 'request/path-params'));
  const item = ctx.data.index.itemById.get(id.toLowerCase());
  if (!item || (item.inventory_pool_id !== p.id && item.owner_id !== p.id)) return json(404, { error: 'Item not found' });
  return json(200, { ...itemRow(ctx.data, item), fields: ctx.data.inventoryFields });
}

// ---------------------------------------------------------------- models and the inventory list

function modelsMatching(data: SimData, search: string): Model[] {
  const words = search.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
  return data.index.modelsByName.filter(({ lowerName }) => words.every((w) => lowerName.includes(w))).map(({ model }) => model);
}

function listModels(ctx: RequestContext): Reply {
  const p = pool(ctx);
  const page = inventoryPage(ctx);
  const type = ctx.query.get('type');
  const quantities = ctx.data.index.quantitiesByPool.get(p.id);
  const models = type === 'package' ? [] : modelsMatching(ctx.data, searchText(ctx));
  const rows = models.map((m) => ({
    id: m.id,
    product: m.product,
    version: m.version,
    name: m.name,
    manufacturer: m.manufacturer,
    cover_image_id: null,
    borrowable_quantity: quantities?.get(m.id)?.borrowable ?? 0,
    entitled_in_groups: 0,
  }));
  return inventoryList(rows, page);
}

function getModel(ctx: RequestContext): Reply {
  const p = pool(ctx);
  const id = ctx.params.id ?? '';
  if (!isUuid(id)) fail(coercionError(ctx.method, ctx.path, `{:model_id (not (uuid? "${id}"))}`, 'request/path-params'));
  const model = ctx.data.index.modelById.get(id.toLowerCase());
  if (!model) return json(404, { status: 'failure', message: 'No entry found' });
  const quantities = ctx.data.index.quantitiesByPool.get(p.id)?.get(model.id);
  const detail: Record<string, unknown> = {
    id: model.id,
    product: model.product,
    manufacturer: model.manufacturer,
    version: model.version,
    type: 'Model',
    description: model.description,
    technical_detail: model.technical_detail,
    internal_description: model.internal_description,
    hand_over_note: model.hand_over_note,
    is_package: false,
    is_deletable: false,
    rentable: quantities?.borrowable ?? 0,
    attachments: [],
    accessories: [],
    compatibles: [],
    properties: [],
    images: [],
    entitlements: [],
    categories: model.category_ids.flatMap((cid) => {
      const category = ctx.data.index.categoryById.get(cid);
      return category ? [{ id: category.id, name: category.name }] : [];
    }),
  };
  // leihs removes nil values from the model detail.
  return json(200, Object.fromEntries(Object.entries(detail).filter(([, v]) => v !== null && v !== undefined)));
}

function listInventory(ctx: RequestContext, accept: InventoryAccept): Reply {
  const p = pool(ctx);
  const page = inventoryPage(ctx);
  const type = ctx.query.get('type');
  const withItems = boolParam(ctx, 'with_items');
  const filters = itemFilters(ctx);
  const categoryId = uuidParam(ctx, 'category_id');
  const categories = categoryId ? categoryAndDescendants(ctx.data, categoryId) : undefined;
  const byModel = ctx.data.index.itemsByPoolModel.get(p.id);
  const quantities = ctx.data.index.quantitiesByPool.get(p.id);
  const models = type === 'model' || type === null || type === '' ? modelsMatching(ctx.data, searchText(ctx)) : [];
  const rows: Record<string, unknown>[] = [];
  for (const model of models) {
    if (categories && !model.category_ids.some((id) => categories.has(id))) continue;
    // list/queries.clj: no with_items counts the filtered items of every model; true keeps models with such items;
    // false keeps models with no item at all in this pool, whatever the filters.
    const allItems = byModel?.get(model.id) ?? [];
    const items = withItems === false ? [] : allItems.filter((item) => passes(item, p.id, filters));
    if (withItems === true && items.length === 0) continue;
    if (withItems === false && allItems.length > 0) continue;
    const q = quantities?.get(model.id);
    rows.push({
      id: model.id,
      type: 'Model',
      origin_table: 'models',
      product: model.product,
      version: model.version,
      name: model.name,
      manufacturer: model.manufacturer,
      inventory_code: null,
      price: null,
      inventory_pool_id: p.id,
      cover_image_id: null,
      created_at: model.created_at,
      updated_at: model.updated_at,
      borrowable_quantity: q?.borrowable ?? 0,
      in_stock_quantity: q?.inStock ?? 0,
      items_quantity: items.length,
      description: model.description,
      hand_over_note: model.hand_over_note,
      info_url: model.info_url,
      rental_price: model.rental_price,
      maintenance_period: model.maintenance_period,
      is_package: false,
      internal_description: model.internal_description,
      technical_detail: model.technical_detail,
      image: null,
    });
  }
  if (accept === 'csv' || accept === 'excel') return exportRows(rows, accept, 'list');
  return inventoryList(rows, page);
}

/** `from-category`: the category and all its descendants (list/sql/descendent_ids.sql). */
function categoryAndDescendants(data: SimData, categoryId: string): Set<string> {
  const ids = new Set<string>([categoryId]);
  const queue = [categoryId];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const child of data.index.childrenByCategory.get(id) ?? []) {
      if (!ids.has(child.id)) {
        ids.add(child.id);
        queue.push(child.id);
      }
    }
  }
  return ids;
}

function csvCell(value: unknown): string {
  const s = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV for `Accept: text/csv`; the Excel type gets the same table labelled as a workbook. */
function exportRows(rows: Record<string, unknown>[], accept: 'csv' | 'excel', what: string): Reply {
  const columns = Object.keys(rows[0] ?? { id: null });
  const csv = [columns.join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(','))].join('\n') + '\n';
  const filename = what === 'list' ? 'inventory-list' : 'items';
  return {
    status: 200,
    headers: {
      'content-type': accept === 'csv' ? 'text/csv' : EXCEL_TYPE,
      'content-disposition': `attachment; filename="${filename}.${accept === 'csv' ? 'csv' : 'xlsx'}"`,
    },
    body: csv,
  };
}

// ---------------------------------------------------------------- the smaller collections

/** buildings/ and rooms/ (`index-resources`): always the bare array with a `Count` header; page and size are ignored. */
function withCount<T>(rows: T[]): Reply {
  return json(200, rows, { count: String(rows.length) });
}

/** Users in leihs's order for this list (lastname, firstname, id), sorted once per users array. */
const usersInListOrder = new WeakMap<readonly User[], User[]>();
function usersByName(users: readonly User[]): User[] {
  let sorted = usersInListOrder.get(users);
  if (!sorted || sorted.length !== users.length) {
    sorted = [...users].sort((a, b) => a.lastname.localeCompare(b.lastname) || a.firstname.localeCompare(b.firstname) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    usersInListOrder.set(users, sorted);
  }
  return sorted;
}

function listUsers(ctx: RequestContext): Reply {
  pool(ctx);
  const search = searchText(ctx).toLowerCase();
  const enabled = boolParam(ctx, 'account_enabled');
  const rows = usersByName(ctx.data.users).filter(
    (u) => (search === '' || u.searchable.includes(search)) && (enabled === undefined || u.account_enabled === enabled),
  );
  return inventoryList(rows, inventoryPage(ctx), {}, (u) => ({
    id: u.id,
    firstname: u.firstname,
    lastname: u.lastname,
    login: u.login,
    email: u.email,
    searchable: userSearchableColumn(u),
    account_enabled: u.account_enabled,
  }));
}

function listGroups(ctx: RequestContext): Reply {
  pool(ctx);
  const search = searchText(ctx);
  const rows = [...ctx.data.groups.values()]
    .filter((g) => matchesAllWords(`${g.name} ${g.org_id ?? ''}`, search))
    .sort((a, b) => byName(a.name, b.name))
    .map((g) => ({ id: g.id, name: g.name, searchable: groupSearchableColumn(g), user_count: ctx.data.groupMembers.get(g.id)?.size ?? 0 }));
  return inventoryList(rows, inventoryPage(ctx));
}

function profile(ctx: RequestContext): Reply {
  const auth = ctx.auth;
  if (!auth) return json(401, NOT_AUTHENTICATED);
  const { searchable: _s, ...user } = auth.user;
  const pools = ctx.data.pools.flatMap((p) => {
    const role = effectiveRole(ctx.data, auth.user.id, p.id);
    if (!p.is_active || roleRank(role) < roleRank('group_manager')) return [];
    return [{ id: p.id, name: p.name, shortname: p.shortname, permission: roleRank(role) >= roleRank('lending_manager') ? 'edit' : 'read' }];
  });
  return json(200, {
    navigation: { borrow_url: '/borrow', admin_url: auth.user.is_admin ? '/admin' : null, procure_url: null, manage_nav_items: [] },
    available_inventory_pools: pools,
    user_details: { ...user, name: `${auth.user.firstname} ${auth.user.lastname}` },
    languages: [
      { locale: 'de-CH', name: 'Deutsch (Schweiz)', default: true },
      { locale: 'en-GB', name: 'English (UK)', default: false },
    ],
  });
}

/** Who may call a route: any authenticated user, lending/inventory managers of the pool, or also group managers. */
type Access = 'authenticated' | 'manager' | 'readonly';
type InventoryHandler = (ctx: RequestContext, accept: InventoryAccept) => Reply;
interface InventoryRoute {
  route: Route;
  access: Access;
  get: InventoryHandler;
  /** answers `text/csv` and the Excel type */
  exports: boolean;
}

const always = () => true;
const r = (template: string, access: Access, get: InventoryHandler, exports = false): InventoryRoute => ({
  route: route(template, always, {}),
  access,
  get,
  exports,
});

const ROUTES: InventoryRoute[] = [
  r('/inventory/profile/', 'authenticated', profile),
  r('/inventory/settings/', 'authenticated', () =>
    json(200, {
      user_image_url: null,
      logo_url: null,
      logo_light: null,
      logo_dark: null,
      local_currency_string: 'CHF',
      time_zone: 'Europe/Zurich',
      lending_terms_url: null,
      documentation_link: 'https://github.com/leihs/leihs/wiki',
    }),
  ),
  r('/inventory/:pool/models/', 'manager', listModels),
  r('/inventory/:pool/models/:id', 'manager', getModel),
  r('/inventory/:pool/list/', 'readonly', listInventory, true),
  r('/inventory/:pool/items/', 'readonly', listItems, true),
  r('/inventory/:pool/items/:id', 'manager', getItem),
  r('/inventory/:pool/category-tree/', 'readonly', (ctx) =>
    json(200, categoryTree(ctx.data, ctx.query.get('with-metadata') === 'true', ctx.query.get('term'))),
  ),
  r('/inventory/:pool/buildings/', 'manager', (ctx) =>
    withCount([...ctx.data.buildings].sort((a, b) => byName(a.name, b.name)).map((b) => ({ id: b.id, name: b.name, code: b.code }))),),
  r('/inventory/:pool/rooms/', 'manager', (ctx) => {
    const buildingId = ctx.query.get('building_id');
    const rooms = ctx.data.rooms.filter((room) => !buildingId || room.building_id === buildingId).sort((a, b) => byName(a.name, b.name));
    return withCount(rooms.map((room) => ({ id: room.id, name: room.name, description: room.description, building_id: room.building_id, general: room.is_general })));
  }),
  r('/inventory/:pool/suppliers/', 'manager', (ctx) =>
    inventoryList(ctx.data.suppliers.filter((s) => matchesAllWords(s.name, searchText(ctx))), inventoryPage(ctx)),
  ),
  r('/inventory/:pool/templates/', 'manager', (ctx) => {
    const p = pool(ctx);
    const rows = ctx.data.templates.filter((t) => t.inventory_pool_id === p.id).map((t) => ({ id: t.id, name: t.name, models_count: t.model_ids.length }));
    return inventoryList(rows, inventoryPage(ctx));
  }),
  r('/inventory/:pool/entitlement-groups/', 'manager', (ctx) => {
    const p = pool(ctx);
    const rows = ctx.data.entitlementGroups
      .filter((g) => g.inventory_pool_id === p.id)
      .map(({ entitlements, group_ids, ...row }) => ({
        ...row,
        number_of_allocations: entitlements.reduce((sum, e) => sum + e.quantity, 0),
        number_of_models: entitlements.length,
        number_of_groups: group_ids.length,
      }));
    return inventoryList(rows, inventoryPage(ctx));
  }),
  r('/inventory/:pool/inventory-pools/', 'readonly', (ctx) =>
    inventoryList(ctx.data.pools.filter((p) => p.is_active).map((p) => ({ id: p.id, name: p.name, shortname: p.shortname })), inventoryPage(ctx)),
  ),
  r('/inventory/:pool/users/', 'manager', listUsers),
  r('/inventory/:pool/groups/', 'manager', listGroups),
  r('/inventory/:pool/fields/', 'readonly', (ctx) => {
    const target = ctx.query.get('target_type');
    if (!target) return coercionError(ctx.method, ctx.path, '{:target_type missing-required-key}');
    return inventoryList(ctx.data.inventoryFields.filter((f) => f.data.target_type === target), inventoryPage(ctx));
  }),
];

/** Inventory after authentication: CSRF, SPA for browsers, 401/403/404/406 as JSON or text per the reference. */
export function handleInventory(ctx: RequestContext, accept: InventoryAccept): Reply {
  if (!isSafeMethod(ctx.method) && !ctx.auth) return text(403, 'The anti-csrf-token cookie value is not set.');
  if (accept === 'html' && isSafeMethod(ctx.method)) return spaHtml('inventory');
  if (!ctx.auth) return accept === 'unsupported' ? text(406, 'Not Acceptable') : json(401, NOT_AUTHENTICATED);
  const match = ROUTES.map((entry) => ({ entry, hit: matchRoute([entry.route], ctx.path) })).find((m) => m.hit);
  if (!match?.hit) {
    if (accept === 'image') return text(404, 'Not Found');
    if (accept === 'unsupported') return text(406, 'Not Acceptable');
    return json(404, { error: 'Not Found' });
  }
  if (accept === 'image' || accept === 'unsupported' || ((accept === 'csv' || accept === 'excel') && !match.entry.exports)) {
    return text(406, 'Not Acceptable');
  }
  ctx.params = match.hit.params;
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return json(405, { error: 'Method Not Allowed' });
  if (match.entry.access === 'manager' || match.entry.access === 'readonly') {
    const poolId = ctx.params.pool ?? '';
    if (!isUuid(poolId)) return coercionError(ctx.method, ctx.path, `{:pool_id (not (uuid? "${poolId}"))}`, 'request/path-params');
    ctx.params.pool = poolId.toLowerCase();
    const p = ctx.data.index.poolById.get(ctx.params.pool);
    const minimum = match.entry.access === 'readonly' ? roleRank('group_manager') : roleRank('lending_manager');
    if (!p || !p.is_active || roleRank(effectiveRole(ctx.data, ctx.auth.user.id, p.id)) < minimum) return json(403, FORBIDDEN);
  }
  return match.entry.get(ctx, accept);
}
