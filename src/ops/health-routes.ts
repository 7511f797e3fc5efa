/**
 * The bot's own health endpoints as Bolt custom routes, for a load balancer or Kubernetes. They work in
 * both Slack modes (HTTPReceiver and SocketModeReceiver both take `customRoutes`):
 * - GET /healthz: the process is alive (always 200 while it can answer).
 * - GET /readyz: 200 when the store answers, leihs was reachable at the last check, and (Socket Mode)
 *   the socket to Slack is connected; 503 otherwise. Both answer JSON naming each part.
 */
import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Clock } from '../clock.js';
import type { SlackMode } from '../config.js';
import type { Store } from '../store/store.js';
import { readMonitorState, type MonitorSnapshot } from './monitor-state.js';

export interface HealthRoutesDeps {
  clock: Clock;
  startedAt: Date;
  version: string;
  slackMode: SlackMode;
  store?: Pick<Store, 'ping' | 'getMonitorState'>;
  /** Socket Mode: whether the socket to Slack is open now (see trackSocketConnection). */
  slackConnected?: () => boolean;
  /** How long the store may take to answer; default 2 s. */
  storeTimeoutMs?: number;
}

export interface Readiness {
  ready: boolean;
  checks: {
    store: 'ok' | 'failing' | 'none';
    leihs: 'reachable' | 'unreachable' | 'unknown';
    slack: 'connected' | 'disconnected' | 'not_applicable';
  };
  lastCheck?: string;
}

export function healthRoutes(deps: HealthRoutesDeps): CustomRoute[] {
  return [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        const uptimeSeconds = Math.max(0, Math.round((deps.clock.now().getTime() - deps.startedAt.getTime()) / 1000));
        sendJson(res, 200, { status: 'ok', version: deps.version, uptimeSeconds });
      },
    },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req, res) => {
        readiness(deps).then(
          (r) => sendJson(res, r.ready ? 200 : 503, r),
          () => sendJson(res, 503, { ready: false }),
        );
      },
    },
  ];
}

export async function readiness(deps: HealthRoutesDeps): Promise<Readiness> {
  const [store, lastRun] = await Promise.all([storeCheck(deps), lastRunOf(deps)]);
  const slack = deps.slackMode === 'socket' ? (deps.slackConnected?.() ? 'connected' : 'disconnected') : 'not_applicable';
  const leihs = !lastRun ? 'unknown' : reachable(lastRun) ? 'reachable' : 'unreachable';
  const ready = store !== 'failing' && leihs === 'reachable' && slack !== 'disconnected';
  return { ready, checks: { store, leihs, slack }, ...(lastRun ? { lastCheck: lastRun.at } : {}) };
}

/** leihs counts as reachable when at least one of its services answered at the last check. */
function reachable(snapshot: MonitorSnapshot): boolean {
  return snapshot.services.some((s) => s.state !== 'unreachable' && s.state !== 'slow');
}

async function storeCheck(deps: HealthRoutesDeps): Promise<Readiness['checks']['store']> {
  if (!deps.store) return 'none';
  const store = deps.store;
  return withTimeout(store.ping(), deps.storeTimeoutMs ?? 2000).then(
    () => 'ok' as const,
    () => 'failing' as const,
  );
}

async function lastRunOf(deps: HealthRoutesDeps): Promise<MonitorSnapshot | undefined> {
  if (!deps.store) return undefined;
  const state = await withTimeout(readMonitorState(deps.store), deps.storeTimeoutMs ?? 2000).catch(() => undefined);
  return state?.lastRun;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/**
 * Follows a Socket Mode client's connection (SocketModeReceiver's `client`): connected after
 * `connected`; not once the socket closes (`close`, before any reconnect delay), nor after
 * `disconnected` or while `reconnecting`.
 */
export function trackSocketConnection(client: { on(event: string, listener: () => void): unknown }): () => boolean {
  let connected = false;
  client.on('connected', () => {
    connected = true;
  });
  for (const event of ['close', 'disconnected', 'reconnecting']) {
    client.on(event, () => {
      connected = false;
    });
  }
  return () => connected;
}
