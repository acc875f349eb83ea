/*
 * Loaded into the app's Electron main process before the app itself (`electron -r tray-probe.cjs <app>`), by the
 * Electron smoke test only. Electron keeps no list of trays and the app keeps its tray to itself, so this
 * remembers the tray and the last menu the app gave it; the test reads and clicks that menu through
 * `electronApp.evaluate`, as a user would in the tray. The app has no hook for tests.
 */
import { Tray, type Menu } from 'electron';

export interface TrayProbe {
  tray?: Tray;
  menu?: Menu;
  /** Every menu the app set, as its items' labels and check marks, in order. */
  menus: { label: string; checked: boolean }[][];
}

declare global {
  // A global, so that functions the test sends into the main process find it.
  var ozekiTrayProbe: TrayProbe | undefined;
}

const probe: TrayProbe = { menus: [] };
globalThis.ozekiTrayProbe = probe;
// The original method, kept before it is replaced below and called on its tray with .call(this).
// eslint-disable-next-line @typescript-eslint/unbound-method -- taken off the prototype to be called with its own `this`
const setContextMenu = Tray.prototype.setContextMenu;
function remembering(this: Tray, menu: Menu | null): void {
  probe.tray = this;
  probe.menu = menu ?? undefined;
  probe.menus.push(menu?.items.map((item) => ({ label: item.label, checked: item.checked })) ?? []);
  setContextMenu.call(this, menu);
}
Tray.prototype.setContextMenu = remembering;
// Should a later Electron make the method read-only, say so here rather than with a tray that seems to have no menu.
if (Tray.prototype.setContextMenu !== remembering) throw new Error('The tray probe cannot watch Tray.prototype.setContextMenu in this Electron.');
