/**
 * The slow-changing facts every answer needs: the bot's own access rights, the pools and the category
 * tree. Cached per process for a short TTL, single-flight (design rule 5).
 */
import type { Clock } from '../clock.js';
import { TtlCache } from '../util/ttl-cache.js';
import { roleRank, searchRoles, type AuthInfo, type CategoryNode, type LeihsReader, type PoolRole, type PoolSummary } from './leihs-reader.js';

export interface SearchablePool extends PoolSummary {
  role: PoolRole;
}

export interface LeihsCatalog {
  readonly reader: LeihsReader;
  authInfo(): Promise<AuthInfo>;
  pools(): Promise<PoolSummary[]>;
  /** Active pools where the bot's token holds a role that may read inventory, in name order. */
  searchablePools(): Promise<SearchablePool[]>;
  /** The cached pools if fresh, without a leihs call (for a modal that must open at once). */
  cachedPools(): PoolSummary[] | undefined;
  categoryTree(): Promise<CategoryNode[]>;
  clear(): void;
}

export function createLeihsCatalog(opts: { reader: LeihsReader; clock: Clock; ttlMs: number }): LeihsCatalog {
  const { reader } = opts;
  const auth = new TtlCache<'auth', AuthInfo>(opts.clock, opts.ttlMs);
  const pools = new TtlCache<'pools', PoolSummary[]>(opts.clock, opts.ttlMs);
  const tree = new TtlCache<'tree', CategoryNode[]>(opts.clock, opts.ttlMs);
  const catalog: LeihsCatalog = {
    reader,
    authInfo: () => auth.get('auth', () => reader.authInfo()),
    pools: () => pools.get('pools', () => reader.listPools()),
    cachedPools: () => pools.peek('pools'),
    categoryTree: () => tree.get('tree', () => reader.categoryTree()),
    async searchablePools() {
      const [info, all] = await Promise.all([catalog.authInfo(), catalog.pools()]);
      return searchablePoolsOf(info, all);
    },
    clear() {
      auth.clear();
      pools.clear();
      tree.clear();
    },
  };
  return catalog;
}

/** Joins access rights with the pools list: active pools with a reading role, best role per pool. */
export function searchablePoolsOf(info: AuthInfo, pools: PoolSummary[], roles: ReadonlySet<PoolRole> = searchRoles): SearchablePool[] {
  const byId = new Map(pools.map((p) => [p.id, p]));
  const result = new Map<string, SearchablePool>();
  for (const right of info.accessRights) {
    const pool = byId.get(right.poolId);
    if (!pool || !pool.isActive || !roles.has(right.role)) continue;
    const held = result.get(pool.id);
    if (held && roleRank[held.role] >= roleRank[right.role]) continue;
    result.set(pool.id, { ...pool, role: right.role });
  }
  return [...result.values()].sort((a, b) => a.name.localeCompare(b.name));
}
