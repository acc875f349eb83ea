import { mkdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { basename, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { playbackFile, playbackUrlOf } from '../../main/app/playback.ts';
import { libraryFile, scanLibrary } from '../../main/recorder/library.ts';
import { windowOptions } from '../../main/app/window-options.ts';
import { APP_ID, attributeNotifications, notificationFor } from '../../main/app/notifications.ts';
import { saveRecording } from '../helpers/library.ts';
import { tempDir } from '../helpers/recorder.ts';

describe('window options', () => {
  it('isolates and sandboxes the page, with no Node', () => {
    const options = windowOptions('/app/dist/preload/index.cjs', null);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    expect(options.show).toBe(false);
  });

  it('remembers the bounds', () => {
    expect(windowOptions('p', { x: 5, y: 6, width: 800, height: 700 })).toMatchObject({ x: 5, y: 6, width: 800, height: 700 });
  });

  it('opens at the companion size the first time, and is never smaller than it', () => {
    expect(windowOptions('p', null)).toMatchObject({ width: 420, height: 640, minWidth: 420, minHeight: 640 });
    // An older version let the window be 520×400: it comes back at its place, as tall as the companion size.
    expect(windowOptions('p', { x: 5, y: 6, width: 520, height: 400 })).toMatchObject({ x: 5, y: 6, width: 520, height: 640 });
    expect(windowOptions('p', { x: 5, y: 6, width: 300, height: 900 })).toMatchObject({ width: 420, height: 900 });
  });
});

describe('playback protocol', () => {
  it('serves saved recordings of the library only', async () => {
    const folder = await tempDir('playback-');
    await saveRecording(folder, '2026-11-26/call 1.mp3', { format: 'mp3' });
    await mkdir(join(folder, '.ozeki-recorder'));
    await writeFile(join(folder, 'notes.txt'), 'x');
    await writeFile(join(folder, 'loose.mp3'), 'not saved by the app: no sidecar');
    await writeFile(join(folder, '.ozeki-recorder', 'x.wav'), 'x');
    expect(playbackUrlOf('2026-11-26/call 1.mp3')).toBe('recording://saved/2026-11-26/call%201.mp3');
    expect(await playbackFile(playbackUrlOf('2026-11-26/call 1.mp3'), folder)).toBe(join(await realpath(folder), '2026-11-26', 'call 1.mp3'));
    for (const url of [
      'recording://saved/notes.txt',
      'recording://saved/loose.mp3',
      'recording://saved/../../etc/passwd.mp3',
      'recording://saved/%2e%2e/%2e%2e/x.mp3',
      'recording://saved/missing.mp3',
      'recording://saved/.ozeki-recorder/x.wav',
      'recording://other/2026-11-26/call%201.mp3',
      'file:///etc/passwd',
      'recording://saved/%E0%A4%A',
      'nonsense',
    ]) {
      expect(await playbackFile(url, folder), url).toBeUndefined();
    }
  });

  it('refuses a saved recording that is a link out of the folder, and paths that leave it', async () => {
    const folder = await tempDir('playback-');
    const outside = await tempDir('outside-');
    await writeFile(join(outside, 'passwd'), 'root:x:0:0');
    const link = await saveRecording(folder, 'call.mp3', { format: 'mp3' });
    await rm(link);
    await symlink(join(outside, 'passwd'), link); // the library lists it: it has a sidecar
    await symlink(outside, join(folder, 'elsewhere'));
    await saveRecording(outside, 'other.mp3', { format: 'mp3' });
    expect((await scanLibrary(folder)).map((i) => i.relativePath)).toContain('call.mp3');
    for (const relativePath of [
      'call.mp3',
      'elsewhere/other.mp3',
      '../' + basename(outside) + '/other.mp3',
      join(outside, 'other.mp3'),
      'C:\\Windows\\win.ini.mp3',
      '\\\\server\\share\\x.mp3',
    ]) {
      expect(await libraryFile(folder, relativePath), relativePath).toBeUndefined();
    }
  });
});

describe('notifications', () => {
  it("carry the app's id on Windows, the one the installer gives the app", async () => {
    const builder = await readFile(fileURLToPath(new URL('../../electron-builder.yml', import.meta.url)), 'utf8');
    expect(builder).toMatch(new RegExp(`^appId: ${APP_ID.replace(/\./g, '\\.')}$`, 'm'));
    const app = { setAppUserModelId: vi.fn() };
    attributeNotifications(app, 'linux');
    expect(app.setAppUserModelId).not.toHaveBeenCalled();
    attributeNotifications(app, 'win32');
    expect(app.setAppUserModelId).toHaveBeenCalledWith(APP_ID);
  });

  it('shows a saved recording in its folder, and opens the window for a failed, missed or unsaved one', () => {
    expect(notificationFor({ type: 'recording-saved', id: 'i', callId: 'c', path: '/r/2026_1000_1001.wav' })).toEqual({
      title: 'Recording saved',
      body: '2026_1000_1001.wav',
      click: { action: 'show-file', path: '/r/2026_1000_1001.wav' },
    });
    expect(notificationFor({ type: 'recording-failed', id: 'i', callId: 'c', message: 'The disk is full.', retryable: true })).toMatchObject({
      title: 'Recording waiting',
      click: { action: 'open-window' },
    });
    expect(
      notificationFor({ type: 'recording-missed', id: 'i', callId: 'c', message: 'The call ended but the PBX never said the recording was ready.' }),
    ).toMatchObject({ title: 'Recording missed' });
    expect(notificationFor({ type: 'recording-not-saved', id: 'i', callId: 'c', message: 'Not saved — the call was never answered.' })).toEqual({
      title: 'Recording not saved',
      body: 'Not saved — the call was never answered.',
      click: { action: 'open-window' },
    });
    expect(notificationFor({ type: 'call-ended', callId: 'c' })).toBeUndefined();
  });
});
