import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAutoRecord } from '../recorder/auto-record.ts';
import { templateProblem } from '../recorder/naming.ts';
import { pbxRecordingsDirProblem, recordingsOriginProblem } from '../recorder/record-source.ts';
import { DEFAULT_SETTINGS, type RecorderSettings } from '../recorder/settings.ts';
import { CliError, type CliIo } from './io.ts';
import { PBX_FLAG_SPEC, type PbxFlags } from './pbx-flags.ts';

export const RECORDER_FLAG_SPEC = {
  ...PBX_FLAG_SPEC,
  folder: { type: 'string' },
  format: { type: 'string' },
  'auto-record': { type: 'string' },
  listen: { type: 'string' },
  'callback-url': { type: 'string' },
  'data-dir': { type: 'string' },
  'poll-interval': { type: 'string' },
  template: { type: 'string' },
  'paused-parts': { type: 'string' },
  'notification-wait': { type: 'string' },
  'pbx-recordings-dir': { type: 'string' },
  'recordings-origin': { type: 'string' },
  json: { type: 'boolean' },
} as const;

export interface RecorderFlags extends PbxFlags {
  folder?: string;
  format?: string;
  'auto-record'?: string;
  listen?: string;
  'callback-url'?: string;
  'data-dir'?: string;
  'poll-interval'?: string;
  template?: string;
  'paused-parts'?: string;
  'notification-wait'?: string;
  'pbx-recordings-dir'?: string;
  'recordings-origin'?: string;
  json?: boolean;
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

/** "0.0.0.0:7781", "192.168.0.20", ":7781", "[::1]:7781" → host and port. */
function parseListen(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*))(?::(\d+))?$/.exec(text.trim());
  const port = match?.[3] === undefined ? DEFAULT_SETTINGS.listenPort : Number(match[3]);
  if (!match || port > 65535) throw new CliError(`--listen takes HOST:PORT, for example 0.0.0.0:7781, not "${text}".`);
  return { host: match[1] ?? match[2] ?? '', port };
}

/** Settings for the recorder from the flags, each checked with a message that says what to write instead. */
export function recorderSettings(flags: RecorderFlags, pbxUrl: string, needFolder: boolean): RecorderSettings {
  const settings: RecorderSettings = { ...DEFAULT_SETTINGS, pbxUrl, username: flags.username ?? '' };
  if (flags.folder) settings.folder = resolve(flags.folder);
  else if (needFolder) throw new CliError('Say where to save recordings with --folder DIR.');
  if (flags.format !== undefined) {
    if (flags.format !== 'mp3' && flags.format !== 'wav') throw new CliError(`--format is mp3 or wav, not "${flags.format}".`);
    settings.format = flags.format;
  }
  if (flags['auto-record'] !== undefined) {
    const rule = parseAutoRecord(flags['auto-record']);
    if ('error' in rule) throw new CliError(rule.error);
    settings.autoRecord = flags['auto-record'];
  }
  if (flags.listen !== undefined) {
    const { host, port } = parseListen(flags.listen);
    settings.listenHost = host;
    settings.listenPort = port;
  }
  if (flags['callback-url'] !== undefined) {
    if (!/^https?:\/\/[^/]+\/?$/.test(flags['callback-url'])) throw new CliError(`--callback-url is the address the PBX should call, like http://203.0.113.5:7781, not "${flags['callback-url']}".`);
    settings.callbackUrl = flags['callback-url'];
  }
  if (flags['poll-interval'] !== undefined) {
    const ms = Number(flags['poll-interval']);
    if (!Number.isInteger(ms) || ms < 100) throw new CliError('--poll-interval is in milliseconds, at least 100.');
    settings.pollIntervalMs = ms;
  }
  if (flags.template !== undefined) {
    const problem = templateProblem(flags.template);
    if (problem) throw new CliError(problem);
    settings.fileNameTemplate = flags.template;
  }
  if (flags['paused-parts'] !== undefined) {
    if (flags['paused-parts'] !== 'remove' && flags['paused-parts'] !== 'silence') throw new CliError('--paused-parts is remove or silence.');
    settings.pausedParts = flags['paused-parts'];
  }
  if (flags['notification-wait'] !== undefined) {
    const seconds = Number(flags['notification-wait']);
    if (!Number.isFinite(seconds) || seconds < 1) throw new CliError('--notification-wait is in seconds, at least 1.');
    settings.missedAfterMs = Math.round(seconds * 1000);
  }
  if (flags['pbx-recordings-dir'] !== undefined) {
    // A relative folder is taken from the working directory; a network share stays as written, to be refused.
    const dir = /^[\\/]{2}/.test(flags['pbx-recordings-dir']) ? flags['pbx-recordings-dir'] : resolve(flags['pbx-recordings-dir']);
    const problem = pbxRecordingsDirProblem(dir);
    if (problem) throw new CliError(`--pbx-recordings-dir: ${problem}`);
    settings.pbxRecordingsDir = dir;
  }
  if (flags['recordings-origin'] !== undefined) {
    const problem = recordingsOriginProblem(flags['recordings-origin']);
    if (problem) throw new CliError(`--recordings-origin: ${problem}`);
    settings.recordingsOrigin = flags['recordings-origin'];
  }
  return settings;
}

export const RECORDER_FLAGS_HELP =
  '[--username U] [--format mp3|wav] [--auto-record all|none|PATTERNS] [--listen HOST:PORT] [--callback-url URL] [--data-dir DIR] [--poll-interval MS] [--template T] [--paused-parts remove|silence] [--notification-wait SECONDS] [--pbx-recordings-dir DIR] [--recordings-origin URL] [--json]';
