// The window's keyboard shortcuts, in one table: the keys, what they do, and the list `?` shows.
import { html, render } from 'lit-html';
import type { ViewName } from './view.ts';

export interface ShortcutActions {
  show(view: ViewName): void;
  focusSearch(): void;
  showHelp(): void;
  /** Undoes the latest delete (the newest toast's Undo); true when there was one to undo. */
  undo(): boolean;
  /** Passes a key on to the view shown (R on a focused call, Space in the player); true when it was used. */
  toView(event: KeyboardEvent): boolean;
}

/** What `?` lists; the handler below acts on the same keys. */
export const SHORTCUTS: readonly (readonly [keys: string, does: string])[] = [
  ['Alt+1, Alt+2, Alt+3', 'Show Calls, Recordings, Settings'],
  ['Ctrl+F or /', 'Search or filter the list shown'],
  ['R', 'Record, pause or resume the call that has the focus'],
  ['↑ ↓', 'Move between calls or recordings'],
  ['Page Up, Page Down', 'Move a screenful of recordings up or down'],
  ['Home, End', 'Go to the first or the last recording'],
  ['Space', 'Play or pause the recording in the player'],
  ['← →', 'Back or forward 5 seconds in the player'],
  ['Enter', 'Play the recording that has the focus'],
  ['N, P', 'Note or pin the recording that has the focus'],
  ['Shift+F10', "Open the focused recording's actions"],
  ['Shift+↑ ↓, Ctrl+A', 'Select several recordings, or every one shown'],
  ['Delete', 'Move the selected recordings to the trash (Undo for 10 s)'],
  ['Ctrl+Z', 'Undo the latest delete'],
  ['?', 'Show this list'],
  ['Esc', 'Close a dialog or a menu'],
];

const VIEW_KEYS: Record<string, ViewName> = { '1': 'calls', '2': 'recordings', '3': 'settings' };

/** True while the user types into a field: single letters are text then, not commands. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches('input:not([type=checkbox]):not([type=radio]):not([type=range]), textarea, select');
}

/** Handles a key pressed anywhere in the window; returns true when it was a shortcut (and was acted on). */
export function handleShortcut(event: KeyboardEvent, actions: ShortcutActions): boolean {
  // A dialog (this list, a question before leaving unsaved changes) has the keys to itself until it is closed.
  if (event.defaultPrevented || (event.target instanceof Element && event.target.closest('dialog[open]'))) return false;
  const view = event.altKey && !event.ctrlKey && !event.metaKey ? VIEW_KEYS[event.key] : undefined;
  if (view) {
    actions.show(view);
    return true;
  }
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
    actions.focusSearch();
    return true;
  }
  if (typing(event.target)) return false;
  // Outside text fields (where Ctrl+Z undoes typing): undo the latest delete while its toast offers Undo.
  if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'z') return actions.undo();
  const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
  if (plain && event.key === '/') {
    actions.focusSearch();
    return true;
  }
  if (plain && event.key === '?') {
    actions.showHelp();
    return true;
  }
  return actions.toView(event);
}

/** "Ctrl+F or /" as two key caps with "or" between them (and "N, P" as two with the comma between). */
function keyCaps(keys: string) {
  return keys.split(/( or |, )/).map((part, i) => (i % 2 ? html`<span class="keys-between">${part}</span>` : html`<kbd>${part}</kbd>`));
}

/** The list of shortcuts as a modal dialog; Esc or Close closes it. */
export function shortcutsDialog(): HTMLDialogElement {
  const dialog = document.createElement('dialog');
  dialog.setAttribute('aria-labelledby', 'shortcuts-title');
  render(
    html`<h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl class="shortcuts">
        ${SHORTCUTS.map(
          ([keys, does]) =>
            html`<dt>${keyCaps(keys)}</dt>
              <dd>${does}</dd>`,
        )}
      </dl>
      <div class="dialog-buttons"><button type="button" class="primary" @click=${() => dialog.close()}>Close</button></div>`,
    dialog,
  );
  return dialog;
}
