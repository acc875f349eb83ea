// Days as the Recordings view shows and filters them, on this computer's clock and in its language.
import { formatClockTime } from '../../../preload/display.ts';

const longDate = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const shortDate = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const shortDateWithYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** The local calendar day of a moment, as a sortable key: "2026-11-25". */
export function dayKey(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
}

/** The local day `days` before the day of `now`. */
function dayBefore(now: Date, days: number): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - days);
}

/** A day's heading: "Today", "Yesterday", or the date written out in this computer's language. */
export function dayHeading(key: string, now: Date): string {
  if (key === dayKey(now)) return 'Today';
  if (key === dayKey(dayBefore(now, 1))) return 'Yesterday';
  return longDate.format(fromKey(key));
}

/**
 * A day in a few words, for a row shown outside its day's group (a pinned one): "Today", "Yesterday", "Thu, Nov 26",
 * or "Nov 26, 2025" in another year.
 */
export function shortDay(key: string, now: Date): string {
  if (key === dayKey(now) || key === dayKey(dayBefore(now, 1))) return dayHeading(key, now);
  const day = fromKey(key);
  return (day.getFullYear() === now.getFullYear() ? shortDate : shortDateWithYear).format(day);
}

/** The written-out date of a day, whatever day it is today (what search matches besides the heading). */
export function writtenDate(at: Date): string {
  return longDate.format(at);
}

/**
 * The date in the numeric forms people type it, day and month with and without a leading zero: 26/11/2026,
 * 26.11.2026, 11/26/2026 (so "26/11", "26.11." and "11/26" find it too) and 2026-11-26, 2026.11.26.
 */
export function numericDates(at: Date): string[] {
  const y = String(at.getFullYear());
  const [d, m] = [at.getDate(), at.getMonth() + 1];
  const forms = new Set<string>();
  for (const day of new Set([String(d), String(d).padStart(2, '0')]))
    for (const month of new Set([String(m), String(m).padStart(2, '0')]))
      forms.add(`${day}/${month}/${y}`).add(`${day}.${month}.${y}`).add(`${month}/${day}/${y}`);
  const key = dayKey(at);
  return [...forms, key, key.replaceAll('-', '.')];
}

/** The time of a recording as its row shows it. */
export const rowTime = formatClockTime;

const fromKey = (key: string) => {
  const [y, m, d] = key.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
};

export type Period = 'any' | 'today' | 'yesterday' | 'week' | 'range';

/**
 * The days (first and last key, both included) a period covers; undefined for no limit. The week starts on Monday,
 * as at most front desks; a range's missing end is open.
 */
export function periodDays(period: Period, now: Date, range: { from: string; to: string }): { first?: string; last?: string } {
  switch (period) {
    case 'today':
      return { first: dayKey(now), last: dayKey(now) };
    case 'yesterday': {
      const key = dayKey(dayBefore(now, 1));
      return { first: key, last: key };
    }
    case 'week':
      return { first: dayKey(dayBefore(now, (now.getDay() + 6) % 7)), last: dayKey(now) };
    case 'range': {
      const [first, last] = range.from && range.to && range.from > range.to ? [range.to, range.from] : [range.from, range.to];
      return { ...(first ? { first } : {}), ...(last ? { last } : {}) };
    }
    default:
      return {};
  }
}
