import { isIP } from 'node:net';
import type { Schema } from 'electron-store';
import type { SettingsChange, SettingsView } from '../../preload/contract.ts';
import {
  DEFAULT_SETTINGS,
  RECORDER_KEYS,
  SETTINGS_JSON_SCHEMA,
  SHOWN_KEYS,
  settingProblem,
  type DomainCheckedKey,
  type LiveRecorderSettings,
  type SettingKey,
  type RecorderSettings,
  type Settings,
  type StoredKey,
} from '../../preload/settings-schema.ts';
import { parsePbxUrl } from '../ozeki/client.ts';
import { allowList } from '../recorder/allowed-callers.ts';
import { announceFileProblem } from '../recorder/announcement.ts';
import { describeAutoRecord, parseAutoRecord } from '../recorder/auto-record.ts';
import { renderTemplate, templateProblem } from '../recorder/naming.ts';
import { pbxRecordingsDirProblem, recordingsOriginProblem } from '../recorder/record-source.ts';
import type { LiveRecorderSettings as DomainLiveSettings, RecorderSettings as DomainSettings } from '../recorder/settings.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/**
 * The schema's recorder settings are the domain's, key for key and type for type, and the schema's live ones are
 * those RecorderService.applySettings takes: a setting added to one side only fails to compile here.
 */
export const SCHEMA_MATCHES_DOMAIN: [Same<RecorderSettings, DomainSettings>, Same<LiveRecorderSettings, DomainLiveSettings>] = [true, true];

/** Everything the desktop app keeps between runs: the settings of the schema, and what the app keeps for itself. */
export type AppSettings = Settings & {
  schemaVersion: number;
  /** The PBX password encrypted by the OS keyring (safeStorage), base64; never the password itself. */
  passwordCipher: string;
  windowBounds: { x: number; y: number; width: number; height: number } | null;
};

export const SCHEMA_VERSION = 2;

export const SETTINGS_DEFAULTS: AppSettings = {
  ...DEFAULT_SETTINGS,
  // A file without a version is from version 1: the defaults say so, and migrateSettings brings it up to date.
  schemaVersion: 1,
  passwordCipher: '',
  windowBounds: null,
};

/** The JSON schema of the settings file: the settings schema's, plus what the app keeps for itself. */
export const SETTINGS_SCHEMA: Schema<AppSettings> = {
  ...(SETTINGS_JSON_SCHEMA as Schema<Pick<AppSettings, StoredKey>>),
  schemaVersion: { type: 'integer', minimum: 1 },
  passwordCipher: { type: 'string', maxLength: 10_000 },
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
  return changes;
}

/** The message of what `check` throws, or undefined when it does not throw. */
function thrown(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The checks the schema leaves to the domain (main/ozeki, main/recorder), one per setting it marks `domainCheck`. */
const DOMAIN_CHECKS: { [K in DomainCheckedKey]: (value: Settings[K]) => string | undefined } = {
  pbxUrl: (url) => (url ? thrown(() => parsePbxUrl(url)) : undefined),
  fileNameTemplate: templateProblem,
  autoRecord: (text) => {
    const rule = parseAutoRecord(text);
    return 'error' in rule ? rule.error : undefined;
  },
  listenHost: (host) => (!host || isIP(host) ? undefined : 'Write an IP address of this computer, like 192.168.0.20, or leave it empty.'),
  allowedCallers: (callers) => thrown(() => allowList(callers)),
  pbxRecordingsDir: pbxRecordingsDirProblem,
  recordingsOrigin: recordingsOriginProblem,
  announceFile: announceFileProblem,
};

/** What is wrong with one setting's value, in the same words for the window and the command line. */
export function problemOf(key: SettingKey, value: unknown): string | undefined {
  const problem = settingProblem(key, value);
  if (problem !== undefined || !(key in DOMAIN_CHECKS)) return problem;
  return (DOMAIN_CHECKS[key as DomainCheckedKey] as (value: unknown) => string | undefined)(value);
}

/** A sample call, for the next file name a template makes. */
const SAMPLE_CALL = { from: '+36 1 234 5678', to: '1001', callerName: 'Kovács Zoltán', callId: 'XzeOK' };

/**
 * What a valid value will do, where a setting has something to say about it: the next file name of a template
 * (in the format saved), an auto-record rule in words. '' for the others.
 */
export function settingExplanation(key: SettingKey, value: unknown, saved: Pick<Settings, 'format'>): string {
  if (key === 'fileNameTemplate' && typeof value === 'string')
    return `Next file: ${renderTemplate(value, { ...SAMPLE_CALL, start: new Date(), format: saved.format })}.${saved.format}`;
  if (key === 'autoRecord' && typeof value === 'string') {
    const rule = parseAutoRecord(value);
    return 'error' in rule ? '' : describeAutoRecord(rule);
  }
  return '';
}

/** Checks what the window wants to change; every problem is a sentence next to its field. */
export function settingsProblems(change: SettingsChange): Partial<Record<keyof SettingsChange, string>> {
  const problems: Partial<Record<keyof SettingsChange, string>> = {};
  for (const [key, value] of Object.entries(change) as [keyof SettingsChange, unknown][]) {
    const problem = value === undefined ? undefined : problemOf(key, value);
    if (problem !== undefined) problems[key] = problem;
  }
  return problems;
}

/** The pipeline's settings; an empty PBX address means the demo PBX, whose URL the caller passes. */
export function recorderSettingsFrom(settings: AppSettings, pbxUrl: string): RecorderSettings {
  return { ...pick(settings, RECORDER_KEYS), pbxUrl };
}

function pick<T, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, from[key]])) as Pick<T, K>;
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
  return { ...pick(settings, SHOWN_KEYS), passwordSet: password.set, passwordInMemoryOnly: password.inMemoryOnly };
}
