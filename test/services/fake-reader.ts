/** A LeihsReader in memory, with per-pool failures and a record of calls. */
import type { LeihsReader, ModelRow, PoolSummary, ItemRow, Person, GroupSummary, CategoryNode, AuthInfo, Page, PageRequest } from '../../src/services/leihs-reader.js';

export const pools: PoolSummary[] = [
  { id: 'p-foto', name: 'Fotostudio', shortname: 'FOTO', isActive: true },
  { id: 'p-film', name: 'Filmpool', shortname: 'FILM', isActive: true },
  { id: 'p-audio', name: 'Audio', shortname: 'AUDIO', isActive: true },
  { id: 'p-werk', name: 'Werkstatt', shortname: 'WERK', isActive: true },
  { id: 'p-arch', name: 'Archiv', shortname: 'ARCH', isActive: false },
];

export const botAuth: AuthInfo = {
  userId: 'u-bot',
  firstname: 'leihs',
  lastname: 'bot',
  email: 'leihs-bot@hdk.example',
  isAdmin: true,
  isSystemAdmin: false,
  scopes: { read: true, write: true, adminRead: true, adminWrite: true },
  accessRights: pools.map((p) => ({ poolId: p.id, role: 'inventory_manager' as const })),
};

export interface FakeReaderOptions {
  models?: Record<string, ModelRow[]>;
  items?: Record<string, ItemRow[]>;
  failPools?: Record<string, Error>;
  /** What /inventory/status answers (default: healthy). */
  inventoryStatusError?: Error;
  people?: Person[];
  groups?: GroupSummary[];
  tree?: CategoryNode[];
  auth?: AuthInfo;
  /** Resolves when the test says so, to observe concurrency. */
  gate?: Promise<void>;
}

/** One page of rows with the total, as leihs's inventory pagination answers. */
function pageOf<T>(rows: T[], page: PageRequest): Page<T> {
  return { rows: rows.slice((page.page - 1) * page.size, page.page * page.size), total: rows.length };
}

export function fakeReader(opts: FakeReaderOptions = {}) {
  const calls: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const perPool = async <T>(poolId: string, what: string, value: () => T): Promise<T> => {
    calls.push(`${what}:${poolId}`);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      if (opts.gate) await opts.gate;
      else await Promise.resolve();
      const failure = opts.failPools?.[poolId];
      if (failure) throw failure;
      return value();
    } finally {
      inFlight -= 1;
    }
  };
  const reader: LeihsReader = {
    inventoryStatus: async () => {
      calls.push('inventoryStatus');
      if (opts.inventoryStatusError) throw opts.inventoryStatusError;
    },
    authInfo: async () => (calls.push('authInfo'), opts.auth ?? botAuth),
    listPools: async () => (calls.push('listPools'), pools),
    getPool: async (id) => pools.find((p) => p.id === id),
    listPoolManagers: async () => [{ id: 'u-marco', firstname: 'Marco', lastname: 'Bernasconi', email: 'marco.bernasconi@hdk.example', accountEnabled: true, role: 'lending_manager' }],
    searchModels: (poolId, words, page) =>
      perPool(poolId, 'models', () => {
        const rows = (opts.models?.[poolId] ?? []).filter((r) => words.split(' ').every((w) => r.name.toLowerCase().includes(w.toLowerCase())));
        return pageOf(rows, page);
      }),
    searchItems: (poolId, query, page) =>
      perPool(poolId, 'items', () => {
        const rows = (opts.items?.[poolId] ?? []).filter(
          (r) => (!query.modelId || r.modelId === query.modelId) && (query.retired !== false || !r.retired) && (!query.search || r.inventoryCode.toLowerCase().includes(query.search.toLowerCase())),
        );
        return pageOf(rows, page);
      }),
    searchPeople: async (poolId, words, page) => {
      calls.push(`people:${poolId}`);
      const rows = (opts.people ?? []).filter((p) => JSON.stringify(p).toLowerCase().includes(words.toLowerCase()));
      return { rows: rows.slice(0, page.size), total: rows.length };
    },
    findUserByEmail: async (email) => (opts.people ?? []).find((p) => p.email?.toLowerCase() === email.toLowerCase()),
    userPoolRoles: async () => [{ poolId: 'p-foto', poolName: 'Fotostudio', role: 'lending_manager' }],
    listGroups: async (term, limit) => (opts.groups ?? []).filter((g) => g.name.toLowerCase().includes(term.toLowerCase())).slice(0, limit),
    getGroup: async (id) => (opts.groups ?? []).find((g) => g.id === id),
    listGroupMembers: async (_id, limit) => (opts.people ?? []).slice(0, limit),
    categoryTree: async () => (calls.push('categoryTree'), opts.tree ?? []),
  };
  return { reader, calls, maxInFlight: () => maxInFlight };
}

export function model(id: string, name: string, inStock: number, borrowable = inStock, items = borrowable): ModelRow {
  return { id, name, manufacturer: 'Manfrotto', inStock, borrowable, items };
}
