// The app inside real Electron: start, window, tray, a recording from the tray menu, Quit. It needs the Electron
// binary and a display, so it runs on a developer's or user's machine (`npm run test:electron`) and is reported as
// skipped, with the reason, where either is missing. The tray is reached through test/electron/tray-probe.ts.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CallView, RecorderApi, SettingsView, StateView } from '../../preload/contract.ts';
import { describeCaller } from '../../preload/display.ts';
import type { Sidecar } from '../../main/recorder/sidecar.ts';
import { clientFor } from '../helpers/demo.ts';
import { tempDir } from '../helpers/recorder.ts';
import { electronExecutable } from '../../scripts/electron-binary.ts';
import { launchApp } from './launch.ts';

const electron = electronExecutable();
const WAIT = { timeout: 30_000, interval: 100 };

/** The recorder's state as the window gets it, through the preload's `window.recorder`. */
function stateOf(page: Page): Promise<StateView> {
  return page.evaluate(() => (globalThis as unknown as { recorder: RecorderApi }).recorder.getState());
}

/** The settings as the window's Settings view gets them. */
function settingsOf(page: Page): Promise<SettingsView> {
  return page.evaluate(() => (globalThis as unknown as { recorder: RecorderApi }).recorder.getSettings());
}

/** How the tray menu's entry for a call begins (main/app/tray-menu.ts), up to its start time and states. */
function trayLabelOf(call: CallView): string {
  return `${describeCaller(call)} → ${call.destination} · `;
}

/** The sidecars in the recordings folder (the app's work folder inside it is skipped). */
async function sidecarsIn(folder: string): Promise<Sidecar[]> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.json'));
  return Promise.all(names.map(async (name) => JSON.parse(await readFile(join(folder, name), 'utf8')) as Sidecar));
}

describe('the app inside Electron', () => {
  it('starts on the demo PBX, shows the calls, records a call from the tray menu into the folder and quits cleanly', { timeout: 180_000 }, async (context) => {
    if ('skipReason' in electron) {
      console.warn(`The app was not started inside Electron: ${electron.skipReason}.`); // printed by every reporter
      return context.skip(electron.skipReason);
    }
    const userData = await tempDir('electron-user-data-');
    const folder = await tempDir('electron-recordings-');
    // No PBX configured (the demo PBX); the listener on a free port, so a running Ozeki Recorder is not disturbed.
    const { app, output, exited } = await launchApp({
      executablePath: electron.path,
      userData,
      settings: { folder, listenHost: '127.0.0.1', listenPort: 0, pollIntervalMs: 250 },
    });
    const log = () => `The app printed:\n${output.join('')}`;

    // The first start shows the window, and it lists the demo PBX's calls.
    const page = await app.firstWindow();
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().filter((w) => w.isVisible()).length), WAIT).toBe(1);
    // It runs on the settings it was given: recordings go to the temp folder, not the user's own.
    await expect.poll(async () => (await settingsOf(page)).folder, WAIT).toBe(folder);
    await expect.poll(async () => page.locator('#calls-view').getByRole('status').textContent(), WAIT).toContain('Demo PBX in use (no PBX configured).');
    const rows = page.getByRole('list', { name: 'Live calls' }).getByRole('listitem');
    await expect
      .poll(async () => {
        const [first] = (await stateOf(page)).calls;
        return first ? rows.filter({ hasText: `${first.source} → ${first.destination}` }).count() : 0;
      }, WAIT)
      .toBeGreaterThan(0);

    // The tray is there, with its menu.
    const trayMenu = () =>
      app.evaluate(() => {
        const probe = globalThis.ozekiTrayProbe;
        if (!probe?.tray || probe.tray.isDestroyed() || !probe.menu) return undefined;
        return probe.menu.items.map((item) => ({ label: item.label, checked: item.checked }));
      });
    await expect
      .poll(async () => (await trayMenu())?.map((item) => item.label), WAIT)
      .toEqual(expect.arrayContaining(['Using the demo PBX (no PBX configured)', 'Open window', 'Open recordings folder', 'Settings…', 'Quit']));

    // A call in talk, named in the tray menu by an entry no other call shares.
    let call: CallView | undefined;
    await expect
      .poll(async () => {
        const live = (await stateOf(page)).calls;
        call = live.find((c) => c.state === 'InCall' && live.filter((other) => trayLabelOf(other) === trayLabelOf(c)).length === 1);
        return call !== undefined;
      }, WAIT)
      .toBe(true);
    const chosen = call;
    if (!chosen) throw new Error('unreachable: the poll above found a call');

    // Record it from the tray menu, as a user would.
    const clicked = await app.evaluate((_electron, label) => {
      const item = globalThis.ozekiTrayProbe?.menu?.items.find((i) => i.label.startsWith(label));
      item?.click();
      return item !== undefined;
    }, trayLabelOf(chosen));
    expect(clicked, log()).toBe(true);
    await expect.poll(async () => (await stateOf(page)).calls.find((c) => c.callId === chosen.callId)?.recording?.status, WAIT).toBe('recording');
    await expect.poll(async () => (await trayMenu())?.find((item) => item.label.startsWith(trayLabelOf(chosen)))?.checked, WAIT).toBe(true);
    // The platform's ways in: Windows opens the window on a left click on the icon, Linux (whose AppIndicator
    // gives no clicks) from the menu's first item; macOS shows the recording count beside its template icon.
    if (process.platform === 'linux') expect((await trayMenu())?.[0]?.label).toBe('Open window');
    if (process.platform === 'darwin') await expect.poll(() => app.evaluate(() => globalThis.ozekiTrayProbe?.tray?.getTitle()), WAIT).toBe('1');
    if (process.platform === 'win32') {
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().forEach((w) => w.hide()));
      await app.evaluate(() => globalThis.ozekiTrayProbe?.tray?.emit('click'));
      await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().filter((w) => w.isVisible()).length), WAIT).toBe(1);
    }
    // A second of it kept, so the saved file has something in it.
    await expect
      .poll(async () => (await stateOf(page)).calls.find((c) => c.callId === chosen.callId)?.recording?.keptMs ?? 0, WAIT)
      .toBeGreaterThanOrEqual(1000);

    // The caller hangs up (on the demo PBX, through its HTTP API); the PBX sends the recording and it is saved.
    await clientFor((await stateOf(page)).pbxUrl).hangup(chosen.callId);
    await expect.poll(async () => (await sidecarsIn(folder)).some((s) => s.callId === chosen.callId), WAIT).toBe(true);
    const sidecar = (await sidecarsIn(folder)).find((s) => s.callId === chosen.callId);
    expect(sidecar).toMatchObject({ from: chosen.source, to: chosen.destination, format: 'mp3' });
    expect((await readFile(join(folder, sidecar?.file ?? ''))).subarray(0, 3).toString()).toBe('ID3');

    // All along (polls four times a second), the menu was set again only when what it says changed, and it said
    // nothing that ticks: a menu the user has open is not closed under the pointer.
    const menus = await app.evaluate(() => globalThis.ozekiTrayProbe?.menus ?? []);
    expect(menus.length).toBeGreaterThan(1);
    menus.slice(1).forEach((menu, i) => expect(menu, `menu ${String(i + 1)} is the one before it again`).not.toEqual(menus[i]));
    expect(menus.flat().filter((item) => /\d\d:\d\d:\d\d|· \d\d:\d\d$/.test(item.label))).toEqual([]);

    // Quit from the tray menu: the recorder stops, the journal is flushed, and the process ends with code 0.
    const quitting = await app.evaluate(() => {
      const quit = globalThis.ozekiTrayProbe?.menu?.items.find((i) => i.label === 'Quit');
      // After this answer is sent. Electron types MenuItem.click as Function; the tray's items take no arguments.
      if (quit) setImmediate(() => (quit.click as () => void)());
      return quit !== undefined;
    });
    expect(quitting).toBe(true);
    expect(await exited, log()).toEqual({ code: 0, signal: null });
  });

  // macOS tells a start at login by its login item, not by an argument: there the login item itself is needed.
  it.skipIf(process.platform === 'darwin')('started at login (not the first start), shows only the tray', { timeout: 120_000 }, async (context) => {
    if ('skipReason' in electron) return context.skip(electron.skipReason);
    const userData = await tempDir('electron-user-data-');
    const folder = await tempDir('electron-recordings-');
    const { app, output, exited } = await launchApp({
      executablePath: electron.path,
      userData,
      settings: { folder, listenHost: '127.0.0.1', listenPort: 0, windowBounds: { x: 40, y: 40, width: 900, height: 600 } },
      args: ['--hidden'],
    });
    const log = () => `The app printed:\n${output.join('')}`;
    await expect.poll(() => app.evaluate(() => globalThis.ozekiTrayProbe?.menu?.items.some((item) => item.label === 'Quit') ?? false), WAIT).toBe(true);
    // The window is made and its page loaded (ready for the tray), but it stays hidden.
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().filter((w) => !w.webContents.isLoading()).length), WAIT).toBe(1);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().filter((w) => w.isVisible()).length), log()).toBe(0);
    await app.evaluate(() => {
      const quit = globalThis.ozekiTrayProbe?.menu?.items.find((i) => i.label === 'Quit');
      if (quit) setImmediate(() => (quit.click as () => void)());
    });
    expect(await exited, log()).toEqual({ code: 0, signal: null });
  });
});
