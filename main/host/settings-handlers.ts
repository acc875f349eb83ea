import { mkdir } from 'node:fs/promises';
import type { CheckResult, SettingsChange, SettingsView } from '../../preload/contract.ts';
import type { FormKey } from '../../preload/settings-schema.ts';
import { OzekiClient } from '../ozeki/client.ts';
import { announcementFileProblem } from '../recorder/announcement.ts';
import { LISTENER_KEYS } from '../recorder/callback-server.ts';
import type { RecorderHandlers } from './invoke.ts';
import { passwordOwnerChanged, problemOf, settingExplanation, settingsProblems, settingsView, type AppSettings } from './settings.ts';
import type { PasswordVault } from './password-vault.ts';
import type { RecorderHost } from './recorder-host.ts';
import type { SettingsStore } from './settings-store.ts';

/** What the settings' methods need of the app (main/app) or the preview. */
export interface SettingsDeps {
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
  /** Applied after settings are saved (start at login, shortcut). */
  onSettingsSaved(): void;
  /** Why the global shortcut for "Record my call" does not work, when it does not (none in the preview). */
  shortcutProblem?(): string | undefined;
}

type SettingsHandlers = Pick<
  RecorderHandlers,
  'getSettings' | 'saveSettings' | 'chooseFolder' | 'chooseAnnounceFile' | 'testConnection' | 'testListener' | 'checkSetting'
>;

/** The first problem of the values typed for `keys`, in the words saveSettings would use. */
function firstProblem(typed: SettingsChange, keys: readonly FormKey[]): string | undefined {
  for (const key of keys) {
    const problem = typed[key] === undefined ? undefined : problemOf(key, typed[key]);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** Connects to the PBX at `pbxUrl` once and lists its calls: Test connection's answer, with the PBX's code when it refuses. */
async function connectOnce(login: { pbxUrl: string; username: string; password: string }): Promise<CheckResult> {
  try {
    const { pbxUrl, username, password } = login;
    const client = new OzekiClient({ baseUrl: pbxUrl, username, ...(password ? { password } : {}), timeoutMs: 5000 });
    try {
      const calls = await client.listActiveCalls();
      return { ok: true, message: `Connected: the PBX answered (${calls.length} active calls).` };
    } finally {
      await client.close();
    }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The Settings view's methods: the settings without the password, saving them (the password with them, or not at
 * all), the folder chosen in main, the tests of the values typed, and one value's check as it is typed.
 */
export function settingsHandlers(deps: SettingsDeps): SettingsHandlers {
  const { host, store, vault } = deps;
  const view = async (): Promise<SettingsView> => {
    const settings = store.get();
    const shortcutProblem = deps.shortcutProblem?.();
    return {
      ...settingsView(settings, { set: vault.isSet(settings.passwordCipher), inMemoryOnly: await vault.inMemoryOnly() }),
      ...(shortcutProblem ? { shortcutProblem } : {}),
    };
  };

  /**
   * Saves a checked change and hands it to the running recorder; returns what the window says when a restart waits.
   * A new password is a new login even where the keyring keeps nothing (its cipher stays ''): the recorder restarts
   * with it. An old password never follows the app to another PBX or username.
   */
  const apply = async (change: Partial<AppSettings>, password = '') => {
    const before = store.get();
    const forgetPassword = passwordOwnerChanged(before, { ...before, ...change });
    if (forgetPassword) vault.forget(); // before the restart, which would otherwise log in to the new PBX with it
    const cipher = password ? await vault.seal(password) : forgetPassword ? '' : undefined;
    const after = store.set(cipher === undefined ? change : { ...change, passwordCipher: cipher });
    const note = await host.applySettings(before, after, { loginChanged: password !== '' });
    deps.onSettingsSaved();
    return note;
  };

  return {
    getSettings: view,
    saveSettings: async ({ password, ...change }) => {
      const errors = settingsProblems({ ...change, ...(password === undefined ? {} : { password }) });
      if (Object.keys(errors).length > 0) return { ok: false, errors }; // nothing is saved, the password neither
      const note = await apply(change, password);
      return { ok: true, settings: await view(), ...(note ? { note } : {}) };
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
    testConnection: async (typed) => {
      const problem = firstProblem(typed, ['pbxUrl', 'username', 'password']);
      if (problem) return { ok: false, message: problem };
      const saved = store.get();
      const target = { pbxUrl: typed.pbxUrl ?? saved.pbxUrl, username: typed.username ?? saved.username };
      if (!target.pbxUrl) return { ok: true, message: 'No PBX is set: the demo PBX is in use.' };
      // The saved password belongs to the saved PBX and user: it is never sent to an address or username typed instead.
      const password = typed.password || (passwordOwnerChanged(saved, target) ? '' : await vault.open(saved.passwordCipher));
      return connectOnce({ ...target, password });
    },
    testListener: async (typed) => {
      const problem = firstProblem(typed, LISTENER_KEYS);
      if (problem) return { ok: false, message: problem };
      const saved = store.get();
      const listener = Object.fromEntries(LISTENER_KEYS.map((key) => [key, typed[key] ?? saved[key]]));
      return host.service.testListener(listener as Pick<AppSettings, (typeof LISTENER_KEYS)[number]>);
    },
    checkSetting: (key, value) => {
      const problem = problemOf(key, value);
      return Promise.resolve(problem === undefined ? { ok: true, message: settingExplanation(key, value, store.get()) } : { ok: false, message: problem });
    },
  };
}
