// The order of the calls' rows: ringing calls first, then mine, then the rest, each group in the PBX's order;
// held still while the user points at or works in the list, so that no row moves under the pointer or the focus.
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

/**
 * The rows to show. Unheld: the live calls, sorted. Held: the rows shown before stay where they were (a call that
 * ended stays as an ended row), and calls new since then come after them, sorted among themselves.
 */
export function arrangeRows(previous: readonly ShownRow[], calls: readonly CallView[], held: boolean): ShownRow[] {
  const sorted = sortedCalls(calls);
  if (!held) return sorted.map((call) => ({ call, ended: false }));
  const live = new Map(calls.map((call) => [call.callId, call]));
  const kept = previous.map((row) => {
    const call = live.get(row.call.callId);
    return call ? { call, ended: false } : { call: row.call, ended: true };
  });
  const shown = new Set(previous.map((row) => row.call.callId));
  return [...kept, ...sorted.filter((call) => !shown.has(call.callId)).map((call) => ({ call, ended: false }))];
}
