import { mkdir } from 'node:fs/promises';
import type { CheckResult, SettingsChange, TrashPreview, UpdateView } from '../../preload/contract.ts';
import type { LibraryItem } from '../recorder/library.ts';
import { wouldMove } from '../recorder/retention.ts';
import { OzekiClient } from '../ozeki/client.ts';
import { renderTemplate, templateProblem } from '../recorder/naming.ts';
import type { RecorderHandlers } from './invoke.ts';
import type { PasswordVault } from './password-vault.ts';
import type { RecorderHost } from './recorder-host.ts';
import { passwordOwnerChanged, problemOf, settingsProblems, settingsView } from './settings.ts';
import { announcementFileProblem } from '../recorder/announcement.ts';
import type { SettingsStore } from './settings-store.ts';
import { savedRecordingView, stateView, toggleView } from './window-view.ts';

/** What the desktop gives the handlers (Electron's shell and clipboard in the app, stand-ins in the preview). */
export interface DesktopShell {
  showItemInFolder(path: string): void;
}
export interface DesktopClipboard {
  writeText(text: string): Promise<void> | void;
}

export interface HandlerDeps {
  host: RecorderHost;
  store: SettingsStore;
  vault: PasswordVault;
  /** The folder picker, run in main: the window never hands over a path. */
  chooseDirectory(current: string): Promise<string | undefined>;
  /**
   * The picker of the announcement's audio file (WAV or MP3), run in main; undefined when cancelled. None in the
   * preview, where the file comes from --announce-file.
   */
  chooseAudioFile?(current: string): Promise<string | undefined>;
  shell: DesktopShell;
  clipboard: DesktopClipboard;
  /** Applied after settings are saved (start at login, shortcut). */
  onSettingsSaved(): void;
  /** Where the window's player fetches a saved recording (a custom protocol in Electron, HTTP in the preview). */
  playbackUrl(relativePath: string): string;
  /**
   * The folder of the app's log files and what opens a folder in the file manager (Electron's shell.openPath:
   * resolves with what went wrong, or ''). None in the preview, whose log is its terminal.
   */
  logs?: { folder: string; open: (folder: string) => Promise<string> };
  /** Why the global shortcut for "Record my call" does not work, when it does not (none in the preview). */
  shortcutProblem?(): string | undefined;
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
  const { host, store, vault } = deps;
  const view = async () => {
    const settings = store.get();
    const shortcutProblem = deps.shortcutProblem?.();
    return {
      ...settingsView(settings, { set: vault.isSet(settings.passwordCipher), inMemoryOnly: await vault.inMemoryOnly() }),
      ...(shortcutProblem ? { shortcutProblem } : {}),
    };
  };
  const savedPath = async (relativePath: string) => (await host.service.library.item(relativePath)).path;
  /** Saves a change and hands it to the running recorder; returns what the window says when a restart waits. */
  const apply = async (change: Parameters<SettingsStore['set']>[0]) => {
    const before = store.get();
    const forgetPassword = passwordOwnerChanged(before, { ...before, ...change });
    const after = store.set(forgetPassword ? { ...change, passwordCipher: '' } : change);
    if (forgetPassword) vault.forget(); // before the restart, which would otherwise log in to the new PBX with it
    const note = await host.applySettings(before, after);
    deps.onSettingsSaved();
    return note;
  };
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
    library: async (query) => (await host.service.library.list(query)).map(savedRecordingView),
    setNote: (relativePath, note) => host.service.library.setNote(relativePath, note),
    setPinned: (relativePath, pinned) => host.service.library.setPinned(relativePath, pinned),
    deleteRecording: (relativePath) => host.service.library.delete(relativePath),
    showInFolder: async (relativePath) => deps.shell.showItemInFolder(await savedPath(relativePath)),
    copyPath: async (relativePath) => deps.clipboard.writeText(await savedPath(relativePath)),
    getSettings: view,
    saveSettings: async (change: SettingsChange) => {
      const errors = settingsProblems(change);
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      const note = await apply(change);
      return { ok: true, settings: await view(), ...(note ? { note } : {}) };
    },
    setPassword: async (password) => {
      // The login changed even where the keyring keeps nothing (the cipher stays ''): the recorder restarts with it.
      store.set({ passwordCipher: await vault.seal(password) });
      await host.restartWhenIdle({ pbxOrLogin: true });
    },
    chooseFolder: async () => {
      const folder = await deps.chooseDirectory(store.get().folder);
      if (folder) {
        await mkdir(folder, { recursive: true });
        await apply({ folder });
      }
      return view();
    },
    chooseAnnounceFile: async () => {
      if (!deps.chooseAudioFile) return { ok: false, message: 'There is no file dialog here: give the announcement file with --announce-file.' };
      const file = await deps.chooseAudioFile(store.get().announceFile);
      if (file) {
        const problem = problemOf('announceFile', file) ?? (await announcementFileProblem(file));
        if (problem) return { ok: false, message: problem };
        await apply({ announceFile: file });
      }
      return { ok: true, settings: await view() };
    },
    testConnection: async () => {
      const settings = store.get();
      if (!settings.pbxUrl) return { ok: true, message: 'No PBX is set: the demo PBX is in use.' };
      const password = await vault.open(settings.passwordCipher);
      try {
        const client = new OzekiClient({ baseUrl: settings.pbxUrl, username: settings.username, ...(password ? { password } : {}), timeoutMs: 5000 });
        try {
          const calls = await client.listActiveCalls();
          return { ok: true, message: `Connected: the PBX answered (${calls.length} active calls).` };
        } finally {
          await client.close();
        }
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
    testListener: () => host.service.selfTest(),
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
    previewFileName: (template) => Promise.resolve(fileNamePreview(template, store.get().format)),
    retentionPreview: async (days) => trashPreview(await host.service.retention.preview(days)),
    confirmRetention: () => host.service.retention.confirm(),
    recordingsOfNumber: async (number) => trashPreview(await host.service.retention.ofNumber(number)),
    eraseNumber: (number) => host.service.retention.erase(number),
  };
}

/** Recordings a rule would move, with the sentence that says how many. */
function trashPreview(items: LibraryItem[]): TrashPreview {
  return { message: wouldMove(items.length), recordings: items.map(savedRecordingView) };
}

/** The name a sample call's recording would get from `template`, or what is wrong with the template. */
function fileNamePreview(template: string, format: string): CheckResult {
  const problem = templateProblem(template);
  if (problem) return { ok: false, message: problem };
  const sample = { start: new Date(), from: '+36 1 234 5678', to: '1001', callerName: 'Kovács Zoltán', callId: 'XzeOK', format };
  return { ok: true, message: `${renderTemplate(template, sample)}.${format}` };
}
