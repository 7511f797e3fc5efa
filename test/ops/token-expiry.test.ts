import { describe, expect, it } from 'vitest';
import { initialTokenWarningState, stepTokenWarning, warningThresholds, type TokenWarningState } from '../../src/ops/token-expiry.js';

const day = 86_400_000;
const expiresAt = new Date('2027-01-31T12:00:00Z');
const daysBefore = (days: number) => new Date(expiresAt.getTime() - days * day);

/** Steps once per hour from `fromDays` before expiry to `toDays`, collecting the thresholds that fired. */
function fired(fromDays: number, toDays: number, warnDays = 14, start: TokenWarningState = initialTokenWarningState) {
  let state = start;
  const thresholds: number[] = [];
  for (let hours = fromDays * 24; hours >= toDays * 24; hours--) {
    const step = stepTokenWarning(state, expiresAt, daysBefore(hours / 24), warnDays);
    state = step.state;
    if (step.warning) thresholds.push(step.warning.thresholdDays);
  }
  return { thresholds, state };
}

describe('token expiry warnings', () => {
  it('warns at warnDays, 3 days and 1 day before, once each', () => {
    expect(fired(30, 0.01).thresholds).toEqual([14, 3, 1]);
  });

  it('says nothing without a known expiry date', () => {
    expect(stepTokenWarning(initialTokenWarningState, undefined, daysBefore(1), 14).warning).toBeUndefined();
  });

  it('sends one catch-up warning, not three, when the bot first sees a token already close to expiry', () => {
    expect(fired(2, 0.01).thresholds).toEqual([3, 1]);
    const first = stepTokenWarning(initialTokenWarningState, expiresAt, daysBefore(2), 14);
    expect(first.warning?.thresholdDays).toBe(3);
    expect(first.state.warnedDays).toEqual([14, 3]);
  });

  it('does not warn again for a threshold already warned about (after a restart the state comes from the store)', () => {
    const { state } = fired(20, 10);
    expect(fired(13, 4, 14, state).thresholds).toEqual([]);
  });

  it('starts over when the token is renewed (a new expiry date)', () => {
    const { state } = fired(20, 0.5);
    const renewed = new Date(expiresAt.getTime() + 365 * day);
    const step = stepTokenWarning(state, renewed, new Date(renewed.getTime() - 10 * day), 14);
    expect(step.warning?.thresholdDays).toBe(14);
  });

  it('does not warn about a token that has expired (the health check reports it)', () => {
    expect(stepTokenWarning(initialTokenWarningState, expiresAt, new Date(expiresAt.getTime() + 1000), 14).warning).toBeUndefined();
  });

  it('drops thresholds above a small LEIHS_TOKEN_WARN_DAYS', () => {
    expect(warningThresholds(14)).toEqual([14, 3, 1]);
    expect(warningThresholds(2)).toEqual([2, 1]);
    expect(warningThresholds(3)).toEqual([3, 1]);
  });
});
