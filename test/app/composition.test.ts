import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { channelOf, RECORDER_METHODS } from '../../preload/contract.ts';
import { when } from '../helpers/app.ts';
import { app, BrowserWindow, ipcMain, Tray } from '../mocks/electron.ts';

const trayShows = (check: () => boolean) => when(Tray.changes, 'change', check);

const menuItems = () => (Tray.instances[0]?.menu as { items?: MenuItemConstructorOptions[] } | undefined)?.items ?? [];

describe('the desktop app, wired with the Electron mock', () => {
  it('starts on the demo PBX with a tray and a hidden window, records from the tray, hides on close and stops cleanly on quit', async () => {
    // The listener on a free port, so the test never meets a running app.
    writeFileSync(join(app.getPath('userData'), 'settings.json'), JSON.stringify({ listenHost: '127.0.0.1', listenPort: 0 }));
    await import('../../main/app/index.ts');
    await trayShows(() => menuItems().some((item) => item.type === 'checkbox' && item.label?.includes('→')));

    // IPC: every contract method registered through the wrapper.
    expect([...ipcMain.handlers.keys()].sort()).toEqual(RECORDER_METHODS.map(channelOf).sort());
    // The window: sandboxed, hidden until the first start shows it.
    const window = BrowserWindow.instances[0];
    expect(window?.options['webPreferences']).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(window?.visible).toBe(false);
    window?.emit('ready-to-show');
    expect(window?.visible).toBe(true);

    // The tray says the demo PBX is in use and lists the calls; ticking one records that call.
    expect(menuItems().map((i) => i.label)).toContain('Using the demo PBX (no PBX configured)');
    const call = menuItems().find((item) => item.type === 'checkbox' && item.label?.includes('→') && !item.label.includes('Ringing'));
    expect(call?.checked).toBe(false);
    (call?.click as () => void)();
    await trayShows(() => /recording 1 call/.test(Tray.instances[0]?.tooltip ?? ''));
    const who = call?.label?.split(' · ')[0] ?? '?';
    const ticked = menuItems().filter((item) => item.type === 'checkbox' && item.checked && item.label?.includes('→'));
    expect(ticked.map((item) => item.label?.split(' · ')[0])).toEqual([who]);
    // The recorder logs into the app's log file, in the platform's log folder.
    expect(readFileSync(join(app.getPath('logs'), 'main.log'), 'utf8')).toMatch(/\[info\] +Recording [0-9a-f-]{36}: acknowledged → recording\./);

    // Closing hides: the app lives on in the tray.
    const closing = { preventDefault: vi.fn() };
    window?.emit('close', closing);
    expect(closing.preventDefault).toHaveBeenCalled();
    expect(window?.visible).toBe(false);

    // Quit: the recorder stops (journal flushed, listener closed) before the app exits.
    const quitting = { preventDefault: vi.fn() };
    app.quit.mockClear();
    app.emit('before-quit', quitting);
    expect(quitting.preventDefault).toHaveBeenCalled();
    await when(app, 'mock:quit', () => app.quit.mock.calls.length > 0);
  });
});
