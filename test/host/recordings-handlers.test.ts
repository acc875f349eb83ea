import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createHandlers, type HandlerDeps } from '../../main/host/handlers.ts';
import { HOLD_MS } from '../../main/host/held-deletes.ts';
import { invokeChecked, InvalidArguments } from '../../main/host/invoke.ts';
import { PasswordVault } from '../../main/host/password-vault.ts';
import { RecorderHost } from '../../main/host/recorder-host.ts';
import { playbackUrlOf } from '../../main/app/playback.ts';
import { openSettingsStore } from '../../main/app/settings-store.ts';
import { systemTrashBin } from '../../main/app/system-trash.ts';
import type { RecorderEvent } from '../../main/recorder/state.ts';
import { TRASH_DIR, type TrashBin } from '../../main/recorder/trash.ts';
import { safeStorage, shell } from '../mocks/electron.ts';
import { onCleanup, startDemoPbx } from '../helpers/demo.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { saveRecording, trashedFiles } from '../helpers/library.ts';
import { fileSha256, tempDir } from '../helpers/recorder.ts';

/** A running host on the demo PBX whose held deletes run on a fake clock, and the window's handlers on it. */
async function setup(
  options: { trash?: TrashBin; desktop?: Pick<HandlerDeps, 'chooseSavePath' | 'startDrag'>; chooseDirectory?: HandlerDeps['chooseDirectory'] } = {},
) {
  const pbx = await startDemoPbx();
  const store = openSettingsStore({ cwd: await tempDir('app-settings-') });
  const folder = await tempDir('app-folder-');
  store.set({ pbxUrl: pbx.url, listenHost: '127.0.0.1', listenPort: 0, folder });
  const clock = new FakeClock();
  const host = new RecorderHost({
    dataDir: await tempDir('app-data-'),
    defaultFolder: '',
    store,
    vault: new PasswordVault(safeStorage, 'linux'),
    clock,
    ...(options.trash ? { trash: options.trash } : {}),
  });
  const handlers = createHandlers({
    host,
    store,
    vault: new PasswordVault(safeStorage, 'linux'),
    chooseDirectory: options.chooseDirectory ?? (() => Promise.resolve(undefined)),
    shell: { showItemInFolder: vi.fn() },
    clipboard: { writeText: vi.fn() },
    onSettingsSaved: vi.fn(),
    playbackUrl: playbackUrlOf,
    chooseExportFile: () => Promise.resolve(undefined),
    exportProgress: () => undefined,
    ...options.desktop,
  });
  await host.start();
  let stopped = false;
  onCleanup(() => (stopped ? undefined : host.stop()));
  const stop = async () => {
    stopped = true;
    await host.stop();
  };
  return { host, handlers, folder, clock, stop };
}

/** Resolves at the host's next library-changed event (what the window refreshes its list on). */
async function libraryChanged(host: RecorderHost): Promise<void> {
  for (;;) {
    const [event] = (await once(host, 'event')) as [RecorderEvent];
    if (event.type === 'library-changed') return;
  }
}

const listed = async (handlers: ReturnType<typeof createHandlers>) => (await handlers.library('')).map((r) => r.relativePath);

describe('deleting recordings with Undo', () => {
  it('holds a delete for the undo time: unlisted at once, in the trash folder only when the time is up, whole', async () => {
    const { host, handlers, folder, clock } = await setup();
    const audio = await saveRecording(folder, 'desk/call.wav', { note: 'call back on Monday' });
    await saveRecording(folder, 'other.wav', { startTime: '2026-11-19T09:00:00.000Z' });
    const before = await fileSha256(audio);

    const changed = libraryChanged(host);
    const result = await handlers.deleteRecordings(['desk/call.wav']);
    expect(result).toMatchObject({ ok: true, count: 1 });
    await changed;
    expect(await listed(handlers)).toEqual(['other.wav']);
    expect(await readdir(join(folder, 'desk'))).toEqual(['call.json', 'call.wav']); // still there, only hidden

    const moved = libraryChanged(host);
    clock.advance(HOLD_MS);
    await moved;
    const trash = join(folder, TRASH_DIR);
    expect(await fileSha256(join(trash, 'call.wav'))).toBe(before);
    expect(JSON.parse(await readFile(join(trash, 'call.json'), 'utf8'))).toMatchObject({ file: 'call.wav', note: 'call back on Monday' });
    expect(await readdir(join(folder, 'desk'))).toEqual([]);
    expect(await listed(handlers)).toEqual(['other.wav']);
    if (!result.ok) throw new Error('unreachable');
    await expect(handlers.undoDelete(result.undoId)).resolves.toEqual({
      ok: false,
      message: 'Too late to undo: the recording is already in the trash, where it can still be restored.',
    });
  });

  it('Undo within the time lists the recordings again and moves nothing, even after the time has passed', async () => {
    const { handlers, folder, clock } = await setup();
    await saveRecording(folder, 'a.wav');
    await saveRecording(folder, 'b.wav', { startTime: '2026-11-19T09:00:00.000Z' });
    const result = await handlers.deleteRecordings(['a.wav', 'b.wav']);
    if (!result.ok) throw new Error(result.message);
    expect(result.count).toBe(2);
    expect(await listed(handlers)).toEqual([]);
    clock.advance(HOLD_MS - 1);
    await expect(handlers.undoDelete(result.undoId)).resolves.toEqual({ ok: true, message: 'Brought back.' });
    expect(await listed(handlers)).toEqual(['a.wav', 'b.wav']);
    clock.advance(HOLD_MS * 2);
    expect(clock.pending).toBe(0);
    expect((await readdir(folder)).sort()).toEqual(['a.json', 'a.wav', 'b.json', 'b.wav']);
  });

  it('quitting moves what is held to the trash at once: a window closed before the time is up does not undo the delete', async () => {
    const { handlers, folder, stop } = await setup();
    await saveRecording(folder, 'call.wav');
    expect((await handlers.deleteRecordings(['call.wav'])).ok).toBe(true);
    await stop();
    expect(await trashedFiles(folder)).toEqual(['call.json', 'call.wav']);
    expect((await readdir(folder)).filter((name) => name.startsWith('call'))).toEqual([]);
  });

  it("a folder changed within the hold: the recording deleted goes to its own folder's trash, the new folder's of the same name stays", async () => {
    const newFolder = await tempDir('app-new-folder-');
    const { host, handlers, folder, clock } = await setup({ chooseDirectory: () => Promise.resolve(newFolder) });
    await saveRecording(folder, 'call.wav', { note: 'the one deleted' });
    const kept = await saveRecording(newFolder, 'call.wav', { note: 'the one kept' });
    const before = await fileSha256(kept);
    expect((await handlers.deleteRecordings(['call.wav'])).ok).toBe(true);
    await handlers.chooseFolder();
    expect(await listed(handlers)).toEqual(['call.wav']); // the new folder's recording is not the one held

    const moved = libraryChanged(host);
    clock.advance(HOLD_MS);
    await moved;
    expect(await trashedFiles(folder)).toEqual(['call.json', 'call.wav']);
    expect((await readdir(folder)).filter((name) => name.startsWith('call'))).toEqual([]);
    expect((await readdir(newFolder)).sort()).toEqual(['call.json', 'call.wav']);
    expect(await fileSha256(kept)).toBe(before);
    expect((await handlers.library('')).map((r) => r.sidecar.note)).toEqual(['the one kept']);
  });

  it("goes through Electron's trashItem in the app, the recording and its sidecar each", async () => {
    shell.trashItem.mockClear();
    const { host, handlers, folder, clock } = await setup({ trash: systemTrashBin(shell) });
    const audio = await saveRecording(folder, 'call.wav');
    await handlers.deleteRecordings(['call.wav']);
    const moved = libraryChanged(host);
    clock.advance(HOLD_MS);
    await moved;
    expect(shell.trashItem.mock.calls).toEqual([[audio], [audio.replace(/\.wav$/, '.json')]]);
  });

  it('refuses recordings that are not in the library, or already held, and holds none of the others', async () => {
    const { handlers, folder } = await setup();
    await saveRecording(folder, 'call.wav');
    await expect(handlers.deleteRecordings(['call.wav', 'gone.wav'])).resolves.toEqual({ ok: false, message: 'That recording is no longer in the folder.' });
    expect(await listed(handlers)).toEqual(['call.wav']);
    expect((await handlers.deleteRecordings(['call.wav'])).ok).toBe(true);
    await expect(handlers.deleteRecordings(['call.wav'])).resolves.toEqual({ ok: false, message: 'That recording is no longer in the folder.' });
  });

  it('checks the paths main is handed: never empty, never absolute, never leaving the folder', async () => {
    const { handlers } = await setup();
    for (const args of [[[]], [['../outside.wav']], [['/etc/passwd']], [['C:\\x.wav']], ['call.wav'], [['a.wav', 7]]])
      expect(() => invokeChecked(handlers, 'deleteRecordings', args)).toThrow(InvalidArguments);
    expect(() => invokeChecked(handlers, 'undoDelete', ['not-an-id'])).toThrow(InvalidArguments);
    expect(() => invokeChecked(handlers, 'saveCopy', ['../x.wav'])).toThrow(InvalidArguments);
    expect(() => invokeChecked(handlers, 'startDrag', ['/tmp/x.wav'])).toThrow(InvalidArguments);
  });
});

describe('Save a copy as… and dragging out', () => {
  it('copies the recording where the save dialog in main says, byte for byte; a cancelled dialog copies nothing', async () => {
    const target = join(await tempDir('copy-target-'), 'for-the-manager.wav');
    const chooseSavePath = vi.fn((_name: string) => Promise.resolve<string | undefined>(target));
    const { handlers, folder } = await setup({ desktop: { chooseSavePath } });
    const audio = await saveRecording(folder, 'desk/call.wav');
    await expect(handlers.saveCopy('desk/call.wav')).resolves.toEqual({ outcome: 'saved', message: `Saved a copy as ${target}.` });
    expect(chooseSavePath).toHaveBeenCalledWith('call.wav');
    expect(await fileSha256(target)).toBe(await fileSha256(audio));

    chooseSavePath.mockResolvedValueOnce(undefined);
    await expect(handlers.saveCopy('desk/call.wav')).resolves.toEqual({ outcome: 'cancelled' });
  });

  it('says in words why a copy could not be saved, and keeps the recording', async () => {
    const nowhere = join(await tempDir('copy-target-'), 'no-such-folder', 'x.wav');
    const { handlers, folder } = await setup({ desktop: { chooseSavePath: () => Promise.resolve(nowhere) } });
    await saveRecording(folder, 'call.wav');
    await expect(handlers.saveCopy('call.wav')).resolves.toEqual({
      outcome: 'failed',
      message: `Could not save the copy as ${nowhere}: that folder does not exist (any more).`,
    });
    expect(await listed(handlers)).toEqual(['call.wav']);
  });

  it('without a save dialog (the preview) answers with the download the window starts from the player address', async () => {
    const { handlers, folder } = await setup();
    await saveRecording(folder, 'desk/call.wav');
    await expect(handlers.saveCopy('desk/call.wav')).resolves.toEqual({ outcome: 'download', url: playbackUrlOf('desk/call.wav'), fileName: 'call.wav' });
  });

  it('starts the drag in main with the absolute path it resolved itself; the preview says it cannot', async () => {
    const startDrag = vi.fn();
    const { handlers, folder } = await setup({ desktop: { startDrag } });
    const audio = await saveRecording(folder, 'desk/call.wav');
    await expect(handlers.startDrag('desk/call.wav')).resolves.toEqual({ ok: true, message: '' });
    expect(startDrag).toHaveBeenCalledWith(audio);
    await expect(handlers.startDrag('desk/missing.wav')).rejects.toThrow('That recording is no longer in the folder.');
    expect(startDrag).toHaveBeenCalledTimes(1);

    const preview = await setup();
    await saveRecording(preview.folder, 'call.wav');
    await expect(preview.handlers.startDrag('call.wav')).resolves.toEqual({
      ok: false,
      message: 'Dragging a recording out of the window works in the app. Here, use Save a copy as….',
    });
  });
});
