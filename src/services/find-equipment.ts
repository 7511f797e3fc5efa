/**
 * Finding equipment: models merged across every pool the bot can search, one item by inventory code,
 * one model with its items per pool. Pools are asked in parallel with a bound; a pool that fails is
 * reported, not fatal, unless every pool failed. No Bolt, no Block Kit: plain data.
 */
import { mapSettledWithLimit } from '../util/map-limit.js';
import type { LeihsCatalog, SearchablePool } from './catalog.js';
import { isLeihsError } from '../leihs/errors.js';
import type { ItemRow, LeihsReader, ModelRow, PoolSummary } from './leihs-reader.js';

export interface PoolFailure {
  pool: SearchablePool;
  error: unknown;
}

export interface FanoutReport {
  /** Pools asked. */
  asked: number;
  failed: PoolFailure[];
}

export interface PoolStock {
  pool: SearchablePool;
  borrowable: number;
  inStock: number;
  items: number;
}

export interface FoundModel {
  id: string;
  name: string;
  manufacturer?: string;
  inStock: number;
  borrowable: number;
  pools: PoolStock[];
}

export type FindResult =
  | {
      kind: 'found';
      models: FoundModel[];
      /** Models among the rows read; a lower bound when `complete` is false. */
      total: number;
      /** False when some pool has more matching rows than the PER_POOL_ROWS read from it. */
      complete: boolean;
      page: number;
      pageSize: number;
      hasMore: boolean;
      report: FanoutReport;
    }
  | { kind: 'no_pools' }
  | { kind: 'unknown_pool'; pool: string; pools: SearchablePool[] }
  | { kind: 'pool_not_searchable'; pool: PoolSummary };

export interface FindOptions {
  catalog: LeihsCatalog;
  concurrency: number;
}

/** How many rows each pool is asked for, and how many models a page shows. */
export const PER_POOL_ROWS = 50;
export const MODELS_PER_PAGE = 8;

/** Narrows pools by `in <pool>`: exact name or shortname first, then a name that starts with or contains it. */
export function matchPools<P extends PoolSummary>(pools: P[], wanted: string): P[] {
  const w = wanted.trim().toLowerCase();
  const exact = pools.filter((p) => p.name.toLowerCase() === w || p.shortname?.toLowerCase() === w);
  if (exact.length > 0) return exact;
  const prefix = pools.filter((p) => p.name.toLowerCase().startsWith(w));
  if (prefix.length > 0) return prefix;
  return pools.filter((p) => p.name.toLowerCase().includes(w));
}

type PoolsOrProblem = { kind: 'ask'; pools: SearchablePool[] } | Exclude<FindResult, { kind: 'found' }>;

/** Which pools to ask: one by id (a pick from a list), those matching a typed name, or every searchable pool. */
async function poolsToAsk(catalog: LeihsCatalog, wanted: { pool?: string; poolId?: string }): Promise<PoolsOrProblem> {
  const searchable = await catalog.searchablePools();
  if (wanted.poolId) {
    const picked = searchable.find((p) => p.id === wanted.poolId);
    if (picked) return { kind: 'ask', pools: [picked] };
    const elsewhere = (await catalog.pools()).find((p) => p.id === wanted.poolId);
    return elsewhere ? { kind: 'pool_not_searchable', pool: elsewhere } : { kind: 'unknown_pool', pool: wanted.poolId, pools: searchable };
  }
  if (!wanted.pool) return searchable.length > 0 ? { kind: 'ask', pools: searchable } : { kind: 'no_pools' };
  const matched = matchPools(searchable, wanted.pool);
  if (matched.length > 0) return { kind: 'ask', pools: matched };
  const elsewhere = matchPools(await catalog.pools(), wanted.pool)[0];
  if (elsewhere) return { kind: 'pool_not_searchable', pool: elsewhere };
  return { kind: 'unknown_pool', pool: wanted.pool, pools: searchable };
}

/**
 * When every pool failed with the same gateway error or web page, it may be that this leihs has no
 * inventory service at all (an older instance): `/inventory/status` tells, and its error is the better answer.
 */
async function explainAllFailed(error: unknown, reader: LeihsReader): Promise<unknown> {
  const outage =
    isLeihsError(error) &&
    error.service === 'inventory' &&
    (error.reason === 'gateway' || error.reason === 'html_instead_of_json' || error.reason === 'not_json');
  if (!outage) return error;
  try {
    await reader.inventoryStatus();
    return error;
  } catch (statusError) {
    return isLeihsError(statusError) && statusError.reason === 'inventory_not_deployed' ? statusError : error;
  }
}

/** Runs `fn` for each pool (bounded); throws (the best explanation of) the first error only when every pool failed. */
export async function fanOut<R>(
  pools: SearchablePool[],
  concurrency: number,
  fn: (pool: SearchablePool) => Promise<R>,
  reader: LeihsReader,
) {
  const settled = await mapSettledWithLimit(pools, concurrency, fn);
  const answered: { pool: SearchablePool; value: R }[] = [];
  const failed: PoolFailure[] = [];
  settled.forEach((s, i) => {
    const pool = pools[i] as SearchablePool;
    if (s.ok) answered.push({ pool, value: s.value });
    else failed.push({ pool, error: s.error });
  });
  if (answered.length === 0 && failed[0]) throw await explainAllFailed(failed[0].error, reader);
  return { answered, report: { asked: pools.length, failed } satisfies FanoutReport };
}

/** `pool` is a typed name (matched loosely); `poolId` an exact pick, e.g. from the modal's list. */
export async function findEquipment(opts: FindOptions, query: { words: string; pool?: string; poolId?: string; page: number }): Promise<FindResult> {
  const target = await poolsToAsk(opts.catalog, query);
  if (target.kind !== 'ask') return target;
  const { answered, report } = await fanOut(
    target.pools,
    opts.concurrency,
    (pool) => opts.catalog.reader.searchModels(pool.id, query.words, { page: 1, size: PER_POOL_ROWS }),
    opts.catalog.reader,
  );
  const merged = mergeModels(answered.map((a) => ({ pool: a.pool, rows: a.value.rows })));
  const complete = answered.every((a) => a.value.total <= a.value.rows.length);
  const pageSize = MODELS_PER_PAGE;
  // A "More" pressed after results shrank (or a stale button) shows the last page, not an empty one.
  const lastPage = Math.max(1, Math.ceil(merged.length / pageSize));
  const page = Math.min(Math.max(1, query.page), lastPage);
  const models = merged.slice((page - 1) * pageSize, page * pageSize);
  return { kind: 'found', models, total: merged.length, complete, page, pageSize, hasMore: merged.length > page * pageSize, report };
}

/** One entry per model (by id), with the pools that hold items of it; most available first. */
export function mergeModels(perPool: { pool: SearchablePool; rows: ModelRow[] }[]): FoundModel[] {
  const byId = new Map<string, FoundModel>();
  for (const { pool, rows } of perPool) {
    for (const row of rows) {
      if (row.items <= 0 && row.borrowable <= 0) continue;
      const model = byId.get(row.id) ?? { id: row.id, name: row.name, manufacturer: row.manufacturer, inStock: 0, borrowable: 0, pools: [] };
      model.pools.push({ pool, borrowable: row.borrowable, inStock: row.inStock, items: row.items });
      model.inStock += row.inStock;
      model.borrowable += row.borrowable;
      byId.set(row.id, model);
    }
  }
  const models = [...byId.values()];
  for (const m of models) m.pools.sort((a, b) => b.inStock - a.inStock || b.borrowable - a.borrowable || a.pool.name.localeCompare(b.pool.name));
  return models.sort((a, b) => b.inStock - a.inStock || b.borrowable - a.borrowable || a.name.localeCompare(b.name));
}

export type ItemResult =
  | { kind: 'found'; item: ItemRow; owner?: PoolSummary; responsible?: PoolSummary; report: FanoutReport }
  | { kind: 'not_found'; inventoryCode: string; report: FanoutReport }
  | { kind: 'no_pools' };

/** leihs's item search matches codes by substring: rows read per page, and pages read per pool at most. */
export const ITEM_SEARCH_ROWS = 100;
export const ITEM_SEARCH_PAGES = 5;

/** Reads one pool's substring matches page by page until the exact code turns up or the matches end (bounded). */
async function exactItemInPool(reader: LeihsReader, poolId: string, inventoryCode: string): Promise<ItemRow | undefined> {
  const search = inventoryCode.trim();
  const wanted = search.toLowerCase();
  for (let page = 1; page <= ITEM_SEARCH_PAGES; page += 1) {
    const result = await reader.searchItems(poolId, { search }, { page, size: ITEM_SEARCH_ROWS });
    const exact = result.rows.find((row) => row.inventoryCode.toLowerCase() === wanted);
    if (exact) return exact;
    if (result.rows.length < ITEM_SEARCH_ROWS || page * ITEM_SEARCH_ROWS >= result.total) return undefined;
  }
  return undefined;
}

export async function findItem(opts: FindOptions, inventoryCode: string): Promise<ItemResult> {
  const pools = await opts.catalog.searchablePools();
  if (pools.length === 0) return { kind: 'no_pools' };
  const { answered, report } = await fanOut(
    pools,
    opts.concurrency,
    (pool) => exactItemInPool(opts.catalog.reader, pool.id, inventoryCode),
    opts.catalog.reader,
  );
  const item = answered.map((a) => a.value).find((row) => row !== undefined);
  if (!item) return { kind: 'not_found', inventoryCode, report };
  const all = await opts.catalog.pools();
  const byId = (id?: string) => (id ? all.find((p) => p.id === id) : undefined);
  return { kind: 'found', item, owner: byId(item.ownerPoolId), responsible: byId(item.responsiblePoolId), report };
}

export interface ModelInPool {
  stock: PoolStock;
  items: ItemRow[];
  totalItems: number;
}

export type ModelResult =
  | { kind: 'found'; model: FoundModel; pools: ModelInPool[]; otherNames: string[]; report: FanoutReport }
  | { kind: 'not_found'; name: string; report: FanoutReport }
  /** Several models match and none by its full name: the user picks one. */
  | { kind: 'ambiguous'; name: string; names: string[]; report: FanoutReport }
  | { kind: 'no_pools' };

export const ITEMS_PER_POOL = 10;

export async function describeModel(opts: FindOptions, name: string): Promise<ModelResult> {
  const pools = await opts.catalog.searchablePools();
  if (pools.length === 0) return { kind: 'no_pools' };
  const search = await fanOut(
    pools,
    opts.concurrency,
    (pool) => opts.catalog.reader.searchModels(pool.id, name, { page: 1, size: PER_POOL_ROWS }),
    opts.catalog.reader,
  );
  const merged = mergeModels(search.answered.map((a) => ({ pool: a.pool, rows: a.value.rows })));
  const wanted = name.trim().toLowerCase();
  const model = merged.find((m) => m.name.toLowerCase() === wanted) ?? (merged.length === 1 ? merged[0] : undefined);
  if (!model && merged.length > 1) return { kind: 'ambiguous', name, names: merged.map((m) => m.name), report: search.report };
  if (!model) return { kind: 'not_found', name, report: search.report };
  const items = await fanOut(
    model.pools.map((s) => s.pool),
    opts.concurrency,
    // Retired items are not part of the model's stock, so they are not listed under it either.
    (pool) => opts.catalog.reader.searchItems(pool.id, { modelId: model.id, retired: false }, { page: 1, size: ITEMS_PER_POOL }),
    opts.catalog.reader,
  );
  const inPools = model.pools.map((stock) => {
    const page = items.answered.find((a) => a.pool.id === stock.pool.id)?.value;
    return { stock, items: page?.rows ?? [], totalItems: page?.total ?? 0 };
  });
  const report: FanoutReport = { asked: search.report.asked, failed: [...search.report.failed, ...items.report.failed] };
  const otherNames = merged.filter((m) => m.id !== model.id).map((m) => m.name);
  return { kind: 'found', model, pools: inPools, otherNames, report };
}
