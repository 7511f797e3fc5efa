/** The status endpoints every leihs service has: 200 is healthy, 900 (not 503) is unhealthy. */
import type { LeihsService } from './errors.js';
import type { LeihsHttp } from './http.js';
import { parseResponse, statusBody } from './schemas.js';

export interface HealthCheck {
  name: string;
  healthy: boolean;
  message: string | null;
}

export interface ServiceHealth {
  healthy: boolean;
  /** 200, or 900 when leihs reports itself unhealthy. */
  status: number;
  checks: HealthCheck[];
  /** leihs's `memory.ok?` (false at ≥ 95 % heap use); null when absent. */
  memoryOk: boolean | null;
  memoryUsage: number | null;
}

/** Reads a status endpoint once (no retries: a health check reports what it sees). */
export async function fetchHealth(http: LeihsHttp, service: LeihsService, path: string): Promise<ServiceHealth> {
  const response = await http.json({ service, method: 'GET', path, passStatuses: [900], retry: false });
  const body = parseResponse(statusBody, response.json ?? {}, { service, method: 'GET', path, status: response.status });
  const checks = Object.entries(body['health-checks'] ?? {}).map(([name, check]) => ({
    name,
    healthy: check['healthy?'] === true,
    message: check.message ?? null,
  }));
  return {
    healthy: response.status === 200,
    status: response.status,
    checks,
    memoryOk: body.memory?.['ok?'] ?? null,
    memoryUsage: body.memory?.usage ?? null,
  };
}
