import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { channelOf, type SaveCopyResult, type SettingsView } from '../../preload/contract.ts';
import { when } from '../helpers/app.ts';
import { saveRecording } from '../helpers/library.ts';
import { fileSha256, tempDir } from '../helpers/recorder.ts';
import { app, BrowserWindow, dialog, ipcMain, Tray } from '../mocks/electron.ts';

// The page the app loads (main/app/index.ts: ../renderer/index.html next to its bundle; here, next to its source).
const PAGE_URL = pathToFileURL(fileURLToPath(new URL('../../main/renderer/index.html', import.meta.url))).href;

describe('a recording out of the desktop app: dragged into a mail or a folder, or saved as a copy', () => {
  it('drags the file main resolved with webContents.startDrag, and saves a copy where the save dialog says', async () => {
    writeFileSync(join(app.getPath('userData'), 'settings.json'), JSON.stringify({ listenHost: '127.0.0.1', listenPort: 0 }));
    await import('../../main/app/index.ts');
    await when(Tray.changes, 'change', () => !(Tray.instances[0]?.tooltip ?? 'starting').includes('starting')); // the recorder runs
    const window = BrowserWindow.instances[0];
    if (!window) throw new Error('no window');
    window.webContents.mainFrame.url = PAGE_URL;
    const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const invoke = (method: Parameters<typeof channelOf>[0], ...args: unknown[]) => ipcMain.invoke(channelOf(method), fromWindow, ...args);
    const { folder } = (await invoke('getSettings')) as SettingsView;
    const audio = await saveRecording(folder, 'desk/call.wav');

    await expect(invoke('startDrag', 'desk/call.wav')).resolves.toEqual({ ok: true, message: '' });
    const [dragged] = window.webContents.startDrag.mock.calls[0] ?? [];
    expect(dragged?.file).toBe(audio);
    expect((dragged?.icon as { path: string } | undefined)?.path).toMatch(/idle\.png$/);
    // A path the window makes up never reaches startDrag.
    await expect(invoke('startDrag', '../../etc/passwd')).rejects.toThrow('Refused startDrag: invalid arguments.');
    expect(window.webContents.startDrag).toHaveBeenCalledTimes(1);

    const target = join(await tempDir('app-copy-'), 'copy.wav');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    await expect(invoke('saveCopy', 'desk/call.wav')).resolves.toEqual({ outcome: 'saved', message: `Saved a copy as ${target}.` } satisfies SaveCopyResult);
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(window, expect.objectContaining({ defaultPath: join(app.getPath('documents'), 'call.wav') }));
    expect(await fileSha256(target)).toBe(await fileSha256(audio));
    await expect(invoke('saveCopy', 'desk/call.wav')).resolves.toEqual({ outcome: 'cancelled' }); // the mock's dialog is cancelled by default

    const quitting = { preventDefault: vi.fn() };
    app.quit.mockClear();
    app.emit('before-quit', quitting);
    await when(app, 'mock:quit', () => app.quit.mock.calls.length > 0);
  });
});
