// The order of the calls' rows: ringing calls first, then mine, then the rest, each group in the PBX's order;
// held still while the user points at or works in the list, so that no row moves under the pointer or the focus;
// calls new in the meantime come last until then (the view offers to put them in place with a chip).
import type { CallView } from '../../../preload/contract.ts';

const group = (call: CallView) => (call.state === 'Ringing' ? 0 : call.mine ? 1 : 2);

/** The calls in the order the list shows them when nothing holds it. */
export function sortedCalls(calls: readonly CallView[]): CallView[] {
  return calls
    .map((call, index) => ({ call, index }))
    .sort((a, b) => group(a.call) - group(b.call) || a.index - b.index)
    .map(({ call }) => call);
}

/** A row as the list shows it: a live call, or one that ended while the list was held (kept in place till then). */
export interface ShownRow {
  call: CallView;
  ended: boolean;
}

/** The rows to show, and the calls new since the list was held (shown after the others, not yet in their place). */
export interface Arranged {
  rows: ShownRow[];
  waiting: CallView[];
}

/**
 * The rows to show. Unheld: the live calls, sorted. Held: the rows shown before stay where they were (a call that
 * ended stays as an ended row), and calls new since then come after them, sorted among themselves: they wait for
 * their place (a ringing one at the top) until the list is let go or asked to show them in place.
 */
export function arrangeRows(previous: readonly ShownRow[], calls: readonly CallView[], held: boolean): Arranged {
  const sorted = sortedCalls(calls);
  if (!held) return { rows: sorted.map((call) => ({ call, ended: false })), waiting: [] };
  const live = new Map(calls.map((call) => [call.callId, call]));
  const rows = previous.map((row) => {
    const call = live.get(row.call.callId);
    return call ? { call, ended: false } : { call: row.call, ended: true };
  });
  const shown = new Set(previous.map((row) => row.call.callId));
  const waiting = sorted.filter((call) => !shown.has(call.callId));
  return { rows: [...rows, ...waiting.map((call) => ({ call, ended: false }))], waiting };
}

/** What the count beside the heading says: the live calls shown, and the ended ones kept in place ("2 live · 2 ended"). */
export function countText(rows: readonly ShownRow[]): string {
  const ended = rows.filter((row) => row.ended).length;
  return ended ? `${rows.length - ended} live · ${ended} ended` : String(rows.length);
}
