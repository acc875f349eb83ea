import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { HIDDEN_ARG } from '../../main/app/login-item.ts';
import { channelOf, type SettingsView } from '../../preload/contract.ts';
import { when } from '../helpers/app.ts';
import { app, BrowserWindow, globalShortcut, ipcMain, powerMonitor, Tray } from '../mocks/electron.ts';

const tooltip = () => Tray.instances[0]?.tooltip ?? '';
const trayShows = (check: (tooltip: string) => boolean) => when(Tray.changes, 'change', () => check(tooltip()));
const log = () => readFileSync(join(app.getPath('logs'), 'main.log'), 'utf8');
// The page the app loads (main/app/index.ts: ../renderer/index.html next to its bundle; here, next to its source).
const PAGE_URL = pathToFileURL(fileURLToPath(new URL('../../main/renderer/index.html', import.meta.url))).href;

describe('the desktop app started by the system at login, with its shortcut taken by another program', () => {
  it('shows only the tray, says the shortcut is taken, and gets through sleep, wake and a crashed page', async () => {
    // Not the first start (the window has been used), started at login; another program holds the shortcut.
    writeFileSync(
      join(app.getPath('userData'), 'settings.json'),
      JSON.stringify({ listenHost: '127.0.0.1', listenPort: 0, myExtension: '1001', windowBounds: { x: 10, y: 20, width: 900, height: 600 } }),
    );
    process.argv.push(HIDDEN_ARG);
    globalShortcut.register.mockReturnValue(false);
    await import('../../main/app/index.ts');

    // The shortcut's refusal, in the tray's tooltip and next to the Shortcut setting.
    // The keys as this platform writes them (the accelerator kept is CommandOrControl+Alt+R).
    const keys = process.platform === 'darwin' ? '⌘⌥R' : 'Ctrl+Alt+R';
    const taken = `The shortcut ${keys} is taken by another program, so "Record my call" has no shortcut: choose another one in Settings.`;
    await trayShows((text) => text.includes(taken));
    const window = BrowserWindow.instances[0];
    if (window) window.webContents.mainFrame.url = PAGE_URL;
    const fromWindow = { sender: window?.webContents, senderFrame: window?.webContents.mainFrame };
    expect(((await ipcMain.invoke(channelOf('getSettings'), fromWindow)) as SettingsView).shortcutProblem).toBe(taken);

    // Started quietly: the window is ready but stays hidden.
    window?.emit('ready-to-show');
    expect(window?.visible).toBe(false);

    // The computer sleeps and wakes; meanwhile the other program let the keys go: the shortcut is registered again.
    powerMonitor.emit('suspend');
    globalShortcut.register.mockReturnValue(true);
    powerMonitor.emit('resume');
    await trayShows((text) => !text.includes('shortcut'));
    expect(globalShortcut.register).toHaveBeenLastCalledWith('CommandOrControl+Alt+R', expect.any(Function));
    expect(((await ipcMain.invoke(channelOf('getSettings'), fromWindow)) as SettingsView).shortcutProblem).toBeUndefined();
    expect(log()).toMatch(/The computer is going to sleep\.[^]*The computer woke up\./);

    // The window's page crashes: it is reloaded, and the log says why.
    window?.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(window?.webContents.reload).toHaveBeenCalledTimes(1);
    expect(log()).toContain("The window's page stopped (crashed, exit code 139); reloading it.");

    // Quit: stops cleanly; nothing went wrong on the way.
    const quitting = { preventDefault: vi.fn() };
    app.quit.mockClear();
    app.emit('before-quit', quitting);
    await when(app, 'mock:quit', () => app.quit.mock.calls.length > 0);
    expect(
      log()
        .split('\n')
        .filter((line) => line.includes('[error]') && !line.includes("window's page stopped")),
    ).toEqual([]);
    process.argv.splice(process.argv.indexOf(HIDDEN_ARG), 1);
  });
});
