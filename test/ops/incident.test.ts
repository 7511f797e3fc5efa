import { describe, expect, it } from 'vitest';
import { initialIncidentState, stepIncident, type IncidentState, type Overall } from '../../src/ops/incident.js';

const t0 = new Date('2026-12-04T09:00:00Z');
const minute = 60_000;
const at = (minutes: number) => new Date(t0.getTime() + minutes * minute);

/** Runs the machine over one observation per minute; returns the changes with the minute they were confirmed. */
function run(observations: Overall[], start: IncidentState = initialIncidentState) {
  let state = start;
  const changes: { minute: number; from: Overall; to: Overall; at: Date; startedAt: Date }[] = [];
  observations.forEach((observed, minuteIndex) => {
    const step = stepIncident(state, observed, at(minuteIndex));
    state = step.state;
    if (step.change) changes.push({ minute: minuteIndex, ...step.change });
  });
  return { state, changes };
}

describe('the incident state machine', () => {
  it('stays quiet while everything is ok', () => {
    expect(run(['ok', 'ok', 'ok']).changes).toEqual([]);
  });

  it('confirms a new state on the second run in a row that sees it, dated from the first', () => {
    const { changes, state } = run(['ok', 'down', 'down']);
    expect(changes).toEqual([{ minute: 2, from: 'ok', to: 'down', at: at(1), startedAt: at(1) }]);
    expect(state.confirmed).toBe('down');
    expect(state.incident?.startedAt).toBe(at(1).toISOString());
  });

  it('does not alert on a flap that is over by the next run', () => {
    expect(run(['ok', 'down', 'ok', 'degraded', 'ok', 'ok']).changes).toEqual([]);
  });

  it('moves ok → degraded → down → ok, one change each, and the recovery knows when the incident began', () => {
    const { changes, state } = run(['ok', 'degraded', 'degraded', 'down', 'down', 'ok', 'ok']);
    expect(changes.map((c) => `${c.from}→${c.to}`)).toEqual(['ok→degraded', 'degraded→down', 'down→ok']);
    const recovery = changes.at(-1);
    expect(recovery?.startedAt).toEqual(at(1));
    expect(recovery?.at).toEqual(at(5));
    expect(state).toMatchObject({ confirmed: 'ok', deviations: 0 });
    expect(state.incident).toBeUndefined();
  });

  it('goes straight to the latest state when two worse readings differ (degraded then down)', () => {
    expect(run(['ok', 'degraded', 'down']).changes).toMatchObject([{ from: 'ok', to: 'down', at: at(1) }]);
  });

  it('does not confirm when two readings fall on both sides of the confirmed state', () => {
    const start = run(['degraded', 'degraded']).state;
    expect(run(['down', 'ok'], start).changes).toEqual([]);
  });

  it('keeps the open incident (its message) through a recovery flap', () => {
    let state: IncidentState = { ...run(['down', 'down']).state };
    state = { ...state, incident: { startedAt: at(0).toISOString(), channel: 'C0OPS00001', ts: '1700000000.000100' } };
    const step = stepIncident(state, 'ok', at(5));
    expect(step.change).toBeUndefined();
    expect(step.state.incident?.ts).toBe('1700000000.000100');
    expect(stepIncident(step.state, 'down', at(6)).state.incident?.ts).toBe('1700000000.000100');
  });
});
