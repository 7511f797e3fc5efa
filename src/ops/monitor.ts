/**
 * The health monitor's thin runner around the pure machines (incident.ts, token-expiry.ts). Each
 * `tick()`: hold the lease (only one replica monitors), run the checks, step the machines, post what
 * changed to the ops channel, save the state. A post that fails leaves that machine's state as it was,
 * so the next tick tries again; nothing is posted twice for one change. `start()` ticks on a timer.
 */
import type { ChatPostMessageArguments, ChatUpdateArguments } from '@slack/web-api';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import {
  buildIncidentMessage,
  buildRecoveryEntry,
  buildResolvedMessage,
  buildTimelineEntry,
  buildTokenWarning,
} from '../blocks/alert.js';
import type { HealthReport, HealthService } from '../services/health.js';
import type { Store } from '../store/store.js';
import { stepIncident, type IncidentChange, type IncidentState } from './incident.js';
import { readMonitorState, writeMonitorState, type MonitorSnapshot, type MonitorState } from './monitor-state.js';
import { stepTokenWarning, type TokenWarning } from './token-expiry.js';

export const MONITOR_LOCK = 'health-monitor';

/** The two Web API calls the monitor makes (a Bolt app's `client` fits). */
export interface MonitorSlack {
  chat: {
    postMessage(args: ChatPostMessageArguments): Promise<{ ts?: string }>;
    update(args: ChatUpdateArguments): Promise<unknown>;
  };
}

export interface MonitorLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface HealthMonitorDeps {
  health: HealthService;
  store: Pick<Store, 'getMonitorState' | 'putMonitorState' | 'tryAcquireLock' | 'releaseLock'>;
  slack: MonitorSlack;
  config: Pick<Config, 'ops'>;
  clock: Clock;
  /** This replica's id for the lease (e.g. hostname + pid). */
  holderId: string;
  logger?: MonitorLogger;
}

export type TickResult =
  | { ran: false; why: 'not_leader' | 'busy' }
  | { ran: true; report: HealthReport; change?: IncidentChange; warning?: TokenWarning };

export interface HealthMonitor {
  tick(): Promise<TickResult>;
  /** Ticks now and then every config.ops.monitorIntervalMs, until stop(). */
  start(): void;
  /** Stops the timer, waits for a running tick and gives up the lease. */
  stop(): Promise<void>;
  /** The last report this process produced, if it is the one monitoring. */
  lastReport(): HealthReport | undefined;
}

const quietLogger: MonitorLogger = { info: () => {}, warn: () => {} };

export function createHealthMonitor(deps: HealthMonitorDeps): HealthMonitor {
  const interval = deps.config.ops.monitorIntervalMs;
  const leaseMs = interval * 3;
  const logger = deps.logger ?? quietLogger;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<TickResult> | undefined;
  let last: HealthReport | undefined;

  async function runTick(): Promise<TickResult> {
    if (!(await deps.store.tryAcquireLock(MONITOR_LOCK, deps.holderId, leaseMs))) return { ran: false, why: 'not_leader' };
    const report = await deps.health.check();
    last = report;
    // The checks may have outlived the lease while another replica took over: hold it still (renewed
    // for the posts below) before reading the state, or two replicas would post the same change.
    if (!(await deps.store.tryAcquireLock(MONITOR_LOCK, deps.holderId, leaseMs))) return { ran: false, why: 'not_leader' };
    const now = deps.clock.now();
    const state = await readMonitorState(deps.store);
    const channel = deps.config.ops.channel;

    const step = stepIncident(state.incident, report.overall, now);
    let incident = step.state;
    if (step.change && channel) {
      const posted = await postChange(deps, channel, state.incident, step.state, step.change, report).catch((error: unknown) => {
        logger.warn(`health monitor: could not post the ${step.change?.to ?? ''} alert: ${errorText(error)}`);
        return undefined;
      });
      incident = posted ?? state.incident;
    }

    const tokenStep = stepTokenWarning(state.token, expiresAtOf(report), now, deps.config.ops.tokenWarnDays);
    let token = tokenStep.state;
    if (tokenStep.warning && channel) {
      const who = report.token.state === 'valid' ? report.token.user.email || report.token.user.name : undefined;
      const message = buildTokenWarning(tokenStep.warning, now, who);
      const ok = await deps.slack.chat.postMessage({ channel, text: message.text, blocks: message.blocks }).then(
        () => true,
        (error: unknown) => {
          logger.warn(`health monitor: could not post the token warning: ${errorText(error)}`);
          return false;
        },
      );
      if (!ok) token = state.token;
    }

    const next: MonitorState = { incident, token, lastRun: snapshotOf(report) };
    await writeMonitorState(deps.store, next);
    if (step.change) logger.info(`health monitor: ${step.change.from} → ${step.change.to}`);
    return { ran: true, report, ...(step.change ? { change: step.change } : {}), ...(tokenStep.warning ? { warning: tokenStep.warning } : {}) };
  }

  const monitor: HealthMonitor = {
    async tick() {
      if (running) return { ran: false, why: 'busy' };
      running = runTick();
      try {
        return await running;
      } finally {
        running = undefined;
      }
    },
    start() {
      if (timer) return;
      const safeTick = () => {
        monitor.tick().catch((error: unknown) => logger.warn(`health monitor: tick failed: ${errorText(error)}`));
      };
      timer = setInterval(safeTick, interval);
      timer.unref();
      safeTick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
      await deps.store.releaseLock(MONITOR_LOCK, deps.holderId).catch(() => undefined);
    },
    lastReport: () => last,
  };
  return monitor;
}

/** Posts one confirmed change; resolves to the incident state to keep (with the message's ts once posted). */
async function postChange(
  deps: HealthMonitorDeps,
  channel: string,
  before: IncidentState,
  after: IncidentState,
  change: IncidentChange,
  report: HealthReport,
): Promise<IncidentState> {
  const chat = deps.slack.chat;
  const mention = deps.config.ops.mention;
  const open = before.incident;
  if (change.to === 'ok') {
    if (open?.ts && open.channel) {
      const resolved = buildResolvedMessage(change.startedAt, change.at);
      await chat.update({ channel: open.channel, ts: open.ts, text: resolved.text, blocks: resolved.blocks });
      const entry = buildRecoveryEntry(change.startedAt, change.at);
      await chat.postMessage({ channel: open.channel, thread_ts: open.ts, text: entry.text, blocks: entry.blocks });
    }
    return after;
  }
  const incidentMessage = buildIncidentMessage({ state: change.to, since: change.at, startedAt: change.startedAt, report, mention });
  const entry = buildTimelineEntry(change.to, change.at, report, mention);
  if (open?.ts && open.channel) {
    await chat.update({ channel: open.channel, ts: open.ts, text: incidentMessage.text, blocks: incidentMessage.blocks });
    // Going down is broadcast to the channel: an edit alone notifies nobody.
    const reply = { channel: open.channel, thread_ts: open.ts, text: entry.text, blocks: entry.blocks };
    await chat.postMessage(change.to === 'down' ? { ...reply, reply_broadcast: true } : reply);
    return after;
  }
  const posted = await chat.postMessage({ channel, text: incidentMessage.text, blocks: incidentMessage.blocks });
  if (!posted.ts) throw new Error('chat.postMessage returned no ts');
  const withMessage: IncidentState = { ...after, incident: { startedAt: change.startedAt.toISOString(), channel, ts: posted.ts } };
  // The incident message is out, so the state moves on; a missing first timeline entry is only logged.
  await chat.postMessage({ channel, thread_ts: posted.ts, text: entry.text, blocks: entry.blocks }).catch((error: unknown) => {
    deps.logger?.warn(`health monitor: could not post the first timeline entry: ${errorText(error)}`);
  });
  return withMessage;
}

function expiresAtOf(report: HealthReport): Date | undefined {
  return report.token.expiresAt;
}

export function snapshotOf(report: HealthReport): MonitorSnapshot {
  return {
    at: report.checkedAt.toISOString(),
    overall: report.overall,
    services: report.services.map((s) => ({ service: s.service, state: s.state, ms: s.ms })),
    token: { state: report.token.state, ...(report.token.expiresAt ? { expiresAt: report.token.expiresAt.toISOString() } : {}) },
  };
}

function errorText(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'data' in error) {
    const data = (error as { data?: { error?: unknown } }).data;
    if (typeof data?.error === 'string') return data.error;
  }
  return error instanceof Error ? error.message : 'unknown error';
}
