// The leihs client's public API. Import from here ('../leihs/index.js').
export { createLeihsClient, type LeihsClient, type LeihsClientOptions } from './client.js';
export { probeLeihs, searchRoles, type LeihsProbe, type ServiceProbe, type ServiceState } from './probe.js';
export {
  LeihsError,
  describeLeihsError,
  isLeihsError,
  type LeihsErrorKind,
  type LeihsErrorReason,
  type LeihsService,
} from './errors.js';
export type { AdminApi, AccountEnabledFilter, GroupInput, Rows } from './admin.js';
export type { InventoryApi, ListQuery, ItemsQuery, ExportFormat, ExportQuery } from './inventory.js';
export type { MyApi } from './my.js';
export type { ServiceHealth, HealthCheck } from './health.js';
export type { LeihsTimeouts } from './http.js';
export { collect, type AdminPaging, type InventoryPaging } from './paginate.js';
export * from './schemas.js';
