/**
 * The inventory service (`/inventory/...`): per pool, models, the inventory list with quantities,
 * items, and the pool's catalogue. The token's user needs a lending or inventory manager role in
 * the pool (group managers may read list/ and items/); admins get no bypass. Paged endpoints always
 * send `page` and `size`, so leihs answers `{data, pagination}` with totals.
 */
import type { z } from 'zod';
import { LeihsError } from './errors.js';
import { fetchHealth, type ServiceHealth } from './health.js';
import type { LeihsHttp, Query } from './http.js';
import { inventoryPageQuery, type InventoryPaging } from './paginate.js';
import { inventoryPaths } from './paths.js';
import {
  categoryTree,
  entitlementGroup,
  inventoryBuilding,
  inventoryPage,
  inventoryRoom,
  inventoryRows,
  inventoryUser,
  item,
  itemRow,
  listRow,
  model,
  modelRow,
  parseResponse,
  supplier,
  template,
  type Building,
  type CategoryTree,
  type EntitlementGroup,
  type InventoryPage,
  type InventoryUser,
  type Item,
  type ItemRow,
  type ListRow,
  type Model,
  type ModelRow,
  type Room,
  type Supplier,
  type Template,
} from './schemas.js';

export interface ListQuery extends InventoryPaging {
  search?: string;
  type?: 'model' | 'software' | 'option' | 'package';
  withItems?: boolean;
  retired?: boolean;
  borrowable?: boolean;
  inStock?: boolean;
  categoryId?: string;
}

export interface ItemsQuery extends InventoryPaging {
  /** Matches inventory code, model name, serial number… */
  search?: string;
  modelId?: string;
  inStock?: boolean;
  borrowable?: boolean;
  retired?: boolean;
}

/** Filters for an export: those of list/ or of items/, without paging. */
export type ExportQuery = Omit<ListQuery & ItemsQuery, 'page' | 'size'>;

export type ExportFormat = 'csv' | 'xlsx';
export const exportTypes: Record<ExportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface InventoryApi {
  /**
   * `GET /inventory/status` with JSON Accept; 900 → `{healthy: false}`. A 503/502/404 or an HTML
   * answer means this leihs has no inventory service: unavailable / `inventory_not_deployed`.
   */
  status(): Promise<ServiceHealth>;
  models(poolId: string, query?: { search?: string; type?: 'model' | 'package' } & InventoryPaging): Promise<InventoryPage<ModelRow>>;
  model(poolId: string, modelId: string): Promise<Model>;
  /** The inventory list with `borrowable_quantity` / `in_stock_quantity` (every model, also 0). */
  list(poolId: string, query?: ListQuery): Promise<InventoryPage<ListRow>>;
  items(poolId: string, query?: ItemsQuery): Promise<InventoryPage<ItemRow>>;
  item(poolId: string, itemId: string): Promise<Item>;
  categoryTree(poolId: string, query?: { term?: string }): Promise<CategoryTree>;
  buildings(poolId: string): Promise<Building[]>;
  rooms(poolId: string, query?: { buildingId?: string }): Promise<Room[]>;
  templates(poolId: string): Promise<Template[]>;
  suppliers(poolId: string, query?: { search?: string }): Promise<Supplier[]>;
  entitlementGroups(poolId: string): Promise<EntitlementGroup[]>;
  /** People search without avatars: every leihs user (not only the pool's), ILIKE on names/email/login. */
  users(poolId: string, query?: { search?: string; accountEnabled?: boolean } & InventoryPaging): Promise<InventoryPage<InventoryUser>>;
  /** CSV or Excel of the list/ or items/ query, chosen by Accept. */
  export(
    poolId: string,
    what: 'list' | 'items',
    format: ExportFormat,
    query?: ExportQuery,
  ): Promise<{ contentType: string; data: Buffer }>;
}

export function createInventoryApi(http: LeihsHttp): InventoryApi {
  async function get<T extends z.ZodType>(schema: T, path: string, query?: Query): Promise<z.infer<T>> {
    const ctx = { service: 'inventory', method: 'GET', path } as const;
    const response = await http.json({ ...ctx, query });
    return parseResponse(schema, response.json, { ...ctx, status: response.status });
  }

  return {
    async status() {
      const path = inventoryPaths.status();
      try {
        return await fetchHealth(http, 'inventory', path);
      } catch (error) {
        if (error instanceof LeihsError && looksNotDeployed(error)) {
          throw new LeihsError({
            service: 'inventory',
            method: 'GET',
            path,
            status: error.status,
            kind: 'unavailable',
            reason: 'inventory_not_deployed',
            cause: error,
          });
        }
        throw error;
      }
    },
    models: async (poolId, { search, type, ...paging } = {}) =>
      get(inventoryPage(modelRow), inventoryPaths.models(poolId), { search, type, ...inventoryPageQuery(paging) }),
    model: async (poolId, modelId) => get(model, inventoryPaths.model(poolId, modelId)),
    list: async (poolId, query = {}) => get(inventoryPage(listRow), inventoryPaths.list(poolId), { ...listParams(query), ...inventoryPageQuery(query) }),
    items: async (poolId, query = {}) =>
      get(inventoryPage(itemRow), inventoryPaths.items(poolId), { ...itemsParams(query), ...inventoryPageQuery(query) }),
    item: async (poolId, itemId) => get(item, inventoryPaths.item(poolId, itemId)),
    categoryTree: async (poolId, { term } = {}) => get(categoryTree, inventoryPaths.categoryTree(poolId), { term }),
    buildings: async (poolId) => get(inventoryRows(inventoryBuilding), inventoryPaths.buildings(poolId)),
    rooms: async (poolId, { buildingId } = {}) => get(inventoryRows(inventoryRoom), inventoryPaths.rooms(poolId), { building_id: buildingId }),
    templates: async (poolId) => get(inventoryRows(template), inventoryPaths.templates(poolId)),
    suppliers: async (poolId, { search } = {}) => get(inventoryRows(supplier), inventoryPaths.suppliers(poolId), { search }),
    entitlementGroups: async (poolId) => get(inventoryRows(entitlementGroup), inventoryPaths.entitlementGroups(poolId)),
    users: async (poolId, { search, accountEnabled, ...paging } = {}) =>
      get(inventoryPage(inventoryUser), inventoryPaths.users(poolId), {
        search,
        account_enabled: accountEnabled,
        ...inventoryPageQuery(paging),
      }),
    export: async (poolId, what, format, query = {}) =>
      http.bytes({
        service: 'inventory',
        method: 'GET',
        path: what === 'list' ? inventoryPaths.list(poolId) : inventoryPaths.items(poolId),
        query: what === 'list' ? listParams(query) : itemsParams(query),
        accept: exportTypes[format],
      }),
  };
}

function listParams(query: Omit<ListQuery, 'page' | 'size'>): Query {
  return {
    search: query.search,
    type: query.type,
    with_items: query.withItems,
    retired: query.retired,
    borrowable: query.borrowable,
    in_stock: query.inStock,
    category_id: query.categoryId,
  };
}

function itemsParams(query: Omit<ItemsQuery, 'page' | 'size'>): Query {
  return {
    search: query.search,
    model_id: query.modelId,
    in_stock: query.inStock,
    borrowable: query.borrowable,
    retired: query.retired,
  };
}

/** On /inventory/status: a gateway error, a 404 or a web page means the service is not there. */
function looksNotDeployed(error: LeihsError): boolean {
  return (
    error.reason === 'html_instead_of_json' ||
    error.reason === 'gateway' ||
    error.kind === 'not_found' ||
    error.kind === 'no_route' ||
    (error.kind === 'unexpected_response' && error.reason === 'not_json')
  );
}
