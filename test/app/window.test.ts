import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { playbackFile, playbackUrlOf } from '../../main/app/playback.ts';
import { windowOptions } from '../../main/app/window-options.ts';
import { notificationFor } from '../../main/app/notifications.ts';
import { tempDir } from '../helpers/recorder.ts';

describe('window options', () => {
  it('isolates and sandboxes the page, with no Node', () => {
    const options = windowOptions('/app/dist/preload/index.cjs', null);
    expect(options.webPreferences).toMatchObject({ preload: '/app/dist/preload/index.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, allowRunningInsecureContent: false });
    expect(options.show).toBe(false);
  });

  it('remembers the bounds', () => {
    expect(windowOptions('p', { x: 5, y: 6, width: 800, height: 500 })).toMatchObject({ x: 5, y: 6, width: 800, height: 500 });
  });
});

describe('playback protocol', () => {
  it('serves audio files from the recordings folder only', async () => {
    const folder = await tempDir('playback-');
    await mkdir(join(folder, '2026-11-26'));
    await mkdir(join(folder, '.ozeki-recorder'));
    await writeFile(join(folder, '2026-11-26', 'call 1.mp3'), 'x');
    await writeFile(join(folder, 'notes.txt'), 'x');
    await writeFile(join(folder, '.ozeki-recorder', 'x.wav'), 'x');
    expect(playbackUrlOf('2026-11-26/call 1.mp3')).toBe('recording://saved/2026-11-26/call%201.mp3');
    expect(await playbackFile(playbackUrlOf('2026-11-26/call 1.mp3'), folder)).toBe(join(folder, '2026-11-26', 'call 1.mp3'));
    for (const url of ['recording://saved/notes.txt', 'recording://saved/../../etc/passwd.mp3', 'recording://saved/%2e%2e/%2e%2e/x.mp3', 'recording://saved/missing.mp3', 'recording://saved/.ozeki-recorder/x.wav', 'recording://other/2026-11-26/call%201.mp3', 'file:///etc/passwd', 'nonsense']) {
      expect(await playbackFile(url, folder), url).toBeUndefined();
    }
  });
});

describe('notifications', () => {
  it('shows a saved recording in its folder, and opens the window for a failed or missed one', () => {
    expect(notificationFor({ type: 'recording-saved', id: 'i', callId: 'c', path: '/r/2026_1000_1001.wav' })).toEqual({ title: 'Recording saved', body: '2026_1000_1001.wav', click: { action: 'show-file', path: '/r/2026_1000_1001.wav' } });
    expect(notificationFor({ type: 'recording-failed', id: 'i', callId: 'c', message: 'The disk is full.', retryable: true })).toMatchObject({ title: 'Recording waiting', click: { action: 'open-window' } });
    expect(notificationFor({ type: 'recording-missed', id: 'i', callId: 'c', message: 'The call ended but the PBX never said the recording was ready.' })).toMatchObject({ title: 'Recording missed' });
    expect(notificationFor({ type: 'call-ended', callId: 'c' })).toBeUndefined();
  });
});
