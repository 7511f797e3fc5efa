/** "due back in 3 days" / "overdue since 2 Dec", counted in calendar days in the user's time zone. Pure. */
import { differenceInCalendarDays, format, parseISO } from 'date-fns';
import { messages } from '../messages/index.js';

/** Today's date (YYYY-MM-DD) in a time zone; UTC when the zone is missing or unknown. */
export function todayIn(now: Date, timeZone?: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** A short date: "2 Dec", or "2 Dec 2025" when not this year. */
export function shortDate(date: string, today: string): string {
  const d = parseISO(date);
  return format(d, date.slice(0, 4) === today.slice(0, 4) ? 'd MMM' : 'd MMM yyyy');
}

/** How a return date reads for someone today. */
export function dueWording(endDate: string, now: Date, timeZone?: string): string {
  const today = todayIn(now, timeZone);
  const days = differenceInCalendarDays(parseISO(endDate), parseISO(today));
  const m = messages.find;
  if (Number.isNaN(days)) return m.dueOn(endDate);
  if (days < 0) return m.overdueSince(shortDate(endDate, today));
  if (days === 0) return m.dueToday;
  if (days <= 14) return m.dueIn(days);
  return m.dueOn(shortDate(endDate, today));
}
