/**
 * `createLeihsClient` — the one way the app talks to leihs: `.my`, `.admin`, `.inventory`, and
 * `close()` for the connection pool.
 */
import type { Dispatcher } from 'undici';
import { createAdminApi, type AdminApi } from './admin.js';
import { LeihsHttp, type LeihsTimeouts } from './http.js';
import { createInventoryApi, type InventoryApi } from './inventory.js';
import { createMyApi, type MyApi } from './my.js';

export interface LeihsClientOptions {
  /** leihs's base URL, e.g. https://leihs.example.org (LEIHS_URL). */
  baseUrl: string;
  /** An API token of the bot's leihs user (LEIHS_TOKEN); sent as `Authorization: Token …`. */
  token: string;
  /** Tests pass an undici MockAgent; otherwise the client keeps its own keep-alive Pool. */
  dispatcher?: Dispatcher;
  timeouts?: Partial<LeihsTimeouts>;
  /** Retries for GETs on network errors and 502/503/504, 0..2 (default 2). */
  retries?: number;
  /** Jitter source in [0, 1) for the retry backoff. */
  random?: () => number;
  /** Keep-alive connections to leihs (default 16); give at least LEIHS_FANOUT_CONCURRENCY. */
  connections?: number;
}

export interface LeihsClient {
  readonly baseUrl: string;
  readonly my: MyApi;
  readonly admin: AdminApi;
  readonly inventory: InventoryApi;
  /** Closes the client's own connection pool (an injected dispatcher is left open). */
  close(): Promise<void>;
}

export function createLeihsClient(options: LeihsClientOptions): LeihsClient {
  const http = new LeihsHttp(options);
  return {
    baseUrl: options.baseUrl,
    my: createMyApi(http),
    admin: createAdminApi(http),
    inventory: createInventoryApi(http),
    close: () => http.close(),
  };
}
