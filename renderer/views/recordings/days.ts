// Days as the Recordings view shows and filters them, on this computer's clock and in its language.
import { formatClockTime } from '../../../preload/display.ts';

const longDate = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

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

/** The written-out date of a day, whatever day it is today (what search matches besides the heading). */
export function writtenDate(at: Date): string {
  return longDate.format(at);
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
