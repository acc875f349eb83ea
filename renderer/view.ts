import type { StateView } from '../preload/contract.ts';

export type ViewName = 'calls' | 'recordings' | 'settings';

/** What the frame (app.ts) asks of each view: its element, the state, and the keys and moves it may refuse. */
export interface View {
  readonly element: HTMLElement;
  /** The recorder's state, whole or after a change: views patch their DOM in place (keyed rows). */
  update(state: StateView): void;
  /** The view is shown (its tab chosen, or the tray asked for it). */
  shown(): void;
  /** Asked before another view is shown: false keeps the user here (unsaved changes). */
  mayLeave(): Promise<boolean>;
  /** Puts the focus in the view's search or filter box, when it has one (Ctrl+F, /). */
  focusSearch(): boolean;
  /** A key pressed while the view is shown and no text field has the focus; true when the view handled it. */
  handleKey(event: KeyboardEvent): boolean;
}
