import type { LiveCall } from '../ozeki/live-call.ts';
import { describeCaller, formatDuration } from '../../preload/display.ts';
import { characters, printable } from '../recorder/printable.ts';

/** An accent written as its own code point (e + U+0301) counts with its letter. */
const length = (text: string) => characters(text).length;

/**
 * A plain-text table: columns padded to their widest cell (counted in characters, accents included), cells
 * escaped first so that the columns line up as they print.
 */
export function table(headers: string[], contents: string[][]): string[] {
  const rows = contents.map((row) => row.map(printable));
  const widths = headers.map((h, i) => Math.max(length(h), ...rows.map((r) => length(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - length(cell)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

export function callsTable(calls: LiveCall[]): string[] {
  if (calls.length === 0) return ['No active calls.'];
  return table(
    ['State', 'Call ID', 'From', 'To', 'Started', 'Ring', 'Talk'],
    calls.map((call) => [
      call.state,
      call.callId,
      describeCaller(call),
      call.destination,
      call.startTime.toLocaleTimeString('en-GB'),
      formatDuration(call.ringSeconds),
      formatDuration(call.talkSeconds),
    ]),
  );
}
