import { isIP } from 'node:net';
import type { Schema } from 'electron-store';
import type { SettingsChange, SettingsView } from '../../preload/contract.ts';
import { parsePbxUrl } from '../ozeki/client.ts';
import { parseAutoRecord } from '../recorder/auto-record.ts';
import { templateProblem } from '../recorder/naming.ts';
import { pbxRecordingsDirProblem, recordingsOriginProblem } from '../recorder/record-source.ts';
import { DEFAULT_SETTINGS, type RecorderSettings } from '../recorder/settings.ts';

/** Everything the desktop app keeps between runs. */
export interface AppSettings extends Omit<RecorderSettings, 'pbxUrl'> {
  schemaVersion: number;
  /** Empty: the demo PBX. */
  pbxUrl: string;
  /** The PBX password encrypted by the OS keyring (safeStorage), base64; never the password itself. */
  passwordCipher: string;
  /** Global shortcut for "Record my call", in Electron accelerator form; empty for none. */
  shortcut: string;
  startAtLogin: boolean;
  windowBounds: { x: number; y: number; width: number; height: number } | null;
}

export const SCHEMA_VERSION = 2;

export const SETTINGS_DEFAULTS: AppSettings = {
  ...DEFAULT_SETTINGS,
  // A file without a version is from version 1: the defaults say so, and migrateSettings brings it up to date.
  schemaVersion: 1,
  passwordCipher: '',
  shortcut: 'CommandOrControl+Alt+R',
  startAtLogin: false,
  windowBounds: null,
};

const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;

/** The JSON schema of the store, key for key with AppSettings: a key added to one and not the other fails to compile. */
export const SETTINGS_SCHEMA: Schema<AppSettings> = {
  schemaVersion: { type: 'integer', minimum: 1 },
  pbxUrl: text(500),
  username: text(200),
  passwordCipher: text(10_000),
  format: { enum: ['mp3', 'wav'] },
  folder: text(4096),
  fileNameTemplate: { type: 'string', minLength: 1, maxLength: 300 },
  pausedParts: { enum: ['remove', 'silence'] },
  autoRecord: text(1000),
  myExtension: text(50),
  listenHost: text(100),
  listenPort: { type: 'integer', minimum: 0, maximum: 65535 },
  callbackUrl: text(500),
  allowedCallers: { type: 'array', items: text(100), maxItems: 50 },
  pollIntervalMs: { type: 'integer', minimum: 250, maximum: 60_000 },
  missedAfterMs: { type: 'integer', minimum: 10_000 },
  pbxRecordingsDir: text(4096),
  recordingsOrigin: text(500),
  shortcut: text(100),
  startAtLogin: { type: 'boolean' },
  windowBounds: {
    type: ['object', 'null'],
    properties: { x: { type: 'integer' }, y: { type: 'integer' }, width: { type: 'integer', minimum: 200 }, height: { type: 'integer', minimum: 200 } },
  },
};

/**
 * Brings settings written by an older version up to date. Version 1 (before the schema version was stored) kept
 * the auto-record rule as a boolean `autoRecordAll` and the listener as one "host:port" string.
 */
export function migrateSettings(stored: Record<string, unknown>): Partial<AppSettings> {
  const version = typeof stored['schemaVersion'] === 'number' ? stored['schemaVersion'] : 1;
  const changes: Record<string, unknown> = {};
  if (version < 2) {
    if (typeof stored['autoRecordAll'] === 'boolean') changes['autoRecord'] = stored['autoRecordAll'] ? 'all' : 'none';
    const listen = stored['listen'];
    if (typeof listen === 'string') {
      const [host = '', port] = listen.split(':');
      changes['listenHost'] = host;
      if (port && Number.isInteger(Number(port))) changes['listenPort'] = Number(port);
    }
  }
  changes['schemaVersion'] = SCHEMA_VERSION;
  return changes as Partial<AppSettings>;
}

const ACCELERATOR = /^((CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Shift|Super|Meta)\+)+([A-Z0-9]|F\d{1,2}|Space|Tab|Insert|Delete|Home|End|PageUp|PageDown|Up|Down|Left|Right)$/i;

/** Checks what the window wants to change; every problem is a sentence next to its field. */
export function settingsProblems(change: SettingsChange): Partial<Record<keyof SettingsChange, string>> {
  const problems: Partial<Record<keyof SettingsChange, string>> = {};
  const check = (key: keyof SettingsChange, problem: () => string | undefined) => {
    if (change[key] === undefined) return;
    const found = problem();
    if (found) problems[key] = found;
  };
  check('pbxUrl', () => {
    if (!change.pbxUrl) return undefined;
    try {
      parsePbxUrl(change.pbxUrl);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  });
  check('username', () => ((change.username ?? '').length > 200 ? 'The username is too long.' : undefined));
  check('myExtension', () => (/^[\d+*#]{0,20}$/.test(change.myExtension ?? '') ? undefined : 'An extension is a number, like 1001.'));
  check('format', () => (change.format === 'mp3' || change.format === 'wav' ? undefined : 'Choose MP3 or WAV.'));
  check('fileNameTemplate', () => templateProblem(change.fileNameTemplate ?? ''));
  check('pausedParts', () => (change.pausedParts === 'remove' || change.pausedParts === 'silence' ? undefined : 'Choose remove or silence.'));
  check('autoRecord', () => {
    const rule = parseAutoRecord(change.autoRecord ?? '');
    return 'error' in rule ? rule.error : undefined;
  });
  check('listenHost', () => (!change.listenHost || isIP(change.listenHost) ? undefined : 'Write an IP address of this computer, like 192.168.0.20, or leave it empty.'));
  check('listenPort', () => (Number.isInteger(change.listenPort) && (change.listenPort ?? 0) >= 1024 && (change.listenPort ?? 0) <= 65535 ? undefined : 'The port is a number from 1024 to 65535.'));
  check('callbackUrl', () => (!change.callbackUrl || /^https?:\/\/[^/\s]+\/?$/.test(change.callbackUrl) ? undefined : 'Write the address the PBX should call, like http://203.0.113.5:7781, or leave it empty.'));
  check('pbxRecordingsDir', () => pbxRecordingsDirProblem(change.pbxRecordingsDir ?? ''));
  check('recordingsOrigin', () => recordingsOriginProblem(change.recordingsOrigin ?? ''));
  check('shortcut', () => (!change.shortcut || ACCELERATOR.test(change.shortcut) ? undefined : 'Write a shortcut like CommandOrControl+Alt+R, or leave it empty.'));
  check('startAtLogin', () => (typeof change.startAtLogin === 'boolean' ? undefined : 'Start at login is on or off.'));
  check('pollIntervalMs', () => (Number.isInteger(change.pollIntervalMs) && (change.pollIntervalMs ?? 0) >= 250 && (change.pollIntervalMs ?? 0) <= 60_000 ? undefined : 'Poll every 250 to 60000 milliseconds.'));
  return problems;
}

/** The pipeline's settings; an empty PBX address means the demo PBX, whose URL the caller passes. */
export function recorderSettingsFrom(settings: AppSettings, pbxUrl: string): RecorderSettings {
  return {
    pbxUrl,
    username: settings.username,
    format: settings.format,
    folder: settings.folder,
    fileNameTemplate: settings.fileNameTemplate,
    pausedParts: settings.pausedParts,
    autoRecord: settings.autoRecord,
    myExtension: settings.myExtension,
    listenHost: settings.listenHost,
    listenPort: settings.listenPort,
    callbackUrl: settings.callbackUrl,
    allowedCallers: settings.allowedCallers,
    pollIntervalMs: settings.pollIntervalMs,
    missedAfterMs: settings.missedAfterMs,
    pbxRecordingsDir: settings.pbxRecordingsDir,
    recordingsOrigin: settings.recordingsOrigin,
  };
}

/** Scheme, host and port of a PBX address; '' for the demo PBX, the text itself where it is no URL. */
function pbxOrigin(pbxUrl: string): string {
  if (!pbxUrl) return '';
  try {
    return new URL(pbxUrl).origin;
  } catch {
    return pbxUrl;
  }
}

/**
 * The stored password belongs to one PBX and one user. When a change points the app at another origin (scheme,
 * host or port; a path or a trailing slash does not count) or another username, the password must not follow
 * it there: the caller forgets it and the window asks for it again.
 */
export function passwordOwnerChanged(before: Pick<AppSettings, 'pbxUrl' | 'username'>, after: Pick<AppSettings, 'pbxUrl' | 'username'>): boolean {
  return pbxOrigin(before.pbxUrl) !== pbxOrigin(after.pbxUrl) || before.username !== after.username;
}

/** What the window may see: no password, only whether one is set. */
export function settingsView(settings: AppSettings, password: { set: boolean; inMemoryOnly: boolean }): SettingsView {
  return {
    pbxUrl: settings.pbxUrl,
    username: settings.username,
    passwordSet: password.set,
    passwordInMemoryOnly: password.inMemoryOnly,
    myExtension: settings.myExtension,
    folder: settings.folder,
    format: settings.format,
    fileNameTemplate: settings.fileNameTemplate,
    pausedParts: settings.pausedParts,
    autoRecord: settings.autoRecord,
    listenHost: settings.listenHost,
    listenPort: settings.listenPort,
    callbackUrl: settings.callbackUrl,
    shortcut: settings.shortcut,
    startAtLogin: settings.startAtLogin,
    pollIntervalMs: settings.pollIntervalMs,
    pbxRecordingsDir: settings.pbxRecordingsDir,
    recordingsOrigin: settings.recordingsOrigin,
  };
}
