// What changed between two states the window sees, and how the window applies it: main sends only the change
// (main/host/window-events.ts), the window keeps its copy up to date (renderer/app.ts). Items are compared by their
// JSON, which is what crosses to the window anyway.
import { STATE_FIELDS, type ListChange, type StateChange, type StateView } from './contract.ts';

function listChange<T>(before: readonly T[], after: readonly T[], idOf: (item: T) => string): ListChange<T> | undefined {
  const old = new Map(before.map((item) => [idOf(item), JSON.stringify(item)]));
  const changed = after.filter((item) => old.get(idOf(item)) !== JSON.stringify(item));
  const ids = after.map(idOf);
  const sameIds = ids.length === before.length && before.every((item, i) => idOf(item) === ids[i]);
  return changed.length === 0 && sameIds ? undefined : { ids, changed };
}

function applyList<T>(items: readonly T[], change: ListChange<T> | undefined, idOf: (item: T) => string): T[] {
  if (!change) return [...items];
  const byId = new Map(items.map((item) => [idOf(item), item]));
  for (const item of change.changed) byId.set(idOf(item), item);
  return change.ids.flatMap((id) => byId.get(id) ?? []);
}

const callId = (call: { callId: string }) => call.callId;
const recordingId = (recording: { id: string }) => recording.id;

/** The change from `before` to `after`; undefined when nothing changed. */
export function diffState(before: StateView, after: StateView): StateChange | undefined {
  const change: StateChange = {};
  for (const field of STATE_FIELDS) {
    if (JSON.stringify(before[field]) === JSON.stringify(after[field])) continue;
    if (after[field] === undefined) (change.unset ??= []).push(field);
    else change.set = { ...change.set, [field]: after[field] };
  }
  const calls = listChange(before.calls, after.calls, callId);
  if (calls) change.calls = calls;
  const inFlight = listChange(before.inFlight, after.inFlight, recordingId);
  if (inFlight) change.inFlight = inFlight;
  return Object.keys(change).length === 0 ? undefined : change;
}

/** `state` with `change` applied: a new object, `state` is left as it was. */
export function applyStateChange(state: StateView, change: StateChange): StateView {
  const unset = new Set<string>(change.unset);
  const kept = Object.fromEntries(Object.entries(state).filter(([field]) => !unset.has(field))) as StateView;
  return { ...kept, ...change.set, calls: applyList(state.calls, change.calls, callId), inFlight: applyList(state.inFlight, change.inFlight, recordingId) };
}
