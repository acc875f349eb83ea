import { mkdir } from 'node:fs/promises';
import type { TrashPreview, UpdateView } from '../../preload/contract.ts';
import type { LibraryItem } from '../recorder/library.ts';
import { wouldMove } from '../recorder/retention.ts';
import { systemClock } from '../recorder/clock.ts';
import { exportHandlers, type ExportDeps } from './export-handlers.ts';
import type { RecorderHandlers } from './invoke.ts';
import { recordingHandlers, type RecordingDeps } from './recording-handlers.ts';
import { settingsHandlers, type SettingsDeps } from './settings-handlers.ts';
import { libraryCallView, savedRecordingView, stateView, toggleView } from './window-view.ts';

/** What the desktop gives the handlers (Electron's shell and clipboard in the app, stand-ins in the preview). */
export interface DesktopShell {
  showItemInFolder(path: string): void;
}
export interface DesktopClipboard {
  writeText(text: string): Promise<void> | void;
}

export interface HandlerDeps extends SettingsDeps, RecordingDeps {
  /** Where to save an export: a save dialog in the app, a free name in the preview's exports folder; undefined when cancelled. */
  chooseExportFile: ExportDeps['chooseExportFile'];
  /** Pushes an export's progress to the window. */
  exportProgress: ExportDeps['progress'];
  shell: DesktopShell;
  clipboard: DesktopClipboard;
  /** Where the window's player fetches a saved recording (a custom protocol in Electron, HTTP in the preview). */
  playbackUrl(relativePath: string): string;
  /**
   * The folder of the app's log files and what opens a folder in the file manager (Electron's shell.openPath:
   * resolves with what went wrong, or ''). None in the preview, whose log is its terminal.
   */
  logs?: { folder: string; open: (folder: string) => Promise<string> };
  /** The app's updates (none in the preview): the status, and the restart into a downloaded one. */
  updates?: AppUpdates;
}

/** What the window may know and ask of the app's updates (main/app/updates.ts). */
export interface AppUpdates {
  status(): UpdateView;
  /** Restarts into the downloaded update now or once no recording is in flight; says which. */
  restart(): string;
}

/** The window's "Restart to update": the status, and the restart, which says whether it happens now or waits. */
export function updateHandlers(updates: AppUpdates | undefined): Pick<RecorderHandlers, 'updateStatus' | 'restartToUpdate'> {
  return {
    updateStatus: () => Promise.resolve(updates?.status() ?? { kind: 'none' }),
    restartToUpdate: () => {
      const hasUpdate = updates !== undefined && updates.status().kind !== 'none';
      return Promise.resolve({ ok: hasUpdate, message: updates?.restart() ?? 'There is no update to restart into.' });
    },
  };
}

/** What each IPC method does. Arguments arrive already checked by ipc.ts. */
export function createHandlers(deps: HandlerDeps): RecorderHandlers {
  const { host } = deps;
  const savedPath = async (relativePath: string) => (await host.service.library.item(relativePath)).path;
  return {
    getState: () => Promise.resolve(stateView(host.service.state())),
    toggle: async (callId) => toggleView(await host.service.toggle(callId)),
    toggleMine: async () => toggleView(await host.service.toggleMine()),
    pollNow: async () => {
      await host.service.refreshCalls();
      const { link } = host.service.state();
      return { ok: link.status === 'connected', message: link.message };
    },
    recordWithoutAnnouncement: async (callId) => toggleView(await host.service.recordWithoutAnnouncement(callId)),
    retry: (id) => host.service.retry(id),
    dismiss: (id) => host.service.dismiss(id),
    // Recordings held for deletion are gone as far as the window knows (Undo brings them back).
    library: async (query, filter) =>
      (await host.service.library.calls(query, filter)).filter((call) => !host.deletions.isHeld(call.path)).map(libraryCallView),
    setNote: (relativePath, note) => host.service.library.setNote(relativePath, note),
    setPinned: (relativePath, pinned) => host.service.library.setPinned(relativePath, pinned),
    ...recordingHandlers(deps),
    showInFolder: async (relativePath) => deps.shell.showItemInFolder(await savedPath(relativePath)),
    copyPath: async (relativePath) => deps.clipboard.writeText(await savedPath(relativePath)),
    ...settingsHandlers(deps),
    ...updateHandlers(deps.updates),
    openLogFolder: async () => {
      if (!deps.logs) return { ok: false, message: 'The preview keeps no log files: its log is what the terminal running it prints.' };
      const { folder, open } = deps.logs;
      await mkdir(folder, { recursive: true }); // it may be opened before anything was logged
      const problem = await open(folder);
      return problem
        ? { ok: false, message: `Could not open the log folder ${folder}: ${problem}` }
        : { ok: true, message: `The log folder is open: ${folder}` };
    },
    playbackUrl: async (relativePath) => {
      await savedPath(relativePath); // only recordings that are in the library
      return deps.playbackUrl(relativePath);
    },
    retentionPreview: async (days) => trashPreview(await host.service.retention.preview(days)),
    confirmRetention: () => host.service.retention.confirm(),
    recordingsOfNumber: async (number) => trashPreview(await host.service.retention.ofNumber(number)),
    eraseNumber: (number) => host.service.retention.erase(number),
    ...exportHandlers({ folder: () => deps.store.get().folder, chooseExportFile: deps.chooseExportFile, progress: deps.exportProgress, clock: systemClock }),
  };
}

/** Recordings a rule would move, with the sentence that says how many. */
function trashPreview(items: LibraryItem[]): TrashPreview {
  return { message: wouldMove(items.length), recordings: items.map(savedRecordingView) };
}
