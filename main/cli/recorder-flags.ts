import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  cliFlagsOf,
  RECORDER_DEFAULTS,
  SETTINGS,
  type CliFlag,
  type Meta,
  type RecorderKey,
  type RecorderSettings,
  type SettingKey,
  type ValueRule,
} from '../../preload/settings-schema.ts';
import { problemOf } from '../host/settings.ts';
import { LOG_LEVELS } from '../recorder/logger.ts';
import { CliError, type CliIo } from './io.ts';
import { DEFAULT_LOG_LEVEL } from './log-flags.ts';
import { DEFAULT_TIMEOUT_MS } from './pbx-flags.ts';

/** The flag names of a row's `cli`: one flag, or a list of them. */
type FlagsOf<C> = C extends readonly (infer E)[] ? FlagsOf<E> : C extends { flag: infer F extends string } ? F : never;
/** The flags the settings schema gives the command line, e.g. "format", "listen", "notification-wait". */
export type SettingFlag = { [K in SettingKey]: (typeof SETTINGS)[K] extends { cli: infer C } ? FlagsOf<C> : never }[SettingKey];

export interface FlagHelp {
  flag: string;
  arg: string | undefined;
  meaning: string;
  /** The default in words, or what a missing flag means. */
  defaultText: string;
}

/** One flag of the command line, with the settings it sets (--listen sets the listener's address and port). */
interface SettingFlagSpec extends FlagHelp {
  flag: SettingFlag;
  arg: string;
  keys: RecorderKey[];
}

type Cli = CliFlag;
type Row = Meta & { value: ValueRule<unknown>; default: unknown };
const rowOf = (key: SettingKey): Row => SETTINGS[key];

/** The default as the flag writes it: `mp3`, `300` (seconds), or none. */
function flagDefault(row: Row, cli: Cli): string {
  const value = row.default;
  if (value === '' || (Array.isArray(value) && value.length === 0)) return 'none';
  return `\`${typeof value === 'number' && cli.unit ? cli.unit.show(value) : String(value)}\``;
}

/** The schema's flags in the schema's order; a flag several settings share is listed once, at its first setting. */
export const SETTING_FLAGS: readonly SettingFlagSpec[] = (Object.keys(SETTINGS) as SettingKey[]).reduce<SettingFlagSpec[]>((flags, key) => {
  const row = rowOf(key);
  for (const cli of cliFlagsOf(row)) {
    const known = flags.find((f) => f.flag === cli.flag);
    if (known) known.keys.push(key as RecorderKey);
    else
      flags.push({
        flag: cli.flag as SettingFlag,
        arg: cli.arg,
        keys: [key as RecorderKey],
        meaning: cli.meaning ?? row.meaning,
        defaultText: cli.defaultText ?? row.defaultText ?? flagDefault(row, cli),
      });
  }
  return flags;
}, []);

/** Options of run, record and doctor that are not settings: they belong to the command line alone. */
export const COMMAND_LINE_OPTIONS: readonly FlagHelp[] = [
  { flag: 'timeout', arg: 'MS', meaning: 'how long to wait for each answer of the PBX', defaultText: `\`${DEFAULT_TIMEOUT_MS}\`` },
  {
    flag: 'data-dir',
    arg: 'DIR',
    meaning: 'journal and listener secret',
    defaultText: '`~/.local/share/ozeki-recorder/cli` (`%APPDATA%` on Windows, `~/Library/Application Support` on macOS)',
  },
  {
    flag: 'json',
    arg: undefined,
    meaning: 'print one JSON object per event (and per log entry, on standard error) instead of a line of text',
    defaultText: 'off',
  },
  {
    flag: 'log-level',
    arg: LOG_LEVELS.join('|'),
    meaning: 'what is logged on standard error: errors; warnings too; or also every move of every recording and every retry',
    defaultText: `\`${DEFAULT_LOG_LEVEL}\``,
  },
];

export const RECORDER_FLAG_SPEC = {
  ...(Object.fromEntries(SETTING_FLAGS.map((f) => [f.flag, { type: 'string' }])) as { [F in SettingFlag]: { type: 'string' } }),
  timeout: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  'log-level': { type: 'string' },
} as const;

export type RecorderFlags = { [F in SettingFlag]?: string } & { timeout?: string; 'data-dir'?: string; json?: boolean; 'log-level'?: string };

/** `[--format mp3|wav]` for each flag; the required ones without brackets. */
export function flagUsage(flags: readonly SettingFlag[], required: readonly SettingFlag[] = []): string {
  return flags
    .map((name) => {
      const spec = SETTING_FLAGS.find((f) => f.flag === name);
      const text = `--${name} ${spec?.arg ?? ''}`.trim();
      return required.includes(name) ? text : `[${text}]`;
    })
    .join(' ');
}

/** `[--format mp3|wav] …` for every option of run and record. */
export const RECORDER_FLAGS_HELP = [
  flagUsage(SETTING_FLAGS.map((f) => f.flag).filter((f) => f !== 'pbx-url' && f !== 'folder')),
  ...COMMAND_LINE_OPTIONS.map((o) => `[--${o.flag}${o.arg ? ` ${o.arg}` : ''}]`),
].join(' ');

/** The lines --help prints under "Options:", one per flag, in plain text. */
export function optionLines(): string[] {
  const options = [...SETTING_FLAGS, ...COMMAND_LINE_OPTIONS];
  const names = options.map((o) => `--${o.flag}${o.arg ? ` ${o.arg}` : ''}`);
  const width = Math.max(...names.map((n) => n.length));
  const plain = (text: string) => text.replace(/\*\*|`/g, '');
  return options.map((o, i) => `  ${(names[i] ?? '').padEnd(width)}  ${plain(o.meaning)} (default: ${plain(o.defaultText)})`);
}

/** Where the command line keeps its journal: the platform's data folder, apart from the desktop app's. */
export function defaultDataDir(env: CliIo['env']): string {
  const base =
    process.platform === 'win32'
      ? (env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support')
        : (env['XDG_DATA_HOME'] ?? join(homedir(), '.local', 'share'));
  return join(base, 'ozeki-recorder', 'cli');
}

/** A flag's text as the setting's value, as the schema says; undefined when the text cannot be read at all. */
function readFlag(row: Row, flag: string, text: string): unknown {
  const cli = cliFlagsOf(row).find((f) => f.flag === flag);
  if (cli?.read === 'path') return /^[\\/]{2}/.test(text) ? text : resolve(text); // a network share stays as written, to be refused
  if (cli?.read) return cli.read(text);
  if (cli?.unit) return cli.unit.read(text);
  return row.value.kind === 'integer' ? (text.trim() === '' ? Number.NaN : Number(text)) : text;
}

/** Settings for the recorder from the flags, each checked with the schema's words after the flag's name. */
export function recorderSettings(flags: RecorderFlags, pbxUrl: string, needFolder: boolean): RecorderSettings {
  if (!flags.folder && needFolder) throw new CliError('Say where to save recordings with --folder DIR.');
  const settings: Record<string, unknown> = { ...RECORDER_DEFAULTS };
  /** Which flag set each setting: two flags that set one setting differently cannot both be given. */
  const setBy = new Map<string, string>();
  for (const { flag, arg, keys } of SETTING_FLAGS) {
    const text = flags[flag];
    if (text === undefined) continue;
    for (const key of keys) {
      const value = readFlag(rowOf(key), flag, text);
      if (value === undefined) throw new CliError(`--${flag} takes ${arg}, not "${text}".`);
      const problem = problemOf(key, value);
      if (problem) throw new CliError(`--${flag}: ${problem}`);
      const other = setBy.get(key);
      if (other !== undefined && settings[key] !== value) throw new CliError(`Give --${other} or --${flag}, not both.`);
      setBy.set(key, flag);
      settings[key] = value;
    }
  }
  // The PBX the client talks to: --pbx-url's, or the demo PBX started for this run.
  return { ...(settings as unknown as RecorderSettings), pbxUrl };
}
