/**
 * What the Slack app is built from. main (or a test, or the console) constructs these once and passes
 * them to buildApp. Others add their fields here with a one-line edit.
 */
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { LeihsClient } from './leihs/client.js';
import type { Store } from './store/store.js';
import { createLeihsCatalog, type LeihsCatalog } from './services/catalog.js';
import { createIdentityService, type IdentityService } from './services/identity.js';
import type { LeihsReader } from './services/leihs-reader.js';
import { readerFromClient } from './services/leihs-reader-client.js';
import type { HealthService } from './services/health.js';

export interface AppDeps {
  config: Config;
  leihs: LeihsClient;
  clock: Clock;
  /** The read side's view of leihs (plain data), built on `leihs`. */
  reader: LeihsReader;
  /** The bot's access rights, pools and the category tree, cached briefly and single-flight. */
  catalog: LeihsCatalog;
  /** Slack user → leihs user by email, cached with a TTL. */
  identity: IdentityService;
  store?: Store;
  /** Health checks for /leihs status and the monitor; composeRuntime builds it with healthServiceFor. */
  health: HealthService;
  /** Aborted when the app shuts down (composeRuntime's close()): background waits end at once. */
  shutdown?: AbortSignal;
}

export interface BaseDeps {
  config: Config;
  leihs: LeihsClient;
  clock: Clock;
  store?: Store;
  health: HealthService;
  shutdown?: AbortSignal;
  /** Replaces the client-backed reader (tests). */
  reader?: LeihsReader;
}

/** Builds the read-side services around a leihs client; callers add the rest. */
export function createAppDeps(base: BaseDeps): AppDeps {
  const ttlMs = base.config.leihs.cacheTtlMs;
  const reader = base.reader ?? readerFromClient(base.leihs);
  return {
    ...base,
    reader,
    catalog: createLeihsCatalog({ reader, clock: base.clock, ttlMs }),
    identity: createIdentityService({ reader, clock: base.clock, ttlMs }),
  };
}
