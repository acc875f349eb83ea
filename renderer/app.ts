// The window's frame: the header with the three views as tabs, the update bar, the recorder's warnings, the live
// region and the toasts, the keyboard shortcuts, and the state from main handed to the views. Each view renders
// itself (views/).
// Everything comes from window.recorder (preload/contract.ts).
import { html, render } from 'lit-html';
import type { StateView, UpdateView } from '../preload/contract.ts';
import { applyStateChange } from '../preload/state-change.ts';
import { announcerRegion } from './announcer.ts';
import { recorder } from './dom.ts';
import { icon } from './icons.ts';
import { handleShortcut, shortcutsDialog } from './shortcuts.ts';
import './styles/base.css';
import './styles/tokens.css';
import { toastContainer, undoLatest } from './toast.ts';
import type { View, ViewName } from './view.ts';
import { WarningsBar } from './warnings-bar.ts';
import { CallsView } from './views/calls.ts';
import { RecordingsView } from './views/recordings.ts';
import { SettingsViewPanel } from './views/settings.ts';

const settings = new SettingsViewPanel();
const views: Record<ViewName, View> = {
  // Review… in the retention banner lands on its setting, when Settings is shown (a form left unsaved may keep the user).
  calls: new CallsView({ show: (name, setting) => void show(name).then(() => setting && current === name && settings.reveal(setting)) }),
  recordings: new RecordingsView(),
  settings,
};
const TABS: readonly (readonly [ViewName, string])[] = [
  ['calls', 'Calls'],
  ['recordings', 'Recordings'],
  ['settings', 'Settings'],
];
let current: ViewName = 'calls';
const scrolled: Record<ViewName, number> = { calls: 0, recordings: 0, settings: 0 };
let update: UpdateView = { kind: 'none' };
let updateMessage = '';
const warnings = new WarningsBar();
const help = shortcutsDialog();
function showHelp(): void {
  if (!help.open) help.showModal();
}

/** Shows a view, once the one shown lets the user go (a form with unsaved changes asks first). */
async function show(name: ViewName, focusTab = false): Promise<void> {
  if (name !== current && !(await views[current].mayLeave())) return;
  // The views share one scroll area: each keeps its own offset, and one never opens at another's.
  scrolled[current] = main.scrollTop;
  current = name;
  for (const [view, { element }] of Object.entries(views)) element.hidden = view !== name;
  main.scrollTop = scrolled[name];
  draw();
  views[name].shown();
  if (focusTab) document.getElementById(`${name}-tab`)?.focus();
}

// Arrow keys move between tabs, as in any tab list.
function tabKey(event: KeyboardEvent): void {
  const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
  if (!step) return;
  const index = TABS.findIndex(([name]) => name === current);
  const [next] = TABS[(index + step + TABS.length) % TABS.length] ?? TABS[0] ?? ['calls'];
  void show(next, true);
}

function restartToUpdate(event: Event): void {
  const hadFocus = event.currentTarget === document.activeElement;
  void recorder()
    .restartToUpdate()
    .then((result) => {
      updateMessage = result.message;
      draw();
      // The button is gone: the focus goes to what the bar now says, not to the page.
      if (hadFocus) header.querySelector<HTMLElement>('.update .banner-text')?.focus();
    });
}

/** An update downloaded in the background: one line under the header, with the restart the user chooses to make. */
function updateBar() {
  if (update.kind === 'none') return '';
  const text = updateMessage || (update.kind === 'waiting' ? update.message : `Ozeki Recorder ${update.version} is ready.`);
  const canRestart = update.kind === 'ready' && !updateMessage;
  return html`<div class="banner update" role="status" aria-label="Update">
    ${icon('download')}
    <span class="banner-text" tabindex="-1">${text}</span>
    ${canRestart ? html`<button type="button" class="primary" @click=${restartToUpdate}>Restart to update</button>` : ''}
  </div>`;
}

/** Dismiss: the banner goes, and the focus goes to the tab of the view shown, not to the page. */
function dismissWarnings(): void {
  warnings.dismiss();
  draw();
  document.getElementById(`${current}-tab`)?.focus();
}

const header = document.createElement('div');
function draw(): void {
  render(
    html`<header class="app-header">
        <h1>Ozeki Recorder</h1>
        <nav class="tabs" role="tablist" aria-label="Views" @keydown=${tabKey}>
          ${TABS.map(
            ([name, label]) =>
              html`<button
                type="button"
                role="tab"
                id=${`${name}-tab`}
                aria-controls=${`${name}-view`}
                aria-selected=${String(name === current)}
                tabindex=${name === current ? 0 : -1}
                @click=${() => void show(name)}
              >
                ${label}
              </button>`,
          )}
        </nav>
        <button type="button" class="quiet icon-only help" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" @click=${showHelp}>
          ${icon('help')}
        </button>
      </header>
      ${updateBar()} ${warnings.template(dismissWarnings)}`,
    header,
  );
}

for (const [name, view] of Object.entries(views)) {
  view.element.id = `${name}-view`;
  view.element.classList.add('view');
  view.element.setAttribute('role', 'tabpanel');
  view.element.setAttribute('aria-labelledby', `${name}-tab`);
}
const main = document.createElement('main');
main.className = 'views';
main.append(...Object.values(views).map((view) => view.element));
document.getElementById('app')?.replaceChildren(header, main, announcerRegion(), toastContainer(), help);
void show('calls');

document.addEventListener('keydown', (event) => {
  const handled = handleShortcut(event, {
    show: (name) => void show(name, true),
    focusSearch: () => views[current].focusSearch(),
    showHelp,
    undo: undoLatest,
    toView: (key) => views[current].handleKey(key),
  });
  if (handled) event.preventDefault();
});

const apply = (state: StateView) => {
  if (warnings.update(state.warnings)) draw();
  for (const view of Object.values(views)) view.update(state);
};
// Main sends the whole state when the window is shown or loaded, then only what changed: the window keeps its copy.
// Changes apply only on top of a whole state main sent (not on getState's answer, which may be older or newer).
let state: StateView | undefined;
recorder().on('state', (whole) => {
  state = whole;
  apply(whole);
});
recorder().on('stateChanged', (change) => {
  if (!state) return;
  state = applyStateChange(state, change);
  apply(state);
});
recorder().on('libraryChanged', () => views.recordings.shown());
recorder().on('navigate', (view) => void show(view));
const showUpdate = (next: UpdateView) => {
  update = next;
  updateMessage = '';
  draw();
};
recorder().on('updateChanged', showUpdate);
void recorder().updateStatus().then(showUpdate);
void recorder()
  .getState()
  .then((whole) => {
    if (!state) apply(whole);
  });
