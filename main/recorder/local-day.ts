// Days as a person at this computer means them: "2026-11-20" runs from local midnight to the next local midnight
// (23 or 25 hours on the days the clocks change).

const pad = (n: number) => String(n).padStart(2, '0');

/** The day of `at` on this computer's clock: "2026-11-20". */
export function localDay(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** The time of `at` on this computer's clock, with seconds: "09:05:30". */
export function localTime(at: Date): string {
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

/**
 * The start of day `text` (YYYY-MM-DD) and the start of the next one, on this computer's clock, in epoch ms; or
 * what is wrong with the text, in words.
 */
export function localDayBounds(text: string): { start: number; end: number } | { error: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return { error: `"${text}" is not a date; write it as YYYY-MM-DD, for example 2026-11-20.` };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(year, month - 1, day);
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== day) return { error: `${text} is not a day of the calendar.` };
  return { start: start.getTime(), end: new Date(year, month - 1, day + 1).getTime() };
}
