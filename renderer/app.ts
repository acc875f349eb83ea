// The window: Calls, Recordings and Settings, in plain DOM. Everything comes from window.recorder (preload/contract.ts).
import type { StateView, UpdateView } from '../preload/contract.ts';
import { applyStateChange } from '../preload/state-change.ts';
import { el, recorder } from './dom.ts';
import { CallsView } from './views/calls.ts';
import { RecordingsView } from './views/recordings.ts';
import { SettingsViewPanel } from './views/settings.ts';

type ViewName = 'calls' | 'recordings' | 'settings';

const calls = new CallsView();
const recordings = new RecordingsView();
const settings = new SettingsViewPanel();
const views: Record<ViewName, HTMLElement> = { calls: calls.element, recordings: recordings.element, settings: settings.element };
const tabs = new Map<ViewName, HTMLButtonElement>();

function show(name: ViewName): void {
  for (const [view, tab] of tabs) {
    tab.setAttribute('aria-selected', String(view === name));
    tab.tabIndex = view === name ? 0 : -1;
    views[view].hidden = view !== name;
  }
  if (name === 'recordings') void recordings.refresh();
  if (name === 'settings') void settings.open();
}

const nav = el('nav', { attrs: { role: 'tablist', 'aria-label': 'Views' } });
for (const [name, label] of [
  ['calls', 'Calls'],
  ['recordings', 'Recordings'],
  ['settings', 'Settings'],
] as const) {
  const tab = el('button', { type: 'button', id: `${name}-tab`, textContent: label, attrs: { role: 'tab', 'aria-controls': `${name}-view` } });
  tab.addEventListener('click', () => show(name));
  tabs.set(name, tab);
  nav.append(tab);
}
// Arrow keys move between tabs, as in any tab list.
nav.addEventListener('keydown', (event) => {
  const order = [...tabs.keys()];
  const current = order.findIndex((name) => tabs.get(name)?.getAttribute('aria-selected') === 'true');
  const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
  if (!step) return;
  const next = order[(current + step + order.length) % order.length] ?? 'calls';
  show(next);
  tabs.get(next)?.focus();
});

// An update downloaded in the background: one line under the header, with the restart the user chooses to make.
const updateText = el('span');
const updateButton = el('button', { type: 'button' });
const updateBar = el('p', { className: 'update', attrs: { role: 'status' } }, updateText, updateButton);
const showUpdate = (update: UpdateView) => {
  updateBar.hidden = update.kind === 'none';
  updateText.textContent = update.kind === 'waiting' ? update.message : update.kind === 'ready' ? `Ozeki Recorder ${update.version} is ready. ` : '';
  updateButton.hidden = update.kind !== 'ready';
  updateButton.textContent = update.kind === 'ready' ? `Restart to update` : '';
};
updateButton.addEventListener('click', () => {
  void recorder()
    .restartToUpdate()
    .then((result) => (updateText.textContent = result.message));
});
showUpdate({ kind: 'none' });

document
  .getElementById('app')
  ?.replaceChildren(el('header', {}, el('h1', { textContent: 'Ozeki Recorder' }), nav), updateBar, calls.element, recordings.element, settings.element);
show('calls');

const apply = (state: StateView) => {
  calls.update(state);
  recordings.update(state);
};
// Main sends the whole state when the window is shown or loaded, then only what changed: the window keeps its copy.
// Changes apply only on top of a whole state main sent (not on getState's answer, which may be older or newer).
let current: StateView | undefined;
recorder().on('state', (state) => {
  current = state;
  apply(state);
});
recorder().on('stateChanged', (change) => {
  if (!current) return;
  current = applyStateChange(current, change);
  apply(current);
});
recorder().on('libraryChanged', () => void recordings.refresh());
recorder().on('navigate', (view) => show(view));
recorder().on('updateChanged', showUpdate);
void recorder().updateStatus().then(showUpdate);
void recorder()
  .getState()
  .then((state) => {
    if (!current) apply(state);
  });
setInterval(() => calls.tick(), 1000); // talk timers tick locally between updates
