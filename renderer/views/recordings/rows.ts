// A saved recording's row: one tab stop (the row itself; its buttons are for the pointer, the keys do the same),
// its actions in a small menu, its note edited in place.
import { html, nothing, type TemplateResult } from 'lit-html';
import { classMap } from 'lit-html/directives/class-map.js';
import { live } from 'lit-html/directives/live.js';
import { formatDuration } from '../../../preload/display.ts';
import type { SavedRecording } from '../../../preload/contract.ts';
import { icon, type IconName } from '../../icons.ts';
import { savedAnnouncementWords } from './announcement.ts';
import type { IndexedRecording } from './search-index.ts';
import { recordingParties, recordingTitle } from './titles.ts';

export interface RowState {
  active: boolean;
  selected: boolean;
  playing: boolean;
  menuOpen: boolean;
  /** The note field is open, with this text in it. */
  noteDraft?: string;
  /** Several desks save into the folder: the row names the desks that saved its call. */
  showDesks: boolean;
  /** The row is shown outside its day's group (under Pinned): its day, in a few words, beside the time. */
  day?: string;
}

export type RowAction = 'play' | 'note' | 'pin' | 'saveCopy' | 'showInFolder' | 'copyPath' | 'erase' | 'delete';

export interface RowHandlers {
  click(event: MouseEvent, path: string): void;
  play(path: string): void;
  openMenu(path: string): void;
  dragStart(event: DragEvent, path: string): void;
  act(action: RowAction, path: string): void;
  /** Plays another desk's recording of the row's call. */
  playCopy(copy: SavedRecording, path: string): void;
  menuKey(event: KeyboardEvent, path: string): void;
  noteKey(event: KeyboardEvent, path: string): void;
  noteInput(path: string, text: string): void;
  noteDone(path: string): void;
}

interface MenuItem {
  action: RowAction | SavedRecording;
  label: string;
  icon: IconName;
  keys?: string;
}

function menuItems(entry: IndexedRecording): MenuItem[] {
  const s = entry.item.sidecar;
  return [
    { action: 'play', label: 'Play', icon: 'play', keys: 'Enter' },
    ...entry.item.otherCopies.map((copy): MenuItem => ({ action: copy, label: `Play ${copy.sidecar.desk?.name ?? 'another desk'}'s copy`, icon: 'play' })),
    { action: 'note', label: s.note ? 'Edit the note' : 'Add a note', icon: 'note', keys: 'N' },
    { action: 'pin', label: s.pinned ? 'Unpin' : 'Pin', icon: 'pin', keys: 'P' },
    { action: 'saveCopy', label: 'Save a copy as…', icon: 'download' },
    { action: 'showInFolder', label: 'Show in folder', icon: 'folder' },
    { action: 'copyPath', label: 'Copy the path', icon: 'copy' },
    { action: 'erase', label: 'Erase every recording of this number…', icon: 'trash' },
    { action: 'delete', label: 'Delete', icon: 'trash', keys: 'Delete' },
  ];
}

function menu(entry: IndexedRecording, title: string, on: RowHandlers): TemplateResult {
  const path = entry.item.relativePath;
  // Clicks stay in the menu: the row under it would take them for a selection.
  return html`<div
    class="menu"
    role="menu"
    aria-label=${`Actions for ${title}`}
    @keydown=${(event: KeyboardEvent) => on.menuKey(event, path)}
    @click=${(event: Event) => event.stopPropagation()}
  >
    ${menuItems(entry).map(
      (item) =>
        html`<button
          type="button"
          role="menuitem"
          tabindex="-1"
          class=${item.action === 'delete' || item.action === 'erase' ? 'danger-text' : ''}
          @click=${() => {
            const action = item.action;
            if (typeof action === 'string') on.act(action, path);
            else on.playCopy(action, path);
          }}
        >
          ${icon(item.icon)}<span class="label">${item.label}</span>${item.keys ? html`<kbd aria-hidden="true">${item.keys}</kbd>` : nothing}
        </button>`,
    )}
  </div>`;
}

export function recordingRow(entry: IndexedRecording, state: RowState, on: RowHandlers): TemplateResult {
  const s = entry.item.sidecar;
  const path = entry.item.relativePath;
  const title = recordingTitle(s);
  const editing = state.noteDraft !== undefined;
  return html`<div
    role="row"
    class=${classMap({ recording: true, selected: state.selected, pinned: s.pinned, playing: state.playing, 'menu-open': state.menuOpen })}
    tabindex=${state.active ? '0' : '-1'}
    aria-selected=${String(state.selected)}
    data-path=${path}
    draggable="true"
    @click=${(event: MouseEvent) => on.click(event, path)}
    @dblclick=${() => on.play(path)}
    @contextmenu=${(event: MouseEvent) => {
      event.preventDefault();
      on.openMenu(path);
    }}
    @dragstart=${(event: DragEvent) => on.dragStart(event, path)}
  >
    <div role="gridcell" class="cell-play">
      <button
        type="button"
        tabindex="-1"
        class="quiet icon-only"
        aria-label=${`${state.playing ? 'Pause' : 'Play'} ${title}`}
        @click=${(event: Event) => {
          event.stopPropagation();
          on.play(path);
        }}
      >
        ${icon(state.playing ? 'pause' : 'play')}
      </button>
    </div>
    <div role="gridcell" class="cell-who">
      <span class="who">
        ${s.pinned ? html`<span class="pin" title="Pinned">${icon('pin')}<span class="visually-hidden">Pinned</span></span>` : nothing} ${recordingParties(s)}
      </span>
      ${
        editing
          ? html`<input
              class="note-input"
              type="text"
              maxlength="2000"
              aria-label=${`Note for ${title}`}
              placeholder="Note (Enter saves, Esc cancels)"
              .value=${live(state.noteDraft ?? '')}
              @click=${(event: Event) => event.stopPropagation()}
              @input=${(event: Event) => on.noteInput(path, (event.target as HTMLInputElement).value)}
              @keydown=${(event: KeyboardEvent) => on.noteKey(event, path)}
              @blur=${() => on.noteDone(path)}
            />`
          : s.note
            ? html`<span class="note-text">${icon('note')}<span>${s.note}</span></span>`
            : nothing
      }
      ${state.showDesks && entry.item.desks.length > 0 ? html`<span class="desks">${entry.item.desks.map((desk) => desk.name).join(', ')}</span>` : nothing}
      ${s.announcement ? html`<span class="announced">${savedAnnouncementWords(s.announcement)}</span>` : nothing}
      ${s.uncutFormat !== undefined ? html`<span class="uncut">Paused parts could not be removed (format: ${s.uncutFormat}).</span>` : nothing}
    </div>
    <div role="gridcell" class="cell-when">
      <span class="time">${state.day ? html`<span class="day-of">${state.day}</span> ` : nothing}${entry.time}</span>
      <span class="length">${formatDuration(s.durationSeconds)}</span>
    </div>
    <div role="gridcell" class="cell-more">
      <button
        type="button"
        tabindex="-1"
        class="quiet icon-only"
        aria-haspopup="menu"
        aria-expanded=${String(state.menuOpen)}
        aria-label=${`Actions for ${title}`}
        title="Actions (Shift+F10)"
        @click=${(event: Event) => {
          event.stopPropagation();
          on.openMenu(path);
        }}
      >
        ${icon('more')}
      </button>
      ${state.menuOpen ? menu(entry, title, on) : nothing}
    </div>
  </div>`;
}
