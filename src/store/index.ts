/** Opens the store the configuration asks for: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. */
import { systemClock, type Clock } from '../clock.js';
import type { Config } from '../config.js';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export type * from './store.js';
export { finalStatuses, requestStatuses } from './store.js';

export interface OpenStoreOptions {
  /** Time for lock leases and monitor state; requests carry the times their callers give. */
  clock?: Clock;
  /** PostgreSQL only: work in this schema (created if missing). */
  schema?: string;
}

export async function openStore(config: Config['store'], options: OpenStoreOptions = {}): Promise<Store> {
  const clock = options.clock ?? systemClock;
  if (config.databaseUrl) {
    return openPostgresStore({ databaseUrl: config.databaseUrl, schema: options.schema, clock });
  }
  return openSqliteStore(config.dataDir, clock);
}
