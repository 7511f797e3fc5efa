/**
 * The monitor's incident state machine, pure: given what was stored and what this run observed, it says
 * what the state is now and whether the channel must hear about a change. A change is only confirmed
 * when it is seen on two runs in a row, so a flap that is over by the next run (inside two intervals
 * from the last good reading) never alerts.
 */
export type Overall = 'ok' | 'degraded' | 'down';

export const overallRank: Record<Overall, number> = { ok: 0, degraded: 1, down: 2 };

/** Runs in a row a new state must be seen before it counts. */
export const confirmRuns = 2;

export interface IncidentState {
  /** The state the channel was last told about (ok when nothing was ever posted). */
  confirmed: Overall;
  /** Runs in a row that saw something other than `confirmed`, all on the same side (all worse or all better). */
  deviations: number;
  /** What the last run saw. */
  lastObserved?: Overall;
  /** When the current run of deviations began (ISO). */
  deviatingSince?: string;
  /** The open incident: its message and when it began (ISO); absent while ok. */
  incident?: { startedAt: string; channel?: string; ts?: string };
}

export const initialIncidentState: IncidentState = { confirmed: 'ok', deviations: 0 };

export interface IncidentChange {
  from: Overall;
  to: Overall;
  /** When the new state was first seen. */
  at: Date;
  /** When the incident began (the first bad reading); for a recovery, how long it lasted is `at - startedAt`. */
  startedAt: Date;
}

export interface IncidentStep {
  state: IncidentState;
  change?: IncidentChange;
}

const sideOf = (observed: Overall, confirmed: Overall) => Math.sign(overallRank[observed] - overallRank[confirmed]);

export function stepIncident(state: IncidentState, observed: Overall, now: Date): IncidentStep {
  const kept = state.incident ? { incident: state.incident } : {};
  if (observed === state.confirmed) {
    return { state: { confirmed: state.confirmed, deviations: 0, lastObserved: observed, ...kept } };
  }
  const sameSide =
    state.deviations > 0 &&
    state.deviatingSince !== undefined &&
    state.lastObserved !== undefined &&
    sideOf(state.lastObserved, state.confirmed) === sideOf(observed, state.confirmed);
  const deviations = sameSide ? state.deviations + 1 : 1;
  const deviatingSince = sameSide && state.deviatingSince ? state.deviatingSince : now.toISOString();
  if (deviations < confirmRuns) {
    return { state: { confirmed: state.confirmed, deviations, deviatingSince, lastObserved: observed, ...kept } };
  }
  const at = new Date(deviatingSince);
  const startedAt = state.incident ? new Date(state.incident.startedAt) : at;
  const change: IncidentChange = { from: state.confirmed, to: observed, at, startedAt };
  if (observed === 'ok') return { state: { confirmed: 'ok', deviations: 0, lastObserved: observed }, change };
  const incident = state.incident ?? { startedAt: deviatingSince };
  return { state: { confirmed: observed, deviations: 0, lastObserved: observed, incident }, change };
}
