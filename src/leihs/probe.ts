/**
 * The capability probe: which leihs services answer, who the token is, and which pools it can search.
 * Features degrade on what it finds (e.g. no inventory → no equipment search, with a clear message).
 */
import type { LeihsClient } from './client.js';
import { LeihsError } from './errors.js';
import type { ServiceHealth } from './health.js';
import { searchRoles } from '../services/leihs-reader.js';
import type { AuthInfo } from './schemas.js';

export type ServiceState = 'up' | 'unhealthy' | 'not_deployed' | 'unreachable';

export interface ServiceProbe {
  state: ServiceState;
  /** Round trip of the status request, in milliseconds. */
  ms: number;
  /** What the status endpoint said (absent when it did not answer JSON). */
  health?: ServiceHealth;
  error?: LeihsError;
}

export interface LeihsProbe {
  services: { admin: ServiceProbe; my: ServiceProbe; inventory: ServiceProbe };
  /** `/my/auth-info` of the token, or null when it failed (see identityError). */
  identity: AuthInfo | null;
  identityError?: LeihsError;
  /** Pools where the token's user is lending, inventory or group manager (inventory reads work there). */
  searchablePools: string[];
}

/** The role set is defined once, with the read side's other role sets. */
export { searchRoles };

export async function probeLeihs(client: LeihsClient): Promise<LeihsProbe> {
  const [admin, my, inventory, identity] = await Promise.all([
    probeService(() => client.admin.status()),
    probeService(() => client.my.status()),
    probeService(() => client.inventory.status()),
    client.my.authInfo().then(
      (info) => ({ info, error: undefined }),
      (error: unknown) => ({ info: null, error: asLeihsError(error) }),
    ),
  ]);
  const searchablePools = identity.info
    ? [...new Set(identity.info['access-rights'].filter((r) => searchRoles.has(r.role)).map((r) => r.inventory_pool_id))]
    : [];
  return {
    services: { admin, my, inventory },
    identity: identity.info,
    ...(identity.error ? { identityError: identity.error } : {}),
    searchablePools,
  };
}

async function probeService(check: () => Promise<ServiceHealth>): Promise<ServiceProbe> {
  const started = performance.now();
  try {
    const health = await check();
    return { state: health.healthy ? 'up' : 'unhealthy', ms: elapsed(started), health };
  } catch (error) {
    const leihsError = asLeihsError(error);
    return { state: stateOf(leihsError), ms: elapsed(started), error: leihsError };
  }
}

function stateOf(error: LeihsError): ServiceState {
  if (error.reason === 'unhealthy') return 'unhealthy';
  if (error.reason === 'inventory_not_deployed' || error.reason === 'html_instead_of_json') return 'not_deployed';
  if (error.kind === 'not_found' || error.kind === 'no_route') return 'not_deployed';
  return 'unreachable';
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

function asLeihsError(error: unknown): LeihsError {
  if (error instanceof LeihsError) return error;
  return new LeihsError({ kind: 'unexpected_response', service: 'my', cause: error });
}
