/**
 * What the health monitor keeps in the store (one JSON value under one key), so a restart does not
 * re-alert and every replica can show the last run (App Home, /readyz). Parsed with zod on the way in:
 * a value from an older version, or none, starts from the initial state.
 */
import { z } from 'zod';
import type { JsonValue, Store } from '../store/store.js';
import { initialIncidentState, type IncidentState, type Overall } from './incident.js';
import { initialTokenWarningState, type TokenWarningState } from './token-expiry.js';

export const MONITOR_STATE_KEY = 'health-monitor';

const overall = z.enum(['ok', 'degraded', 'down']);
const serviceName = z.enum(['admin', 'inventory', 'my']);
const serviceState = z.enum(['up', 'unhealthy', 'not_deployed', 'unreachable', 'slow']);

const snapshotSchema = z.object({
  at: z.string(),
  overall,
  services: z.array(z.object({ service: serviceName, state: serviceState, ms: z.number() })),
  token: z.object({ state: z.enum(['valid', 'rejected', 'unknown']), expiresAt: z.string().optional() }),
});

/** The last monitor run, small enough to read on every App Home open. */
export type MonitorSnapshot = z.infer<typeof snapshotSchema>;

const stateSchema = z.object({
  incident: z.object({
    confirmed: overall,
    deviations: z.number().int().min(0),
    lastObserved: overall.optional(),
    deviatingSince: z.string().optional(),
    incident: z
      .object({ startedAt: z.string(), channel: z.string().optional(), ts: z.string().optional() })
      .optional(),
  }),
  token: z.object({ expiresAt: z.string().optional(), warnedDays: z.array(z.number()) }),
  lastRun: snapshotSchema.optional(),
});

export interface MonitorState {
  incident: IncidentState;
  token: TokenWarningState;
  lastRun?: MonitorSnapshot;
}

export const initialMonitorState: MonitorState = { incident: initialIncidentState, token: initialTokenWarningState };

export function parseMonitorState(value: JsonValue | undefined): MonitorState {
  const parsed = stateSchema.safeParse(value);
  return parsed.success ? parsed.data : initialMonitorState;
}

export async function readMonitorState(store: Pick<Store, 'getMonitorState'>): Promise<MonitorState> {
  return parseMonitorState(await store.getMonitorState(MONITOR_STATE_KEY));
}

export async function writeMonitorState(store: Pick<Store, 'putMonitorState'>, state: MonitorState): Promise<void> {
  await store.putMonitorState(MONITOR_STATE_KEY, JSON.parse(JSON.stringify(state)) as JsonValue);
}

export type { Overall };
