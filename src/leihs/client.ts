/**
 * `createLeihsClient` — the one way the app talks to leihs: `.my`, `.admin`, `.inventory`, and
 * `close()` for the connection pool.
 */
import { createAdminApi, type AdminApi } from './admin.js';
import { LeihsHttp, type HttpOptions } from './http.js';
import { createInventoryApi, type InventoryApi } from './inventory.js';
import { createMyApi, type MyApi } from './my.js';

export type LeihsClientOptions = HttpOptions;

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
