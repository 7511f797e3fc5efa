/** The my service: who the token belongs to. */
import { fetchHealth, type ServiceHealth } from './health.js';
import type { LeihsHttp } from './http.js';
import { myPaths } from './paths.js';
import { authInfo, parseResponse, type AuthInfo } from './schemas.js';

export interface MyApi {
  /** `GET /my/status` (no auth needed); 900 → `{healthy: false}`. */
  status(): Promise<ServiceHealth>;
  /** `GET /my/auth-info`: identity, scopes and `access-rights` (role per pool) of the token's user. */
  authInfo(): Promise<AuthInfo>;
}

export function createMyApi(http: LeihsHttp): MyApi {
  return {
    status: () => fetchHealth(http, 'my', myPaths.status()),
    async authInfo() {
      const ctx = { service: 'my', method: 'GET', path: myPaths.authInfo() } as const;
      const response = await http.json(ctx);
      return parseResponse(authInfo, response.json, { ...ctx, status: response.status });
    },
  };
}
