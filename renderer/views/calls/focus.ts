// Keeps the keyboard's place in the Calls view when an update takes away what had the focus: a call that ended (its
// toggle, its small menu), a banner's button whose trouble is over. Without this the focus falls to the page and a
// keyboard user has to start again from the top.

/** Where the focus was before an update: in a call's row (at which place in the list), elsewhere in the view. */
export type FocusPlace = { row: string; index: number } | { row?: undefined } | undefined;

const rowsOf = (list: HTMLElement | undefined) => [...(list?.querySelectorAll<HTMLElement>('.call-row') ?? [])];
const toggleOf = (row: HTMLElement | undefined) => row?.querySelector<HTMLElement>('.call-toggle') ?? undefined;

/** Where the focus is in `view` now (undefined when it is not in the view). */
export function focusPlace(view: HTMLElement, list: HTMLElement | undefined): FocusPlace {
  const focused = document.activeElement;
  if (!(focused instanceof HTMLElement) || !view.contains(focused)) return undefined;
  const row = focused.closest<HTMLElement>('.call-row');
  const rows = rowsOf(list);
  return row?.dataset['callId'] ? { row: row.dataset['callId'], index: rows.indexOf(row) } : {};
}

/** True when the focus was in the view before the update and nothing has it now (it fell to the page). */
export function focusLost(place: FocusPlace): boolean {
  const focused = document.activeElement;
  return place !== undefined && (focused === null || focused === document.body || !focused.isConnected);
}

/**
 * The toggle the focus goes to after the update: for a row's focus, the next call's toggle after its place, else the
 * previous one's; for the view's, the first call's. Undefined when no row has a toggle (no call, or the PBX is away).
 */
export function nextFocus(place: FocusPlace, list: HTMLElement | undefined): HTMLElement | undefined {
  const rows = rowsOf(list);
  if (!place?.row) return rows.map(toggleOf).find(Boolean);
  const still = rows.findIndex((row) => row.dataset['callId'] === place.row);
  // The row may stay (ended, held in place) or be gone: what follows it takes its place.
  const after = still >= 0 ? still + 1 : Math.min(place.index, rows.length);
  const before = still >= 0 ? still : after;
  return rows.slice(after).map(toggleOf).find(Boolean) ?? rows.slice(0, before).reverse().map(toggleOf).find(Boolean);
}
