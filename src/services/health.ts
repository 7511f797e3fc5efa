/**
 * Health checks (a service: no Bolt, no Block Kit). One `check()` asks, in parallel and within one
 * deadline, each leihs service (admin and inventory status, my auth-info), the bot's token (whose it is,
 * scopes, admin, pools it can search, when it expires) and the bot itself (version, uptime, Slack mode,
 * store, pending requests, last monitor run). Nothing here throws: every failure is a state in the report.
 */
import { readFileSync } from 'node:fs';
import type { Clock } from '../clock.js';
import type { Config, SlackMode } from '../config.js';
import { collect, isLeihsError, searchRoles, type ApiToken, type AuthInfo, type LeihsClient, type ServiceHealth as LeihsServiceHealth } from '../leihs/index.js';
import type { Overall } from '../ops/incident.js';
import { readMonitorState } from '../ops/monitor-state.js';
import type { Store } from '../store/store.js';
import { personName } from './leihs-reader.js';

export type ServiceName = 'admin' | 'inventory' | 'my';

export type ServiceState = 'up' | 'unhealthy' | 'not_deployed' | 'unreachable' | 'slow';

/** What a 900 answer's own health checks say. */
export interface UnhealthyDetail {
  /** Share of memory in use, 0..1, when leihs said. */
  memoryUsage?: number;
  memoryOk?: boolean;
  /** Names of failing health checks (the database pool's ConnectivityCheck) with their message. */
  failingChecks: { name: string; message?: string }[];
}

export interface ServiceCheck {
  service: ServiceName;
  state: ServiceState;
  /** Response time; the deadline when slow. */
  ms: number;
  unhealthy?: UnhealthyDetail;
  /** For unreachable: refused (nothing listens), network (other connection failure) or other. */
  unreachable?: 'refused' | 'network' | 'other';
}

export interface PoolRef {
  id: string;
  name: string;
}

export type TokenScope = 'read' | 'write' | 'admin_read' | 'admin_write' | 'system_admin_read' | 'system_admin_write';

export type TokenHealth =
  | {
      state: 'valid';
      user: { id: string; name: string; email: string };
      /** The user is admin in leihs (`is_admin`). */
      isAdmin: boolean;
      scopes: TokenScope[];
      /** Active pools where the bot's role lets it search (group, lending or inventory manager). */
      searchablePools?: PoolRef[];
      /** Active pools where it has no such role; absent when the pools could not be listed. */
      poolsWithoutRole?: PoolRef[];
      expiresAt?: Date;
      /** leihs: the token list of its user; config: LEIHS_TOKEN_EXPIRES_AT. */
      expirySource?: 'leihs' | 'config';
    }
  | { state: 'rejected'; expiresAt?: Date }
  | { state: 'unknown'; why: 'unreachable' | 'slow' | 'not_deployed' | 'unexpected'; expiresAt?: Date };

export interface BotHealth {
  version: string;
  uptimeMs: number;
  slackMode: SlackMode;
  store?: { engine: Store['engine']; answers: boolean };
  pendingRequests?: number;
  lastMonitorRun?: Date;
}

export interface HealthTimings {
  pools?: number;
  tokenList?: number;
  store?: number;
  total: number;
}

export interface HealthReport {
  checkedAt: Date;
  overall: Overall;
  deadlineMs: number;
  services: ServiceCheck[];
  token: TokenHealth;
  bot: BotHealth;
  timings: HealthTimings;
}

/**
 * The leihs calls the checks need; `leihsHealthSource(client)` adapts the leihs client and tests may
 * pass their own. Failures are thrown as LeihsError (network, timeout, unauthorized…); a 900 is an answer.
 */
export interface LeihsHealthSource {
  status(service: 'admin' | 'inventory'): Promise<LeihsServiceHealth>;
  authInfo(): Promise<AuthInfo>;
  activePools(): Promise<PoolRef[]>;
  apiTokens(userId: string): Promise<Pick<ApiToken, 'id' | 'expires_at'>[]>;
}

export interface HealthServiceDeps {
  leihs: LeihsHealthSource;
  config: Pick<Config, 'mode' | 'ops'>;
  clock: Clock;
  store?: Pick<Store, 'engine' | 'ping' | 'countRequests' | 'getMonitorState'>;
  /** When this process started (for uptime). */
  startedAt: Date;
  /** How long a check may take before it counts as slow; default 3 s. */
  deadlineMs?: number;
  version?: string;
}

export interface HealthService {
  check(): Promise<HealthReport>;
}

export const defaultDeadlineMs = 3000;

/** The health source over the leihs client: status endpoints once (no retries), fresh auth-info, active pools, the token list. */
export function leihsHealthSource(client: LeihsClient): LeihsHealthSource {
  return {
    status: (service) => client[service].status(),
    authInfo: () => client.my.authInfo(),
    activePools: async () => (await collect(client.admin.pools({ active: true }))).map((p) => ({ id: p.id, name: p.name })),
    apiTokens: (userId) => client.admin.userApiTokens(userId),
  };
}

export function createHealthService(deps: HealthServiceDeps): HealthService {
  const deadlineMs = deps.deadlineMs ?? defaultDeadlineMs;
  const version = deps.version ?? packageVersion();
  return {
    async check() {
      const started = performance.now();
      const deadline = new Deadline(deadlineMs);
      try {
        const [admin, inventory, tokenAndMy, bot] = await Promise.all([
          checkStatus(deps.leihs, 'admin', deadline),
          checkStatus(deps.leihs, 'inventory', deadline),
          checkTokenAndMy(deps, deadline),
          checkBot(deps, version, deadline),
        ]);
        const services = [admin, inventory, tokenAndMy.my];
        const timings: HealthTimings = { ...tokenAndMy.timings, store: bot.storeMs, total: elapsed(started) };
        return {
          checkedAt: deps.clock.now(),
          overall: overallOf(services, tokenAndMy.token),
          deadlineMs,
          services,
          token: tokenAndMy.token,
          bot: bot.health,
          timings,
        };
      } finally {
        deadline.clear();
      }
    },
  };
}

/**
 * down: leihs refuses the token, or admin (the bot's main door) is unreachable or missing, or no
 * service answers at all. degraded: anything else short of all up and a valid token. ok otherwise.
 */
export function overallOf(services: readonly ServiceCheck[], token: TokenHealth): Overall {
  const answered = (s: ServiceCheck) => s.state !== 'unreachable' && s.state !== 'slow';
  const admin = services.find((s) => s.service === 'admin');
  if (token.state === 'rejected') return 'down';
  if (!services.some(answered)) return 'down';
  if (admin && (admin.state === 'unreachable' || admin.state === 'not_deployed')) return 'down';
  if (services.some((s) => s.state !== 'up') || token.state !== 'valid') return 'degraded';
  return 'ok';
}

// --- the checks ---

type Timed<T> = { outcome: 'done'; value: T; ms: number } | { outcome: 'failed'; error: unknown; ms: number } | { outcome: 'slow'; ms: number };

/** One deadline for the whole check: a promise that settles when it passes, raced by every request. */
class Deadline {
  private readonly timer: NodeJS.Timeout;
  private expired = false;
  readonly passed: Promise<'slow'>;
  constructor(readonly ms: number) {
    let fire!: () => void;
    this.passed = new Promise((resolve) => {
      fire = () => resolve('slow');
    });
    this.timer = setTimeout(() => {
      this.expired = true;
      fire();
    }, ms);
    this.timer.unref();
  }
  clear(): void {
    clearTimeout(this.timer);
  }
  /** The work's answer with its response time, or `slow` once the deadline has passed (the work is left to finish on its own). */
  async run<T>(work: () => Promise<T>): Promise<Timed<T>> {
    const started = performance.now();
    const attempt = work().then(
      (value) => ({ outcome: 'done' as const, value, ms: elapsed(started) }),
      (error: unknown) => ({ outcome: 'failed' as const, error, ms: elapsed(started) }),
    );
    const result = await Promise.race([attempt, this.passed]);
    if (result === 'slow' || this.expired) return { outcome: 'slow', ms: this.ms };
    return result;
  }
}

const elapsed = (started: number) => Math.round(performance.now() - started);

async function checkStatus(leihs: LeihsHealthSource, service: 'admin' | 'inventory', deadline: Deadline): Promise<ServiceCheck> {
  const timed = await deadline.run(() => leihs.status(service));
  if (timed.outcome === 'slow') return { service, state: 'slow', ms: timed.ms };
  if (timed.outcome === 'failed') return failedService(service, timed.error, timed.ms);
  const answer = timed.value;
  if (answer.healthy) return { service, state: 'up', ms: timed.ms };
  const unhealthy: UnhealthyDetail = {
    failingChecks: answer.checks.filter((c) => !c.healthy).map((c) => (c.message ? { name: c.name, message: c.message } : { name: c.name })),
  };
  if (answer.memoryOk !== null) unhealthy.memoryOk = answer.memoryOk;
  if (answer.memoryUsage !== null) unhealthy.memoryUsage = answer.memoryUsage;
  return { service, state: 'unhealthy', ms: timed.ms, unhealthy };
}

/** A check that threw: not deployed (503/502/HTML where JSON belongs), slow (leihs client timeout), else unreachable. */
function failedService(service: ServiceName, error: unknown, ms: number): ServiceCheck {
  if (isLeihsError(error)) {
    if (error.reason === 'inventory_not_deployed' || error.reason === 'html_instead_of_json' || error.reason === 'gateway') {
      return { service, state: 'not_deployed', ms };
    }
    if (error.kind === 'timeout') return { service, state: 'slow', ms };
    if (error.kind === 'network') return { service, state: 'unreachable', ms, unreachable: isRefused(error) ? 'refused' : 'network' };
  }
  return { service, state: 'unreachable', ms, unreachable: 'other' };
}

function isRefused(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as NodeJS.ErrnoException).code === 'ECONNREFUSED') return true;
    if (e instanceof AggregateError && e.errors.some(isRefused)) return true;
  }
  return false;
}

async function checkTokenAndMy(
  deps: HealthServiceDeps,
  deadline: Deadline,
): Promise<{ my: ServiceCheck; token: TokenHealth; timings: { pools?: number; tokenList?: number } }> {
  const configured = deps.config.ops.tokenExpiresAt;
  const fromConfig = configured ? { expiresAt: configured } : {};
  const timed = await deadline.run(() => deps.leihs.authInfo());
  if (timed.outcome === 'slow') {
    return { my: { service: 'my', state: 'slow', ms: timed.ms }, token: { state: 'unknown', why: 'slow', ...fromConfig }, timings: {} };
  }
  if (timed.outcome === 'failed') {
    if (isLeihsError(timed.error) && timed.error.kind === 'unauthorized') {
      return { my: { service: 'my', state: 'up', ms: timed.ms }, token: { state: 'rejected', ...fromConfig }, timings: {} };
    }
    const my = failedService('my', timed.error, timed.ms);
    const why = my.state === 'not_deployed' ? 'not_deployed' : my.state === 'slow' ? 'slow' : my.unreachable === 'other' ? 'unexpected' : 'unreachable';
    return { my, token: { state: 'unknown', why, ...fromConfig }, timings: {} };
  }
  const info = timed.value;
  const [pools, tokens] = await Promise.all([
    deadline.run(() => deps.leihs.activePools()),
    info.api_token_id ? deadline.run(() => deps.leihs.apiTokens(info.id)) : undefined,
  ]);
  const token: TokenHealth = {
    state: 'valid',
    user: { id: info.id, name: personName(info), email: info.email ?? '' },
    isAdmin: info.is_admin === true,
    scopes: scopesOf(info),
  };
  if (pools.outcome === 'done') {
    const searchable = new Set(info['access-rights'].filter((r) => searchRoles.has(r.role)).map((r) => r.inventory_pool_id));
    token.searchablePools = pools.value.filter((p) => searchable.has(p.id));
    token.poolsWithoutRole = pools.value.filter((p) => !searchable.has(p.id));
  }
  const listed = tokens?.outcome === 'done' ? tokens.value.find((t) => t.id === info.api_token_id)?.expires_at : undefined;
  if (listed) Object.assign(token, { expiresAt: listed, expirySource: 'leihs' });
  else if (configured) Object.assign(token, { expiresAt: configured, expirySource: 'config' });
  return {
    my: { service: 'my', state: 'up', ms: timed.ms },
    token,
    timings: { pools: pools.ms, ...(tokens ? { tokenList: tokens.ms } : {}) },
  };
}

const scopeFields: [TokenScope, keyof AuthInfo][] = [
  ['read', 'scope_read'],
  ['write', 'scope_write'],
  ['admin_read', 'scope_admin_read'],
  ['admin_write', 'scope_admin_write'],
  ['system_admin_read', 'scope_system_admin_read'],
  ['system_admin_write', 'scope_system_admin_write'],
];

function scopesOf(info: AuthInfo): TokenScope[] {
  return scopeFields.filter(([, field]) => info[field] === true).map(([scope]) => scope);
}

async function checkBot(deps: HealthServiceDeps, version: string, deadline: Deadline): Promise<{ health: BotHealth; storeMs?: number }> {
  const health: BotHealth = {
    version,
    uptimeMs: Math.max(0, deps.clock.now().getTime() - deps.startedAt.getTime()),
    slackMode: deps.config.mode,
  };
  const store = deps.store;
  if (!store) return { health };
  const [ping, pending, state] = await Promise.all([
    deadline.run(() => store.ping()),
    deadline.run(() => store.countRequests(['pending'])),
    deadline.run(() => readMonitorState(store)),
  ]);
  health.store = { engine: store.engine, answers: ping.outcome === 'done' };
  if (pending.outcome === 'done') health.pendingRequests = pending.value;
  if (state.outcome === 'done' && state.value.lastRun) health.lastMonitorRun = new Date(state.value.lastRun.at);
  return { health, storeMs: ping.ms };
}

let cachedVersion: string | undefined;

/** The bot's version from package.json. */
export function packageVersion(): string {
  if (cachedVersion === undefined) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    cachedVersion = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  }
  return cachedVersion;
}

/** The health service over the app's own dependencies; `startedAt` defaults to when this process started. */
export function healthServiceFor(deps: {
  config: Config;
  leihs: LeihsClient;
  clock: Clock;
  store?: Store;
  startedAt?: Date;
}): HealthService {
  const startedAt = deps.startedAt ?? new Date(deps.clock.now().getTime() - Math.round(process.uptime() * 1000));
  return createHealthService({
    leihs: leihsHealthSource(deps.leihs),
    config: deps.config,
    clock: deps.clock,
    startedAt,
    ...(deps.store ? { store: deps.store } : {}),
  });
}
