/**
 * Times and durations as ops read them. Dates go out as Slack date tokens, so each reader sees them
 * in their own time zone (the fallback is UTC); durations are worded by date-fns.
 */
import { formatDistanceStrict } from 'date-fns';
import { messages as defaultMessages, type Messages } from '../messages/index.js';

/** `<!date^…^{date_short_pretty} {time}|…>`: "Today 14:02" in the reader's zone. */
export function slackDateTime(date: Date): string {
  const unix = Math.floor(date.getTime() / 1000);
  const fallback = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${unix}^{date_short_pretty} {time}|${fallback}>`;
}

/** `<!date^…^{date_long}|…>`: "Sunday, January 31st, 2027". */
export function slackDate(date: Date): string {
  const unix = Math.floor(date.getTime() / 1000);
  return `<!date^${unix}^{date_long}|${date.toISOString().slice(0, 10)}>`;
}

/** "12 minutes", "3 hours", "2 days": how long from `from` to `to`. */
export function duration(from: Date, to: Date): string {
  return formatDistanceStrict(to, from, { roundingMethod: 'floor' });
}

/** "12 days" (whole days from one day on, else hours or minutes): how long until `until`. */
export function timeLeft(now: Date, until: Date): string {
  const ms = until.getTime() - now.getTime();
  return ms >= 86_400_000
    ? formatDistanceStrict(until, now, { unit: 'day', roundingMethod: 'floor' })
    : formatDistanceStrict(until, now, { roundingMethod: 'floor' });
}

/** "42 ms" or "3 s". */
export function responseTime(ms: number, m: Messages = defaultMessages): string {
  return ms >= 1000 && ms % 1000 === 0 ? m.ops.seconds(ms / 1000) : m.ops.milliseconds(ms);
}
