/**
 * The one IPC contract between main and the window: what `window.recorder` offers.
 * Main and the preload import it; the renderer imports its types only. The renderer never hands main a path
 * or a URL: recordings are named by their path relative to the recordings folder, which main resolves.
 */
import type { RecorderState, ToggleResult } from '../main/recorder/state.ts';
import type { Sidecar } from '../main/recorder/sidecar.ts';

/** Settings as the window sees them: everything but the password, which is write-only. */
export interface SettingsView {
  pbxUrl: string;
  username: string;
  passwordSet: boolean;
  /** True where the OS offers no keyring: the password is then kept for this session only. */
  passwordInMemoryOnly: boolean;
  myExtension: string;
  folder: string;
  format: 'mp3' | 'wav';
  fileNameTemplate: string;
  pausedParts: 'remove' | 'silence';
  autoRecord: string;
  listenHost: string;
  listenPort: number;
  callbackUrl: string;
  shortcut: string;
  startAtLogin: boolean;
  pollIntervalMs: number;
  /** Where the PBX saves recordings on this computer: the only folder a RecordURL file path may be read from. */
  pbxRecordingsDir: string;
  /** Where the PBX serves recordings when not from its own address; empty: the PBX's. */
  recordingsOrigin: string;
}

/** The settings the window may change (the folder only through chooseFolder). */
export type SettingsChange = Partial<Omit<SettingsView, 'passwordSet' | 'passwordInMemoryOnly' | 'folder'>>;

export type SaveSettingsResult = { ok: true; settings: SettingsView } | { ok: false; errors: Partial<Record<keyof SettingsChange, string>> };

export interface SavedRecording {
  relativePath: string;
  sidecar: Sidecar;
}

export interface CheckResult {
  ok: boolean;
  message: string;
}

export interface RecorderApi {
  getState(): Promise<RecorderState>;
  toggle(callId: string): Promise<ToggleResult>;
  toggleMine(): Promise<ToggleResult>;
  retry(recordingId: string): Promise<CheckResult>;
  /** Clears a failed or missed recording from the list. */
  dismiss(recordingId: string): Promise<CheckResult>;
  library(query: string): Promise<SavedRecording[]>;
  setNote(relativePath: string, note: string): Promise<void>;
  setPinned(relativePath: string, pinned: boolean): Promise<void>;
  deleteRecording(relativePath: string): Promise<void>;
  showInFolder(relativePath: string): Promise<void>;
  copyPath(relativePath: string): Promise<void>;
  getSettings(): Promise<SettingsView>;
  saveSettings(change: SettingsChange): Promise<SaveSettingsResult>;
  setPassword(password: string): Promise<void>;
  chooseFolder(): Promise<SettingsView>;
  testConnection(): Promise<CheckResult>;
  testListener(): Promise<CheckResult>;
  previewFileName(template: string): Promise<CheckResult>;
  /** The URL the window's audio player loads a saved recording from. */
  playbackUrl(relativePath: string): Promise<string>;
}

export type RecorderMethod = keyof RecorderApi;

/** Every method of the contract; the preload exposes exactly these and main handles exactly these. */
export const RECORDER_METHODS = [
  'getState',
  'toggle',
  'toggleMine',
  'retry',
  'dismiss',
  'library',
  'setNote',
  'setPinned',
  'deleteRecording',
  'showInFolder',
  'copyPath',
  'getSettings',
  'saveSettings',
  'setPassword',
  'chooseFolder',
  'testConnection',
  'testListener',
  'previewFileName',
  'playbackUrl',
] as const satisfies readonly RecorderMethod[];

// A method added to RecorderApi but not to the list (or the other way) fails to compile here.
type Missing = Exclude<RecorderMethod, (typeof RECORDER_METHODS)[number]>;
export const CONTRACT_COMPLETE: Missing extends never ? true : never = true;

/** Pushed from main to the window. */
export interface RecorderEvents {
  state: RecorderState;
  libraryChanged: null;
  /** The tray asks the window to show one of its views. */
  navigate: 'calls' | 'recordings' | 'settings';
}

export const RECORDER_EVENTS = ['state', 'libraryChanged', 'navigate'] as const satisfies readonly (keyof RecorderEvents)[];

export const channelOf = (method: RecorderMethod): string => `recorder:${method}`;
export const eventChannelOf = (event: keyof RecorderEvents): string => `recorder-event:${event}`;

/** What the preload exposes as `window.recorder`: the methods plus event subscriptions that return an unsubscribe. */
export interface WindowRecorder extends RecorderApi {
  on<E extends keyof RecorderEvents>(event: E, listener: (payload: RecorderEvents[E]) => void): () => void;
}
