import type { LibraryItem } from '../library.ts';
import { localDayBounds } from '../local-day.ts';
import { involvesNumber, normalizeNumber } from '../phone-number.ts';
import { ExportFailure } from './export-failure.ts';

/**
 * What to export: recordings by their path inside the folder (the window's selection), or every recording of a
 * range of days (YYYY-MM-DD, both included, on this computer's clock; either end may be left open) and, if given,
 * of one number (the caller's or the callee's, spaces, dashes and brackets ignored).
 */
export type ExportSelection = { kind: 'recordings'; relativePaths: readonly string[] } | { kind: 'filter'; from?: string; to?: string; number?: string };

function bounds(text: string | undefined, which: 'start' | 'end'): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const day = localDayBounds(text);
  if ('error' in day) throw new ExportFailure('selection', day.error);
  return day[which];
}

/** The recordings of `items` the selection names, oldest first; a failure in words when there are none. */
export function selectForExport(items: readonly LibraryItem[], selection: ExportSelection): LibraryItem[] {
  const chosen = selection.kind === 'recordings' ? byPath(items, selection.relativePaths) : byFilter(items, selection);
  if (chosen.length === 0) throw new ExportFailure('selection', 'No recording matches: there is nothing to export.');
  return chosen.sort((a, b) => Date.parse(a.sidecar.startTime) - Date.parse(b.sidecar.startTime));
}

function byPath(items: readonly LibraryItem[], relativePaths: readonly string[]): LibraryItem[] {
  const wanted = [...new Set(relativePaths)];
  const found = wanted.map((path) => items.find((item) => item.relativePath === path));
  const missing = wanted.filter((_, i) => found[i] === undefined);
  if (missing.length > 0)
    throw new ExportFailure(
      'selection',
      missing.length === 1
        ? `The recording ${missing[0] ?? ''} is no longer in the folder. Choose the recordings again.`
        : `${missing.length} of the chosen recordings are no longer in the folder. Choose the recordings again.`,
    );
  return found.filter((item) => item !== undefined);
}

function byFilter(items: readonly LibraryItem[], filter: { from?: string; to?: string; number?: string }): LibraryItem[] {
  const start = bounds(filter.from, 'start') ?? -Infinity;
  const end = bounds(filter.to, 'end') ?? Infinity;
  if (start >= end) throw new ExportFailure('selection', `The range ends (${filter.to ?? ''}) before it starts (${filter.from ?? ''}).`);
  const number = filter.number?.trim() ?? '';
  if (filter.number !== undefined && normalizeNumber(number) === '')
    throw new ExportFailure('selection', 'The number is empty; give the number whose calls to export, for example +36 1 234 5678.');
  return items.filter((item) => {
    const at = Date.parse(item.sidecar.startTime);
    if (!(at >= start && at < end)) return false;
    return number === '' || involvesNumber(item.sidecar, number);
  });
}
