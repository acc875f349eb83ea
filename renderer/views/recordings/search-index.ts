// The Recordings view's in-memory index: built once from one listing of the library, then every keystroke of the
// search and every filter runs on it, without asking main (which would read every sidecar again).
import type { LibraryCallView } from '../../../preload/contract.ts';
import { fold } from '../../search-text.ts';
import { dayKey, numericDates, periodDays, rowTime, writtenDate, type Period } from './days.ts';

/** How long the search waits after the last key before it runs (npm run bench -- library-search times what follows). */
export const SEARCH_DEBOUNCE_MS = 120;

/** The digits of a number as people type it: "+36 (1) 234-5678" → "3612345678". */
const digitsOf = (text: string) => text.replace(/\D/g, '');

export interface IndexedRecording {
  item: LibraryCallView;
  /** Local day ("2026-11-25"), for grouping and the date filters. */
  day: string;
  /** Time of day as the row shows it ("15:30"). */
  time: string;
  /**
   * Everything a word may match, folded: names, numbers, date and time as shown and as typed (26/11, 2026-11-26), note,
   * file name, the desks.
   */
  text: string;
  /** The numbers' digits, each; a word of digits matches inside them however it was spaced. */
  numbers: string[];
}

export function indexRecording(item: LibraryCallView): IndexedRecording {
  const s = item.sidecar;
  const start = new Date(s.startTime);
  const day = dayKey(start);
  const time = rowTime(start);
  const desks = item.desks.flatMap((desk) => [desk.name, desk.machine, desk.user]);
  const text = fold([s.callerName, s.from, s.to, writtenDate(start), ...numericDates(start), time, s.note, s.file, ...desks].join('\n'));
  return { item, day, time, text, numbers: [digitsOf(s.from), digitsOf(s.to)] };
}

export interface Filters {
  query: string;
  period: Period;
  range: { from: string; to: string };
  pinned: boolean;
  withNote: boolean;
  /** One desk's recordings (its name), or '' for every desk's. */
  desk: string;
}

export const NO_FILTERS: Filters = { query: '', period: 'any', range: { from: '', to: '' }, pinned: false, withNote: false, desk: '' };

/** A letter or a digit, or the colon inside a time (so "30" does not match the minutes of 15:30). */
const WORD_CHAR = /[\p{L}\p{N}:]/u;

/**
 * Whether `word` starts a word of `text`: "26" finds the day in "November 26, 2026" but not the 26 of 2026; "nov"
 * finds November. A word typed starting with a sign ("+36") may start anywhere.
 */
export function startsAWord(text: string, word: string): boolean {
  if (!WORD_CHAR.test(word.charAt(0))) return text.includes(word);
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) if (at === 0 || !WORD_CHAR.test(text.charAt(at - 1))) return true;
  return false;
}

/**
 * The fewest digits a word needs to match inside a number's digits, wherever they are ("3612345678" in
 * "+36 1 234 5678"); fewer ("26") match only at the start of a word, as a day or a part of a number does.
 */
const DIGITS_INSIDE = 3;

/**
 * The recordings that pass the filters, in the list's order: pinned first, then newest first. Every word of the
 * query must match: at the start of a word of the text (accents and case ignored; "today" and "yesterday" match as
 * the headings say), or — a word of three digits or more — inside a number with its spaces and signs left out.
 */
export function applyFilters(index: readonly IndexedRecording[], filters: Filters, now: Date, headingOf: (day: string) => string): IndexedRecording[] {
  const words = fold(filters.query).split(/\s+/).filter(Boolean);
  // Each word's digits, when the word is a number typed with or without its spaces and signs.
  const digits = words.map((word) => {
    const d = digitsOf(word);
    return d.length >= DIGITS_INSIDE && d.length === word.replace(/[\s+\-().]/g, '').length ? d : undefined;
  });
  const { first, last } = periodDays(filters.period, now, filters.range);
  const headings = new Map<string, string>(); // one heading a day, not one a recording
  const heading = (day: string) => headings.get(day) ?? headings.set(day, fold(headingOf(day))).get(day) ?? '';
  const found = index.filter((entry) => {
    const s = entry.item.sidecar;
    if (filters.pinned && !s.pinned) return false;
    if (filters.withNote && !s.note.trim()) return false;
    if (filters.desk && !entry.item.desks.some((desk) => desk.name === filters.desk)) return false;
    if ((first && entry.day < first) || (last && entry.day > last)) return false;
    if (words.length === 0) return true;
    return words.every((word, i) => {
      if (startsAWord(entry.text, word) || startsAWord(heading(entry.day), word)) return true;
      const d = digits[i];
      return d !== undefined && entry.numbers.some((n) => n.includes(d));
    });
  });
  const pinned = found.filter((entry) => entry.item.sidecar.pinned);
  return pinned.length === 0 ? found : [...pinned, ...found.filter((entry) => !entry.item.sidecar.pinned)];
}
