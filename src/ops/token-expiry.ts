/**
 * Token expiry warnings, pure: one warning when the bot's leihs token is `warnDays` from expiry, again
 * at 3 days and at 1 day, each once. A new expiry date (the token was renewed) starts over.
 */
const dayMs = 86_400_000;

export interface TokenWarningState {
  /** The expiry date the sent warnings refer to (ISO). */
  expiresAt?: string;
  /** Thresholds in days already warned about for that date. */
  warnedDays: number[];
}

export const initialTokenWarningState: TokenWarningState = { warnedDays: [] };

export interface TokenWarning {
  expiresAt: Date;
  /** The threshold that fired (the smallest one reached). */
  thresholdDays: number;
}

/** The warning thresholds, largest first: warnDays, 3 and 1, none above warnDays. */
export function warningThresholds(warnDays: number): number[] {
  return [...new Set([warnDays, 3, 1])].filter((d) => d <= warnDays).sort((a, b) => b - a);
}

export function stepTokenWarning(
  state: TokenWarningState,
  expiresAt: Date | undefined,
  now: Date,
  warnDays: number,
): { state: TokenWarningState; warning?: TokenWarning } {
  if (!expiresAt) return { state };
  const iso = expiresAt.toISOString();
  const warned = state.expiresAt === iso ? state.warnedDays : [];
  const msLeft = expiresAt.getTime() - now.getTime();
  if (msLeft <= 0) return { state: { expiresAt: iso, warnedDays: warned } };
  const due = warningThresholds(warnDays).filter((d) => msLeft <= d * dayMs && !warned.includes(d));
  const smallest = due.at(-1);
  if (smallest === undefined) return { state: { expiresAt: iso, warnedDays: warned } };
  return {
    state: { expiresAt: iso, warnedDays: [...warned, ...due].sort((a, b) => b - a) },
    warning: { expiresAt, thresholdDays: smallest },
  };
}
