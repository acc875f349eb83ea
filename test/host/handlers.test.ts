import { readFile, stat, writeFile } from 'node:fs/promises';
import { writeDemoRecording } from '../../main/demo-pbx/audio.ts';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createHandlers, type HandlerDeps } from '../../main/host/handlers.ts';
import { InvalidArguments, invokeChecked, type RecorderHandlers } from '../../main/host/invoke.ts';
import { PasswordVault } from '../../main/host/password-vault.ts';
import { playbackUrlOf } from '../../main/app/playback.ts';
import { RecorderHost } from '../../main/host/recorder-host.ts';
import { forwardToWindow } from '../../main/host/window-events.ts';
import type { ExportProgressView, StateChange, StateView } from '../../preload/contract.ts';
import type { ExportTarget } from '../../main/host/export-handlers.ts';
import { applyStateChange } from '../../preload/state-change.ts';
import { openSettingsStore } from '../../main/app/settings-store.ts';
import { safeStorage } from '../mocks/electron.ts';
import { onCleanup, startDemoPbx } from '../helpers/demo.ts';
import { fileSha256, tempDir } from '../helpers/recorder.ts';
import { saveRecording } from '../helpers/library.ts';
import { stringMatching } from '../helpers/match.ts';
import { unzippedHashes, zipEntries } from '../helpers/unzip.ts';

const PASSWORD = 'pa55-word-of-the-desk';

async function setup(pbxUrl: string, backend: typeof safeStorage.backend = 'gnome_libsecret', logs?: HandlerDeps['logs']) {
  safeStorage.backend = backend;
  const store = openSettingsStore({ cwd: await tempDir('app-settings-') });
  store.set({ pbxUrl, username: 'desk', listenHost: '127.0.0.1', listenPort: 0, pollIntervalMs: 250, folder: await tempDir('app-folder-') });
  const vault = new PasswordVault(safeStorage, 'linux');
  const host = new RecorderHost({ dataDir: await tempDir('app-data-'), defaultFolder: '', store, vault });
  const chooseDirectory = vi.fn(() => Promise.resolve<string | undefined>(undefined));
  const chooseAudioFile = vi.fn(() => Promise.resolve<string | undefined>(undefined));
  const chooseExportFile = vi.fn((_name: string) => Promise.resolve<ExportTarget | undefined>(undefined));
  const exportProgress = vi.fn((_progress: ExportProgressView) => undefined);
  const handlers = createHandlers({
    host,
    store,
    vault,
    chooseDirectory,
    chooseAudioFile,
    chooseExportFile,
    exportProgress,
    shell: { showItemInFolder: vi.fn() },
    clipboard: { writeText: vi.fn() },
    onSettingsSaved: vi.fn(),
    playbackUrl: playbackUrlOf,
    logs,
  });
  await host.start();
  onCleanup(() => host.stop());
  return { store, vault, host, handlers, chooseDirectory, chooseAudioFile, chooseExportFile, exportProgress };
}

describe('window handlers', () => {
  it('stores the password encrypted, uses it for the PBX, and never gives it to the window', async () => {
    const pbx = await startDemoPbx({ auth: { username: 'desk', password: PASSWORD } });
    const { store, handlers } = await setup(pbx.url);
    expect(await handlers.testConnection({})).toMatchObject({ ok: false, message: 'Authentication required (Ozeki code 304)' });
    await handlers.saveSettings({ password: PASSWORD });
    expect(store.get().passwordCipher).not.toContain(PASSWORD);
    expect(Buffer.from(store.get().passwordCipher, 'base64').toString()).toBe(`enc:${PASSWORD}`); // the mock keyring's ciphertext
    expect(await handlers.testConnection({})).toEqual({ ok: true, message: 'Connected: the PBX answered (0 active calls).' });
    const everything = JSON.stringify([
      await handlers.getSettings(),
      await handlers.getState(),
      await handlers.saveSettings({ myExtension: '1001' }),
      await handlers.library(''),
    ]);
    expect(everything).not.toContain(PASSWORD);
    expect(await handlers.getSettings()).toMatchObject({ passwordSet: true, passwordInMemoryOnly: false });
  });

  it('keeps the password in memory only where the OS has no keyring, and says so', async () => {
    const pbx = await startDemoPbx({ auth: { username: 'desk', password: PASSWORD } });
    const { store, handlers } = await setup(pbx.url, 'basic_text');
    await handlers.saveSettings({ password: PASSWORD });
    expect(store.get().passwordCipher).toBe('');
    expect(await handlers.getSettings()).toMatchObject({ passwordSet: true, passwordInMemoryOnly: true });
    expect((await handlers.testConnection({})).ok).toBe(true);
  });

  it.each(['gnome_libsecret', 'basic_text'] as const)(
    'forgets the password (%s) when the PBX address moves to another host, so it is never sent there',
    async (backend) => {
      const pbx = await startDemoPbx({ auth: { username: 'desk', password: PASSWORD } });
      const elsewhere = await startDemoPbx({ auth: { username: 'desk', password: PASSWORD } }); // would accept the old password
      const { store, handlers } = await setup(pbx.url, backend);
      await handlers.saveSettings({ password: PASSWORD });
      expect(await handlers.testConnection({})).toMatchObject({ ok: true });

      expect(await handlers.saveSettings({ pbxUrl: elsewhere.url })).toMatchObject({ ok: true, settings: { pbxUrl: elsewhere.url, passwordSet: false } });
      expect(store.get().passwordCipher).toBe('');
      expect(await handlers.testConnection({})).toEqual({ ok: false, message: 'Authentication required (Ozeki code 304)' }); // 304: no password came

      await handlers.saveSettings({ password: PASSWORD });
      expect(await handlers.testConnection({})).toMatchObject({ ok: true });
    },
  );

  it('forgets the password when the username changes', async () => {
    const pbx = await startDemoPbx({ auth: { username: 'reception', password: PASSWORD } });
    const { handlers } = await setup(pbx.url);
    await handlers.saveSettings({ password: PASSWORD });
    expect(await handlers.saveSettings({ username: 'reception' })).toMatchObject({ ok: true, settings: { passwordSet: false } });
    expect(await handlers.testConnection({})).toEqual({ ok: false, message: 'Authentication required (Ozeki code 304)' });
  });

  it('keeps the password when only the path or a trailing slash of the PBX address changes', async () => {
    const pbx = await startDemoPbx({ auth: { username: 'desk', password: PASSWORD } });
    const { store, handlers } = await setup(pbx.url);
    await handlers.saveSettings({ password: PASSWORD });
    const cipher = store.get().passwordCipher;
    for (const pbxUrl of [`${pbx.url}/`, `${pbx.url}/api`, pbx.url.replace('http://', 'HTTP://')]) {
      expect(await handlers.saveSettings({ pbxUrl })).toMatchObject({ ok: true, settings: { passwordSet: true } });
      expect(store.get().passwordCipher).toBe(cipher);
      expect(await handlers.testConnection({})).toMatchObject({ ok: true });
    }
  });

  it('shows invalid settings next to their fields and saves none of them', async () => {
    const pbx = await startDemoPbx();
    const { store, handlers } = await setup(pbx.url);
    const result = await handlers.saveSettings({ listenPort: 80, myExtension: '1001' });
    expect(result).toEqual({ ok: false, errors: { listenPort: 'The port is a number from 1024 to 65535.' } });
    expect(store.get().myExtension).toBe('');
  });

  it('records a call through the window methods, and previews the next file name', async () => {
    const pbx = await startDemoPbx();
    const { host, handlers } = await setup(pbx.url);
    const shown = new Promise<void>((resolve) => host.on('state', (state) => state.calls.length > 0 && resolve()));
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await shown;
    expect(await handlers.toggle(callId)).toMatchObject({ ok: true, status: 'recording' });
    expect(pbx.recordingsOf(callId)).toHaveLength(1);
    expect(await handlers.checkSetting('fileNameTemplate', '{callerName}/{callId}')).toEqual({ ok: true, message: 'Next file: Kovács Zoltán/XzeOK.mp3' });
    expect(await handlers.checkSetting('fileNameTemplate', '{who}')).toMatchObject({ ok: false });
  });

  it('records one call without the announcement where the settings allow it, and checks the call id in main', async () => {
    const pbx = await startDemoPbx();
    const { host, handlers } = await setup(pbx.url);
    const shown = new Promise<void>((resolve) => host.on('state', (state) => state.calls.length > 0 && resolve()));
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await shown;
    expect(await handlers.saveSettings({ announce: 'text', announceSkippable: false })).toMatchObject({ ok: true });
    expect((await handlers.getState()).announce).toEqual({ mode: 'text', canSkip: false });
    expect(await handlers.recordWithoutAnnouncement(callId)).toMatchObject({
      ok: false,
      message: stringMatching(/^Recording without the announcement is not allowed/),
    });
    expect(await handlers.saveSettings({ announceSkippable: true })).toMatchObject({ ok: true });
    expect((await handlers.getState()).announce).toEqual({ mode: 'text', canSkip: true });
    expect(await handlers.recordWithoutAnnouncement(callId)).toMatchObject({ ok: true, status: 'recording' });
    expect(pbx.received.filter((r) => r.command === 'Speak' || r.command === 'Record').map((r) => r.command)).toEqual(['Record']);
    expect((await handlers.getState()).calls[0]?.recording?.announcement).toMatchObject({ how: 'text', outcome: 'skipped' });
    expect(() => invokeChecked(handlers, 'recordWithoutAnnouncement', ['../../etc'])).toThrow(InvalidArguments);
    expect(() => invokeChecked(handlers, 'recordWithoutAnnouncement', [])).toThrow(InvalidArguments);
  });

  it('chooses the announcement file with the system dialog in main, and refuses one that is not WAV or MP3 audio', async () => {
    const pbx = await startDemoPbx();
    const { store, handlers, chooseAudioFile } = await setup(pbx.url);
    const dir = await tempDir('announcement-');
    const good = join(dir, 'we-record.wav');
    await writeDemoRecording(good, 'wav', 1);
    const text = join(dir, 'notes.wav');
    await writeFile(text, 'not audio at all');
    chooseAudioFile.mockResolvedValueOnce(join(dir, 'we-record.ogg'));
    expect(await handlers.chooseAnnounceFile()).toEqual({ ok: false, message: 'Choose a WAV or MP3 file for the announcement.' });
    chooseAudioFile.mockResolvedValueOnce(text);
    expect(await handlers.chooseAnnounceFile()).toEqual({
      ok: false,
      message: `The announcement file ${text} cannot be played: it does not start with a RIFF/WAVE header.`,
    });
    expect(store.get().announceFile).toBe('');
    chooseAudioFile.mockResolvedValueOnce(good);
    expect(await handlers.chooseAnnounceFile()).toMatchObject({ ok: true, settings: { announceFile: good } });
    expect(await handlers.chooseAnnounceFile()).toMatchObject({ ok: true, settings: { announceFile: good } }); // cancelled: unchanged
    // The window never hands main a path: the file is not one of the fields it may save.
    expect(() => invokeChecked(handlers, 'saveSettings', [{ announceFile: '/etc/passwd' }])).toThrow(InvalidArguments);
  });

  it('polls the PBX at once for Try now, instead of waiting out the backoff, and refuses arguments', async () => {
    const pbx = await startDemoPbx();
    await pbx.refuseConnections();
    const { host, handlers } = await setup(pbx.url);
    const down = new Promise<void>((resolve) => host.on('state', (state) => state.link.status === 'unreachable' && resolve()));
    if (host.service.state().link.status !== 'unreachable') await down;
    await pbx.acceptConnections();
    pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    expect(await handlers.pollNow()).toEqual({ ok: true, message: `Connected to the PBX at ${pbx.url}.` });
    expect(host.service.state().calls).toHaveLength(1);
    expect(() => invokeChecked(handlers, 'pollNow', ['now'])).toThrow(InvalidArguments);
  });

  it('pushes the window its own view of every new state, the same view getState answers with', async () => {
    const pbx = await startDemoPbx();
    const { host, handlers } = await setup(pbx.url);
    // The window's copy: the whole state, then the changes applied to it, as renderer/app.ts does.
    let copy: StateView | undefined;
    const checks = new Set<() => void>();
    forwardToWindow(host, (event, payload) => {
      if (event === 'state') copy = payload as StateView;
      if (event === 'stateChanged' && copy) copy = applyStateChange(copy, payload as StateChange);
      for (const check of checks) check();
    }).setVisible(true);
    const pushed = (check: (state: StateView) => boolean) =>
      new Promise<StateView>((resolve) => {
        const checkCopy = () => {
          if (copy && check(copy)) {
            checks.delete(checkCopy);
            resolve(copy);
          }
        };
        checks.add(checkCopy);
      });
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    const withCall = await pushed((state) => state.calls.some((call) => call.callId === callId));
    const call = withCall.calls.find((c) => c.callId === callId);
    expect(call?.startTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/); // text, as it arrives over IPC and in the preview alike
    expect((await handlers.getState()).calls.find((c) => c.callId === callId)?.startTime).toBe(call?.startTime);
    const recording = pushed((state) => state.calls.some((c) => c.callId === callId && c.recording?.status === 'recording'));
    expect(await handlers.toggle(callId)).toMatchObject({ ok: true, status: 'recording' });
    expect((await recording).calls.find((c) => c.callId === callId)?.recording).toMatchObject({ status: 'recording', segments: [{ startMs: 0 }] });
  });

  it('opens the log folder in the file manager (made first if nothing was logged yet), and says why when it cannot', async () => {
    const pbx = await startDemoPbx();
    const folder = join(await tempDir('app-logs-'), 'logs');
    const open = vi.fn((_folder: string) => Promise.resolve('')); // Electron's shell.openPath
    const { handlers } = await setup(pbx.url, 'gnome_libsecret', { folder, open });
    expect(await handlers.openLogFolder()).toEqual({ ok: true, message: `The log folder is open: ${folder}` });
    expect(open).toHaveBeenCalledWith(folder);
    expect((await stat(folder)).isDirectory()).toBe(true);
    open.mockResolvedValueOnce('No application is registered to open folders.');
    expect(await handlers.openLogFolder()).toEqual({
      ok: false,
      message: `Could not open the log folder ${folder}: No application is registered to open folders.`,
    });
  });

  it('chooses the folder with the system dialog in main, never from the window', async () => {
    const pbx = await startDemoPbx();
    const { store, handlers, chooseDirectory } = await setup(pbx.url);
    const chosen = await tempDir('chosen-');
    chooseDirectory.mockResolvedValueOnce(chosen);
    expect((await handlers.chooseFolder()).folder).toBe(chosen);
    expect(store.get().folder).toBe(chosen);
  });

  it('offers retention to the window: the dry run for the days typed, the waiting first sweep in the state, its confirmation, and erasing a number', async () => {
    const pbx = await startDemoPbx();
    const { store, host, handlers } = await setup(pbx.url);
    const folder = store.get().folder;
    await saveRecording(folder, 'old.wav', { startTime: '2020-03-01T09:00:00.000Z', from: '+36 1 234 5678' });
    await saveRecording(folder, 'older.wav', { startTime: '2020-02-01T09:00:00.000Z' });
    await saveRecording(folder, 'pinned.wav', { startTime: '2020-01-01T09:00:00.000Z', pinned: true });
    await saveRecording(folder, 'today.wav', { startTime: new Date().toISOString(), to: '0036 1 234 5678' });

    const preview = await handlers.retentionPreview(30);
    expect(preview.message).toBe('These 2 recordings would be moved to the trash.');
    expect(preview.recordings.map((r) => r.relativePath)).toEqual(['older.wav', 'old.wav']);
    expect((await handlers.retentionPreview(0)).message).toBe('No recording would be moved to the trash.');

    expect(await handlers.saveSettings({ keepDays: 30 })).toMatchObject({ ok: true, settings: { keepDays: 30 } });
    await host.service.settled(); // the sweep the new value starts
    expect((await handlers.getState()).retention).toEqual({
      count: 2,
      days: 30,
      message: 'These 2 recordings would be moved to the trash. They are older than 30 days. Nothing is moved until you confirm it in Settings.',
    });
    expect((await handlers.library('')).map((r) => r.relativePath).sort()).toEqual(['old.wav', 'older.wav', 'pinned.wav', 'today.wav']);

    expect(await handlers.confirmRetention()).toEqual({ ok: true, message: 'Moved 2 recordings to the trash.' });
    expect((await handlers.getState()).retention).toBeUndefined();
    expect((await handlers.library('')).map((r) => r.relativePath).sort()).toEqual(['pinned.wav', 'today.wav']);

    const ofNumber = await handlers.recordingsOfNumber('+36-1-234-5678');
    expect([ofNumber.message, ofNumber.recordings.map((r) => r.relativePath)]).toEqual(['This recording would be moved to the trash.', ['today.wav']]);
    expect(await handlers.eraseNumber('+36-1-234-5678')).toEqual({ ok: true, message: 'Moved one recording to the trash.' });
    expect((await handlers.library('')).map((r) => r.relativePath)).toEqual(['pinned.wav']);
    expect(await readFile(join(folder, 'retention.log'), 'utf8')).toMatch(/\ttoday\.wav {2}\(.*\)\trule: erase every recording of \+36-1-234-5678\n$/);
  });

  it('lists a folder several desks save into: each recording with its desk, one PBX call once with every desk that saved it, filtered by desk', async () => {
    const pbx = await startDemoPbx();
    const { store, handlers } = await setup(pbx.url);
    const folder = store.get().folder;
    const desk1 = { name: 'Front desk 1', machine: 'RECEPTION-1', user: 'anna' };
    const desk2 = { name: 'Front desk 2', machine: 'RECEPTION-2', user: 'bela' };
    // The same PBX call, recorded on both desks; a call only desk 2 recorded; a recording from before desks were named.
    await saveRecording(folder, 'both.wav', {
      recordingId: 'r1',
      callId: 'call-A',
      desk: desk1,
      startTime: '2026-11-20T10:00:00.000Z',
      savedAt: '2026-11-20T10:05:00.000Z',
    });
    await saveRecording(folder, 'both (2).mp3', {
      recordingId: 'r2',
      callId: 'call-A',
      desk: desk2,
      format: 'mp3',
      startTime: '2026-11-20T10:00:00.000Z',
      savedAt: '2026-11-20T10:05:01.000Z',
    });
    await saveRecording(folder, 'second.wav', { recordingId: 'r3', callId: 'call-B', desk: desk2, startTime: '2026-11-20T09:00:00.000Z' });
    await saveRecording(folder, 'old.wav', { recordingId: 'r4', callId: 'call-C', startTime: '2026-11-20T08:00:00.000Z' });

    const all = await handlers.library('');
    expect(all.map((c) => [c.relativePath, c.desks.map((d) => d.name), c.otherCopies.map((o) => o.relativePath)])).toEqual([
      ['both.wav', ['Front desk 1', 'Front desk 2'], ['both (2).mp3']],
      ['second.wav', ['Front desk 2'], []],
      ['old.wav', [], []],
    ]);
    expect(all[0]?.sidecar.desk).toEqual(desk1);
    expect(all[0]?.otherCopies[0]?.sidecar.desk).toEqual(desk2);

    // Desk 2's calls, each shown by desk 2's own recording; the desk's name is matched whatever its case.
    const mine = await handlers.library('', { desk: 'front desk 2' });
    expect(mine.map((c) => [c.relativePath, c.desks.map((d) => d.name)])).toEqual([
      ['both (2).mp3', ['Front desk 2', 'Front desk 1']],
      ['second.wav', ['Front desk 2']],
    ]);
    // A search that finds one desk's recording (by its user) shows the call with every desk that saved it.
    expect((await handlers.library('bela')).map((c) => [c.relativePath, c.desks.map((d) => d.name)])).toEqual([
      ['both.wav', ['Front desk 1', 'Front desk 2']],
      ['second.wav', ['Front desk 2']],
    ]);
    expect(await handlers.library('', { desk: 'Front desk 3' })).toEqual([]);
  });

  it('refuses a library filter the window may not send', () => {
    const handlers = {} as RecorderHandlers; // never reached: the check comes first
    for (const args of [[''], ['', {}], ['', { desk: 'Front desk 1' }]])
      expect(() => invokeChecked({ library: () => Promise.resolve([]) } as unknown as RecorderHandlers, 'library', args)).not.toThrow();
    for (const args of [
      ['', { desk: 2 }],
      ['', { desk: 'x'.repeat(61) }],
      ['', { desk: 'a', path: '/etc' }],
      ['', null],
      ['', 'desk'],
      ['', {}, {}],
    ])
      expect(() => invokeChecked(handlers, 'library', args), JSON.stringify(args)).toThrow(InvalidArguments);
  });

  it('refuses retention arguments the window may not send', () => {
    const handlers = {} as RecorderHandlers; // never reached: the check comes first
    for (const [method, args] of [
      ['retentionPreview', [-1]],
      ['retentionPreview', ['30']],
      ['retentionPreview', [1.5]],
      ['eraseNumber', [1001]],
      ['eraseNumber', ['1'.repeat(101)]],
      ['recordingsOfNumber', []],
      ['confirmRetention', [true]],
    ] as const)
      expect(() => invokeChecked(handlers, method, args), `${method}(${JSON.stringify(args)})`).toThrow(InvalidArguments);
  });
});

describe('export from the window', () => {
  const day = (d: number, hour: number) => new Date(2026, 10, d, hour).toISOString();

  it('says what a selection holds, asks main where to save, writes the ZIP with progress, and says where it went', async () => {
    const pbx = await startDemoPbx();
    const { store, handlers, chooseExportFile, exportProgress } = await setup(pbx.url);
    const folder = store.get().folder;
    const first = await saveRecording(folder, 'a.wav', { startTime: day(20, 9), from: '+36 1 234 5678' });
    await saveRecording(folder, 'b.wav', { startTime: day(21, 9) });
    await saveRecording(folder, 'c.wav', { startTime: day(25, 9) });

    const range = { kind: 'filter' as const, from: '2026-11-20', to: '2026-11-21' };
    expect(await handlers.exportSummary(range)).toEqual({
      ok: true,
      count: 2,
      bytes: expect.any(Number) as unknown,
      message: expect.stringMatching(/^2 recordings, \d+ KB$/) as unknown,
    });
    expect(await handlers.exportSummary({ kind: 'filter', number: '+3612345678' })).toMatchObject({
      ok: true,
      count: 1,
      message: expect.stringMatching(/^1 recording, /) as unknown,
    });

    const target = join(await tempDir('export-'), 'chosen.zip');
    chooseExportFile.mockResolvedValueOnce({ path: target, overwrite: true });
    const result = await handlers.exportRecordings(range);
    expect(chooseExportFile).toHaveBeenCalledWith('calls-2026-11-20-to-2026-11-21.zip');
    expect(result).toEqual({
      ok: true,
      count: 2,
      bytes: (await stat(target)).size,
      message: expect.stringMatching(new RegExp(`^Exported 2 recordings \\(\\d+ KB\\) to ${target}$`)) as unknown,
    });
    expect((await zipEntries(target)).map((e) => e.name)).toEqual([
      'index.html',
      'index.csv',
      'recordings/a.wav',
      'recordings/a.json',
      'recordings/b.wav',
      'recordings/b.json',
    ]);
    expect((await unzippedHashes(target)).get('recordings/a.wav')).toBe(await fileSha256(first));
    expect(exportProgress).toHaveBeenLastCalledWith({ doneBytes: result.ok ? result.bytes : -1, totalBytes: result.ok ? result.bytes : -1 });
  });

  it('writes nothing when the dialog is cancelled, and opens none when nothing would be exported', async () => {
    const pbx = await startDemoPbx();
    const { store, handlers, chooseExportFile } = await setup(pbx.url);
    await saveRecording(store.get().folder, 'a.wav', { startTime: day(20, 9) });
    expect(await handlers.exportRecordings({ kind: 'recordings', relativePaths: ['a.wav'] })).toEqual({
      ok: false,
      cancelled: true,
      message: 'The export was cancelled.',
    });
    expect(chooseExportFile).toHaveBeenCalledTimes(1);
    expect(await handlers.exportRecordings({ kind: 'filter', from: '2027-01-01' })).toEqual({
      ok: false,
      cancelled: false,
      message: 'No recording matches: there is nothing to export.',
    });
    expect(await handlers.exportSummary({ kind: 'filter', from: '1.1.2027' })).toEqual({
      ok: false,
      message: '"1.1.2027" is not a date; write it as YYYY-MM-DD, for example 2026-11-20.',
    });
    expect(chooseExportFile).toHaveBeenCalledTimes(1);
  });

  it('writes one export at a time', async () => {
    const pbx = await startDemoPbx();
    const { store, handlers, chooseExportFile } = await setup(pbx.url);
    await saveRecording(store.get().folder, 'a.wav', { startTime: day(20, 9) });
    const target = join(await tempDir('export-'), 'calls.zip');
    let choose = (_target: ExportTarget): void => undefined;
    const asked = new Promise<void>((resolveAsked) =>
      chooseExportFile.mockImplementationOnce(() => {
        resolveAsked();
        return new Promise((resolve) => (choose = resolve));
      }),
    );
    const first = handlers.exportRecordings({ kind: 'recordings', relativePaths: ['a.wav'] });
    await asked; // the first export waits in its save dialog
    expect(await handlers.exportRecordings({ kind: 'recordings', relativePaths: ['a.wav'] })).toEqual({
      ok: false,
      cancelled: false,
      message: 'An export is already being written. Wait until it is done.',
    });
    choose({ path: target, overwrite: false });
    expect(await first).toMatchObject({ ok: true, count: 1 });
    expect((await handlers.exportRecordings({ kind: 'recordings', relativePaths: ['a.wav'] })).ok).toBe(false); // cancelled: the mock's default
  });
});
