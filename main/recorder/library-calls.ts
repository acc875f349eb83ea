import type { LibraryItem } from './library.ts';
import type { Desk } from './sidecar.ts';

/**
 * One PBX call in the library of a folder several desks save into: the recording shown, every desk that saved
 * the call, and the other desks' recordings of it.
 */
export interface LibraryCall extends LibraryItem {
  /** Every desk that saved this call, the shown recording's first, each once; empty for sidecars without a desk. */
  desks: Desk[];
  /** The other recordings of the same PBX call (saved by another desk, or twice), in list order. */
  otherCopies: LibraryItem[];
}

/** The recording saved first comes first (then by path, so the order never depends on the folder's listing). */
const firstSaved = (a: LibraryItem, b: LibraryItem) => a.sidecar.savedAt.localeCompare(b.sidecar.savedAt) || a.relativePath.localeCompare(b.relativePath);
const sameDesk = (a: Desk, b: Desk) => a.name === b.name && a.machine === b.machine && a.user === b.user;
const deskNamed = (name: string) => (item: LibraryItem) => item.sidecar.desk?.name.trim().toLowerCase() === name.trim().toLowerCase();

/** Recordings of one PBX call share a key; one without a desk (saved before desks were named) or a CallId stands alone. */
const callKey = (item: LibraryItem) => (item.sidecar.callId && item.sidecar.desk ? `call:${item.sidecar.callId}` : `file:${item.relativePath}`);

/**
 * The library by PBX call: recordings with the same CallId (the PBX's own id, the same whichever desk recorded
 * the call) are shown once, by the recording saved first, with every desk that saved one; a recording without a
 * CallId or a desk stands alone (the sidecars of older versions name no desk, and cannot be told apart by desk). `found` are the recordings a search found, in the order to show (each call where its first
 * found recording is); `all` the whole library, so a call found by one desk's recording still shows every desk's.
 * With `desk`, only the calls that desk saved, each shown by that desk's recording.
 */
export function libraryByCall(found: readonly LibraryItem[], all: readonly LibraryItem[], desk?: string): LibraryCall[] {
  const copiesOf = new Map<string, LibraryItem[]>();
  for (const item of all) copiesOf.set(callKey(item), [...(copiesOf.get(callKey(item)) ?? []), item]);
  const wanted = desk?.trim() ? deskNamed(desk) : undefined;
  const shown = new Map<string, LibraryCall>();
  for (const item of found) {
    const key = callKey(item);
    if (shown.has(key)) continue;
    const copies = [...(copiesOf.get(key) ?? [item])].sort(firstSaved);
    const first = wanted ? copies.find(wanted) : copies[0];
    if (!first) continue;
    const ordered = [first, ...copies.filter((c) => c !== first)];
    const desks: Desk[] = [];
    for (const { sidecar } of ordered) if (sidecar.desk && !desks.some((d) => sameDesk(d, sidecar.desk as Desk))) desks.push(sidecar.desk);
    shown.set(key, { ...first, desks, otherCopies: ordered.slice(1) });
  }
  return [...shown.values()];
}
