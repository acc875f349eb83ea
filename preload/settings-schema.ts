/**
 * Every setting of Ozeki Recorder, defined once: its type, default, bounds and the words of its error; whether a
 * running recorder takes it live or must restart (and why); who sets it; its field in the window; its flag on the
 * command line and how the flag's text becomes the value. Everything else is derived from this table: the types
 * (RecorderSettings, AppSettings, SettingsView, SettingsChange), the JSON schema of the settings file, the IPC
 * argument check of saveSettings, the CLI's flags and --help, the window's Settings form and the README's tables.
 *
 * The file is long because it is one table (SETTINGS), with its small vocabulary above it. It is plain TypeScript
 * shared by main, the CLI and the renderer: it imports valibot and nothing of main. Checks that need the domain (a
 * PBX address, a file name template, number patterns, IP addresses, paths) are marked `domainCheck` and run in
 * main/host/settings.ts, after the checks here.
 *
 * To add a setting: add its row here, then use it where it acts. The compiler points at what is missing
 * (a domain check, the service's applySettings for a live recorder setting).
 */
import * as v from 'valibot';
import { acceleratorText } from './display.ts';
import { PATTERN_MATCHING_WORDS } from './number-words.ts';

/** How a value is checked, stored and entered. */
export interface ValueRule<T> {
  kind: 'text' | 'integer' | 'choice' | 'switch' | 'list';
  /** The whole check, with the words a person reads when it fails (next to the field, or after the flag). */
  check: v.GenericSchema<T>;
  /** Only the type: what the window may send at all. A wrong type is a hostile call, not a typo. */
  type: v.GenericSchema<T>;
  /** The same type and bounds, for the JSON schema of the settings file. */
  json: Record<string, unknown>;
  min?: number;
  max?: number;
  /** A choice's values with their labels. */
  options?: readonly (readonly [string, string])[];
}

/** The longest text the window may send for any setting; each setting has its own, smaller, limit. */
const MAX_TEXT = 4096;

function text(maxLength: number, words: { tooLong: string; empty?: string; format?: readonly [(text: string) => boolean, string] }): ValueRule<string> {
  const base = v.pipe(v.string(words.tooLong), v.maxLength(maxLength, words.tooLong));
  const withEmpty = words.empty === undefined ? base : v.pipe(base, v.minLength(1, words.empty));
  const check = words.format ? v.pipe(withEmpty, v.check(words.format[0], words.format[1])) : withEmpty;
  return {
    kind: 'text',
    check,
    type: v.pipe(v.string(), v.maxLength(MAX_TEXT)),
    json: { type: 'string', maxLength, ...(words.empty === undefined ? {} : { minLength: 1 }) },
  };
}

/** A whole number from min to max; `orZero` also takes 0 (a listener port: any free port). */
function integer(min: number, max: number, words: string, options: { orZero?: boolean } = {}): ValueRule<number> {
  const inRange = (n: number) => (options.orZero === true && n === 0) || (n >= min && n <= max);
  const bounds = { minimum: min, maximum: max };
  return {
    kind: 'integer',
    check: v.pipe(v.number(words), v.integer(words), v.check(inRange, words)),
    type: v.number(),
    json: options.orZero ? { type: 'integer', anyOf: [{ const: 0 }, bounds] } : { type: 'integer', ...bounds },
    min,
    max,
  };
}

function choice<const O extends readonly (readonly [string, string])[]>(options: O, words: string): ValueRule<O[number][0]> {
  const values = options.map(([value]) => value) as O[number][0][];
  return { kind: 'choice', check: v.picklist(values, words), type: v.string(), json: { enum: values }, options };
}

function onOff(words: string): ValueRule<boolean> {
  return { kind: 'switch', check: v.boolean(words), type: v.boolean(), json: { type: 'boolean' } };
}

function list(maxItems: number, itemLength: number, words: string): ValueRule<string[]> {
  return {
    kind: 'list',
    check: v.pipe(v.array(v.pipe(v.string(words), v.maxLength(itemLength, words)), words), v.maxLength(maxItems, words)),
    type: v.pipe(v.array(v.pipe(v.string(), v.maxLength(MAX_TEXT))), v.maxLength(100)),
    json: { type: 'array', items: { type: 'string', maxLength: itemLength }, maxItems },
  };
}

/** A value people write in another unit than it is kept in (seconds for milliseconds). */
export interface Unit {
  name: string;
  /** The value as written, from the value as kept. */
  show(value: number): string;
  /** The value as kept, from the text written; NaN when it is no number (the check then says what to write). */
  read(text: string): number;
}

const SECONDS: Unit = { name: 'seconds', show: (ms) => String(ms / 1000), read: (text) => (text.trim() === '' ? Number.NaN : Number(text) * 1000) };

/**
 * How a flag's text becomes the value: a function (undefined when the text cannot be read at all), or 'path':
 * a folder, taken from the working directory when relative (the CLI does that; the renderer has no working
 * directory).
 */
export type FlagReader = ((text: string) => unknown) | 'path';

/** One flag of the command line that sets a setting. */
export interface CliFlag {
  flag: string;
  arg: string;
  read?: FlagReader;
  unit?: Unit;
  meaning?: string;
  defaultText?: string;
}

/** The flags that set a row, as a list. */
export function cliFlagsOf(row: Pick<Meta, 'cli'>): readonly CliFlag[] {
  const { cli } = row;
  return cli === undefined ? [] : 'flag' in cli ? [cli] : cli;
}

export interface Meta {
  /** Who sets it: the receptionist at the desk, or the administrator who sets the app up (the form's Advanced part). */
  who: 'receptionist' | 'administrator';
  /** The heading it is shown under in the Settings form (SECTIONS gives their order); every row in the window names one. */
  section?: string;
  /** live: a running recorder takes the new value at once. restart: the recorder is rebuilt, for the reason `why`. */
  applies: 'live' | 'restart';
  why?: string;
  /** Part of the recording pipeline's settings (RecorderSettings); otherwise the desktop app's own. */
  recorder: boolean;
  label: string;
  /** What it means, in one sentence: the README's tables and --help. */
  meaning: string;
  /** Empty means the demo PBX, and the like: the default in words, where the value alone does not say it. */
  defaultText?: string;
  /**
   * In the window: a field, a value chosen with the system dialog, or a write-only secret. Absent: not in the window.
   * `keys`: a shortcut, set by pressing the keys in the field and shown as the platform writes it (an Electron
   * accelerator is what is kept).
   */
  window?: { edit: 'field' | 'dialog' | 'secret'; hint?: string; unit?: Unit; keys?: true };
  /**
   * On the command line (run, record, doctor). Several settings may share a flag (--listen HOST:PORT), and a setting
   * may be set by several flags (--announce-text and --announce-file each switch the announcement on in their way).
   */
  cli?: CliFlag | readonly CliFlag[];
  /** Checked further in main, where the domain's rules live (main/host/settings.ts). */
  domainCheck?: boolean;
  /** Never kept in the settings nor shown: the password, which the OS keyring keeps. */
  secret?: boolean;
}

function setting<T, const M extends Meta>(value: ValueRule<T>, defaultValue: NoInfer<T>, meta: M): { value: ValueRule<T>; default: T } & M {
  return { value, default: defaultValue, ...meta };
}

/** "0.0.0.0:7781", "192.168.0.20", ":7781", "[::1]:7781" → host and port; undefined when it is none of these. */
function listenParts(text: string): { host: string; port: number } | undefined {
  const match = /^(?:\[([^\]]+)\]|([^:]*))(?::(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  return { host: match[1] ?? match[2] ?? '', port: match[3] === undefined ? LISTEN_PORT : Number(match[3]) };
}

const LISTEN_PORT = 7781;
/** "Record my call" on Ctrl+Alt+R (⌘⌥R on a Mac). */
const DEFAULT_SHORTCUT = 'CommandOrControl+Alt+R';
const LISTENER_RESTART = 'The listener is bound to its address and port, and tells the PBX its address, when it starts.';
const LOGIN_RESTART = 'The connection to the PBX is made with the address and the login when the recorder starts.';
const ACCELERATOR =
  /^((CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Shift|Super|Meta)\+)+([A-Z0-9]|F\d{1,2}|Space|Tab|Insert|Delete|Home|End|PageUp|PageDown|Up|Down|Left|Right)$/i;

export const SETTINGS = {
  pbxUrl: setting(text(500, { tooLong: 'The PBX address is too long.' }), '', {
    who: 'administrator',
    section: 'PBX',
    applies: 'restart',
    why: LOGIN_RESTART,
    recorder: true,
    label: 'PBX URL',
    meaning: "the PBX's HTTP API, e.g. `http://192.168.0.10:7780`",
    defaultText: 'empty: the built-in demo PBX',
    window: { edit: 'field', hint: 'Like http://192.168.0.10:7780. Empty: the demo PBX.' },
    cli: { flag: 'pbx-url', arg: 'URL', defaultText: 'none: `run` starts a demo PBX' },
    domainCheck: true,
  }),
  username: setting(text(200, { tooLong: 'The username is too long.' }), '', {
    who: 'administrator',
    section: 'PBX',
    applies: 'restart',
    why: LOGIN_RESTART,
    recorder: true,
    label: 'Username',
    meaning: 'an Ozeki office user, when the PBX requires a login',
    window: { edit: 'field' },
    cli: { flag: 'username', arg: 'U', meaning: 'an Ozeki office user, when the PBX requires a login (password in `OZEKI_PASSWORD`)' },
  }),
  password: setting(text(500, { tooLong: 'The password is too long.' }), '', {
    who: 'administrator',
    section: 'PBX',
    applies: 'restart',
    why: LOGIN_RESTART,
    recorder: false,
    label: 'Password',
    meaning:
      "the office user's password. It is encrypted with the system keyring and never shown again; where Linux has no keyring it is kept for this session only, and the app says so. The command line reads it from `OZEKI_PASSWORD`",
    window: { edit: 'secret' },
    secret: true,
  }),
  myExtension: setting(
    text(20, { tooLong: 'An extension is a number, like 1001.', format: [(t) => /^[\d+*#]*$/.test(t), 'An extension is a number, like 1001.'] }),
    '',
    {
      who: 'receptionist',
      section: 'This desk',
      applies: 'live',
      recorder: true,
      label: 'My extension',
      meaning: 'your own extension, for **Record my call**',
      window: { edit: 'field' },
    },
  ),
  deskName: setting(
    text(60, {
      tooLong: 'A desk name is at most 60 characters, like Front desk 2.',
      // eslint-disable-next-line no-control-regex -- control characters are what is refused
      format: [(t) => !/[\u0000-\u001f\u007f]/.test(t), 'A desk name is one line of plain text, like Front desk 2.'],
    }),
    '',
    {
      who: 'receptionist',
      section: 'This desk',
      applies: 'live',
      recorder: true,
      label: 'Desk name',
      meaning: "the name this desk's recordings carry in a folder several desks save into (with the computer and its user)",
      defaultText: "empty: the computer's name",
      window: { edit: 'field', hint: "Like Front desk 2. Empty: the computer's name." },
      cli: { flag: 'desk', arg: 'NAME' },
    },
  ),
  format: setting(
    choice(
      [
        ['mp3', 'MP3'],
        ['wav', 'WAV'],
      ],
      'Choose mp3 or wav.',
    ),
    'mp3',
    {
      who: 'receptionist',
      section: 'Recording',
      applies: 'live',
      recorder: true,
      label: 'Format',
      meaning: 'the format the PBX records in',
      window: { edit: 'field' },
      cli: { flag: 'format', arg: 'mp3|wav' },
    },
  ),
  fileNameTemplate: setting(
    text(300, { tooLong: 'The file name template is too long.', empty: 'The file name template is empty.' }),
    '{date}_{time}_{from}_{to}',
    {
      who: 'receptionist',
      section: 'Recording',
      applies: 'live',
      recorder: true,
      label: 'File name template',
      meaning:
        'the file name; tokens `{date} {time} {from} {to} {callerName} {callId} {format}`, `/` makes sub-folders; names are made safe for Windows, macOS and Linux, and never overwrite (a clash gets ` (2)`)',
      window: { edit: 'field', hint: 'Tokens: {date} {time} {from} {to} {callerName} {callId} {format}; / makes sub-folders.' },
      cli: { flag: 'template', arg: 'T' },
      domainCheck: true,
    },
  ),
  pausedParts: setting(
    choice(
      [
        ['remove', 'Removed from the file'],
        ['silence', 'Replaced by silence'],
      ],
      'Choose remove or silence.',
    ),
    'remove',
    {
      who: 'receptionist',
      section: 'Recording',
      applies: 'live',
      recorder: true,
      label: 'Paused parts',
      meaning: 'cut paused parts out of the saved file, or replace them with silence',
      window: { edit: 'field' },
      cli: { flag: 'paused-parts', arg: 'remove|silence' },
    },
  ),
  autoRecord: setting(text(1000, { tooLong: 'The auto-record rule is too long.' }), 'none', {
    who: 'receptionist',
    section: 'Recording',
    applies: 'live',
    recorder: true,
    label: 'Auto-record',
    meaning: `record calls by themselves once they are answered: all, none, or comma-separated numbers with \`*\` for any digits (\`+36*, 1003\`), matched against caller or callee with ${PATTERN_MATCHING_WORDS}`,
    window: { edit: 'field', hint: 'none, all, or numbers like +36*, 1003 (* stands for any digits)' },
    cli: { flag: 'auto-record', arg: 'all|none|PATTERNS' },
    domainCheck: true,
  }),
  announce: setting(
    choice(
      [
        ['off', 'Off'],
        ['text', 'Say a text'],
        ['file', 'Play an audio file'],
      ],
      'Choose off, text or file.',
    ),
    'off',
    {
      who: 'receptionist',
      section: 'Announcement',
      applies: 'live',
      recorder: true,
      label: 'Announce recording',
      meaning: 'tell the other party that the call is recorded when a recording starts: off; the PBX says a text; or the PBX plays an audio file',
      window: { edit: 'field' },
      cli: [
        {
          flag: 'announce-text',
          arg: 'TEXT',
          read: () => 'text',
          meaning: 'announce every recording: the PBX says TEXT (Ozeki `Speak`)',
          defaultText: 'none: no announcement',
        },
        {
          flag: 'announce-file',
          arg: 'FILE',
          read: () => 'file',
          meaning: 'announce every recording: the PBX plays FILE, a WAV or MP3 that the listener serves it while it is needed (Ozeki `Play`)',
          defaultText: 'none: no announcement',
        },
      ],
    },
  ),
  announceText: setting(
    text(500, { tooLong: 'The announcement is too long: 500 characters at most.', empty: 'Write what the announcement says.' }),
    'This call is recorded.',
    {
      who: 'receptionist',
      section: 'Announcement',
      applies: 'live',
      recorder: true,
      label: 'Announcement text',
      meaning: 'what the PBX says when **Announce recording** is "Say a text"',
      window: { edit: 'field' },
      cli: { flag: 'announce-text', arg: 'TEXT' },
    },
  ),
  announceFile: setting(text(4096, { tooLong: 'The path of the announcement file is too long.' }), '', {
    who: 'receptionist',
    section: 'Announcement',
    applies: 'live',
    recorder: true,
    label: 'Announcement audio file',
    meaning: 'the WAV or MP3 file the PBX plays when **Announce recording** is "Play an audio file" (chosen with the system dialog)',
    defaultText: 'none',
    window: { edit: 'dialog' },
    cli: { flag: 'announce-file', arg: 'FILE', read: 'path' },
    domainCheck: true,
  }),
  announceParty: setting(
    choice(
      [
        ['caller', 'The caller'],
        ['callee', 'The callee'],
        ['both', 'Both'],
      ],
      'Choose caller, callee or both.',
    ),
    'both',
    {
      who: 'receptionist',
      section: 'Announcement',
      applies: 'live',
      recorder: true,
      label: 'Who hears the announcement',
      meaning: 'which party of the call hears the announcement: the caller, the callee, or both',
      window: { edit: 'field' },
      cli: { flag: 'announce-party', arg: 'caller|callee|both' },
    },
  ),
  announceOrder: setting(
    choice(
      [
        ['announce-first', 'Announce, then record'],
        ['record-first', 'Record, then announce (the announcement is in the file)'],
      ],
      'Choose announce-first or record-first.',
    ),
    'announce-first',
    {
      who: 'administrator',
      section: 'Announcement',
      applies: 'live',
      recorder: true,
      label: 'Announcement order',
      meaning: 'announce, then start recording; or start recording, then announce, so that the announcement is in the saved file',
      window: { edit: 'field' },
      cli: { flag: 'announce-order', arg: 'announce-first|record-first' },
    },
  ),
  announceSkippable: setting(onOff('Allow recording without announcement is on or off.'), false, {
    who: 'administrator',
    section: 'Announcement',
    applies: 'live',
    recorder: true,
    label: 'Allow recording without announcement',
    meaning: 'while announcements are on, the window and the tray offer **Record without announcement** for one call',
    window: { edit: 'field' },
  }),
  announceFailure: setting(
    choice(
      [
        ['dont-record', 'Do not record'],
        ['record', 'Record anyway, and say so'],
      ],
      'Choose dont-record or record.',
    ),
    'dont-record',
    {
      who: 'administrator',
      section: 'Announcement',
      applies: 'live',
      recorder: true,
      label: 'When the announcement fails',
      meaning: 'when the PBX cannot say or play the announcement: do not record (you are told why), or record anyway and the call says it was not announced',
      window: { edit: 'field' },
      cli: { flag: 'announce-failure', arg: 'dont-record|record' },
    },
  ),
  listenHost: setting(text(100, { tooLong: 'Write an IP address of this computer, like 192.168.0.20, or leave it empty.' }), '', {
    who: 'administrator',
    section: 'Listener',
    applies: 'restart',
    why: LISTENER_RESTART,
    recorder: true,
    label: 'Listener address',
    meaning: 'the address of this computer the listener for finished recordings listens on',
    defaultText: 'the local address that routes to the PBX',
    window: { edit: 'field', hint: 'Empty: the address that routes to the PBX.' },
    cli: {
      flag: 'listen',
      arg: 'HOST:PORT',
      read: (t) => listenParts(t)?.host,
      meaning: 'where the listener for finished recordings listens; port 0 takes any free port',
      defaultText: `the local address that routes to the PBX, port \`${LISTEN_PORT}\``,
    },
    domainCheck: true,
  }),
  listenPort: setting(integer(1024, 65535, 'The port is a number from 1024 to 65535.', { orZero: true }), LISTEN_PORT, {
    who: 'administrator',
    section: 'Listener',
    applies: 'restart',
    why: LISTENER_RESTART,
    recorder: true,
    label: 'Listener port',
    meaning: 'the port of the listener for finished recordings (0: any free port)',
    window: { edit: 'field' },
    cli: { flag: 'listen', arg: 'HOST:PORT', read: (t) => listenParts(t)?.port },
  }),
  callbackUrl: setting(
    text(500, {
      tooLong: 'Write the address the PBX should call, like http://203.0.113.5:7781, or leave it empty.',
      format: [(t) => t === '' || /^https?:\/\/[^/\s]+\/?$/.test(t), 'Write the address the PBX should call, like http://203.0.113.5:7781, or leave it empty.'],
    }),
    '',
    {
      who: 'administrator',
      section: 'Listener',
      applies: 'restart',
      why: LISTENER_RESTART,
      recorder: true,
      label: 'Callback URL',
      meaning: "the address the PBX is told to call, when it differs from the listener's (NAT, port forwarding)",
      defaultText: '`http://<listen address>:<port>`',
      window: { edit: 'field', hint: 'Only behind NAT or a port forward.' },
      cli: { flag: 'callback-url', arg: 'URL' },
    },
  ),
  allowedCallers: setting(list(50, 100, 'Write IP addresses or ranges, like 192.168.0.10, 10.0.0.0/8, or leave it empty.'), [], {
    who: 'administrator',
    section: 'Listener',
    applies: 'restart',
    why: LISTENER_RESTART,
    recorder: true,
    label: 'Allowed callers',
    meaning: 'the addresses (IPs or ranges) that may send the listener notifications',
    defaultText: "the PBX's own address",
    window: { edit: 'field', hint: 'Comma-separated. Empty: only the PBX.' },
    cli: {
      flag: 'allowed-callers',
      arg: 'IPS',
      read: (t) =>
        t
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean),
    },
    domainCheck: true,
  }),
  shortcut: setting(
    text(100, {
      tooLong: 'Write a shortcut like CommandOrControl+Alt+R, or leave it empty.',
      format: [(t) => t === '' || ACCELERATOR.test(t), 'Write a shortcut like CommandOrControl+Alt+R, or leave it empty.'],
    }),
    DEFAULT_SHORTCUT,
    {
      who: 'receptionist',
      section: 'This desk',
      applies: 'live',
      recorder: false,
      label: 'Shortcut for "Record my call"',
      meaning:
        'the global shortcut for **Record my call**, set by pressing the keys; the settings file keeps it as an Electron accelerator (`CommandOrControl+Alt+R`)',
      defaultText: `${acceleratorText(DEFAULT_SHORTCUT, 'win32')} (${acceleratorText(DEFAULT_SHORTCUT, 'darwin')} on macOS)`,
      window: { edit: 'field', keys: true },
    },
  ),
  startAtLogin: setting(onOff('Start at login is on or off.'), false, {
    who: 'receptionist',
    section: 'This desk',
    applies: 'live',
    recorder: false,
    label: 'Start at login',
    meaning: 'start the app when you log in',
    window: { edit: 'field' },
  }),
  updateUrl: setting(
    text(500, {
      tooLong: 'Write the address of the update folder, like https://updates.example.com/ozeki-recorder/, or leave it empty.',
      format: [
        (t) => t === '' || /^https?:\/\/[^\s]+$/.test(t),
        'Write the address of the update folder, like https://updates.example.com/ozeki-recorder/, or leave it empty.',
      ],
    }),
    '',
    {
      who: 'administrator',
      section: 'Updates',
      applies: 'live',
      recorder: false,
      label: 'Update address',
      meaning: 'the web folder holding latest.yml and the installer the app updates itself from, checked at start and daily',
      defaultText: 'none: no updates',
      window: { edit: 'field', hint: 'Empty: the app never updates itself (for example when IT deploys the MSI).' },
    },
  ),
  pollIntervalMs: setting(integer(100, 60_000, 'Poll every 100 to 60000 milliseconds.'), 1000, {
    who: 'administrator',
    section: 'PBX',
    applies: 'live',
    recorder: true,
    label: 'Poll interval (ms)',
    meaning: 'how often the live calls are read, in milliseconds (backs off up to 30 s while the PBX is down)',
    window: { edit: 'field' },
    cli: { flag: 'poll-interval', arg: 'MS' },
  }),
  missedAfterMs: setting(integer(10_000, 86_400_000, "Wait 10 to 86400 seconds for the PBX's recording."), 300_000, {
    who: 'administrator',
    section: 'PBX',
    applies: 'live',
    recorder: true,
    label: "Wait for the PBX's recording (seconds)",
    meaning: "how long after a recorded call ends to wait for the PBX's `RecordCompleted` before the recording is reported missed",
    window: { edit: 'field', unit: SECONDS },
    cli: { flag: 'notification-wait', arg: 'SECONDS', unit: SECONDS },
  }),
  pbxRecordingsDir: setting(text(4096, { tooLong: 'The folder path is too long.' }), '', {
    who: 'administrator',
    section: 'Recordings from the PBX',
    applies: 'live',
    recorder: true,
    label: 'PBX recordings folder',
    meaning: 'the folder the PBX saves recordings in, when it runs on this computer: the only place a recording given as a file path is read from',
    defaultText: 'none: file paths are refused',
    window: {
      edit: 'field',
      hint: 'Only if the PBX runs on this computer and gives recordings as file paths: the folder it saves them in. Empty: files are only fetched from the PBX over HTTP.',
    },
    cli: { flag: 'pbx-recordings-dir', arg: 'DIR', read: 'path' },
    domainCheck: true,
  }),
  recordingsOrigin: setting(text(500, { tooLong: 'The recordings web address is too long.' }), '', {
    who: 'administrator',
    section: 'Recordings from the PBX',
    applies: 'live',
    recorder: true,
    label: 'Recordings web address',
    meaning: 'where the PBX serves recordings when not from its own address (`scheme://host:port`)',
    defaultText: "the PBX's own address",
    window: { edit: 'field', hint: 'Only if the PBX serves recordings from another address than its own, like https://192.168.0.10:8443.' },
    cli: { flag: 'recordings-origin', arg: 'URL' },
    domainCheck: true,
  }),
  keepDays: setting(integer(0, 3650, 'Keep recordings 0 to 3650 days; 0 keeps them all.'), 0, {
    who: 'administrator',
    section: 'Retention',
    applies: 'live',
    recorder: true,
    label: 'Keep recordings for (days)',
    meaning:
      "move recordings older than this many days (from the call's start) to the trash, at start and daily, with a line in `retention.log` in the folder; pinned recordings are kept. Before the first move ever, the recordings that would go are listed and nothing moves until that is confirmed. 0 keeps every recording",
    defaultText: '`0`: off, recordings are kept',
    window: { edit: 'field', hint: '0 keeps every recording. Pinned recordings are always kept.' },
    cli: { flag: 'keep-days', arg: 'DAYS' },
  }),
  folder: setting(text(4096, { tooLong: 'The folder path is too long.' }), '', {
    who: 'receptionist',
    section: 'Recording',
    applies: 'live',
    recorder: true,
    label: 'Recordings folder',
    meaning: 'where recordings are saved (chosen with the system dialog)',
    defaultText: '`Music/Ozeki Recordings`',
    window: { edit: 'dialog' },
    cli: { flag: 'folder', arg: 'DIR', read: 'path', meaning: 'where recordings are saved', defaultText: 'required' },
  }),
} as const;

export type SettingKey = keyof typeof SETTINGS;
type Row<K extends SettingKey> = (typeof SETTINGS)[K];
type KeysWhere<P> = { [K in SettingKey]: Row<K> extends P ? K : never }[SettingKey];

/** The password: never kept in the settings (the keyring keeps it) and never shown. */
export type SecretKey = KeysWhere<{ secret: true }>;
export type StoredKey = Exclude<SettingKey, SecretKey>;
/** Every setting that is kept, with its value. */
export type Settings = { [K in StoredKey]: Row<K>['default'] };

/** Settings the domain checks further (main/host/settings.ts), after the checks of this table. */
export type DomainCheckedKey = KeysWhere<{ domainCheck: true }>;

export type RecorderKey = KeysWhere<{ recorder: true }>;
/** What the recording pipeline needs; the desktop app and the CLI each fill it from their own sources. */
export type RecorderSettings = Pick<Settings, RecorderKey>;
/** The settings a running recorder takes at once, without a restart. */
export type LiveRecorderKey = Extract<RecorderKey, KeysWhere<{ applies: 'live' }>>;
export type LiveRecorderSettings = Pick<RecorderSettings, LiveRecorderKey>;

/** Settings the window shows (the folder too, chosen with the system dialog) and those it may change itself. */
export type ShownKey = Exclude<KeysWhere<{ window: object }>, SecretKey>;
export type FieldKey = KeysWhere<{ window: { edit: 'field' } }>;
/** Settings chosen with a system dialog in main (a folder, a file): each has its own contract method. */
export type DialogKey = KeysWhere<{ window: { edit: 'dialog' } }>;
/** What the Settings form sends: its fields and the write-only password. */
export type FormKey = FieldKey | SecretKey;
export type FormValues = { [K in FormKey]: Row<K>['default'] };

const keysWhere = <K extends SettingKey>(test: (row: Meta) => boolean) => (Object.keys(SETTINGS) as SettingKey[]).filter((key) => test(SETTINGS[key])) as K[];

export const STORED_KEYS = keysWhere<StoredKey>((row) => row.secret !== true);
export const RECORDER_KEYS = keysWhere<RecorderKey>((row) => row.recorder);
export const RESTART_KEYS = keysWhere<SettingKey>((row) => row.applies === 'restart');
export const LIVE_RECORDER_KEYS = keysWhere<LiveRecorderKey>((row) => row.recorder && row.applies === 'live');
export const SHOWN_KEYS = keysWhere<ShownKey>((row) => row.window !== undefined && row.secret !== true);
export const FIELD_KEYS = keysWhere<FieldKey>((row) => row.window?.edit === 'field');
export const FORM_KEYS = keysWhere<FormKey>((row) => row.window?.edit === 'field' || row.window?.edit === 'secret');

/** The Settings form's headings in their order; a heading a row names that is not here comes after these. */
export const SECTIONS = ['Recording', 'Announcement', 'This desk', 'PBX', 'Listener', 'Recordings from the PBX', 'Retention', 'Updates'] as const;

/** Every setting's default. */
export const DEFAULT_SETTINGS = Object.fromEntries(STORED_KEYS.map((key) => [key, SETTINGS[key].default])) as unknown as Readonly<Settings>;
/** The pipeline's defaults, for the CLI and tests. */
export const RECORDER_DEFAULTS = Object.fromEntries(RECORDER_KEYS.map((key) => [key, SETTINGS[key].default])) as unknown as Readonly<RecorderSettings>;

/** What is wrong with a value, in the schema's words; undefined when it fits. The domain's checks come after (main). */
export function settingProblem(key: SettingKey, value: unknown): string | undefined {
  const result = v.safeParse(SETTINGS[key].value.check, value);
  return result.success ? undefined : result.issues[0].message;
}

const SETTINGS_CHANGE_SHAPE = v.strictObject(Object.fromEntries(FORM_KEYS.map((key) => [key, v.optional(SETTINGS[key].value.type as v.GenericSchema)])));

/**
 * Whether the window sent something it may (saveSettings, and the tests of the values typed): known keys of the
 * form, each of the right type.
 */
export function isSettingsChangeShape(value: unknown): value is Partial<FormValues> {
  return v.is(SETTINGS_CHANGE_SHAPE, value);
}

/** Whether `key` and `value` are one field of the form and a value of its type (checkSetting). */
export function isFormValueShape(key: unknown, value: unknown): key is FormKey {
  return typeof key === 'string' && (FORM_KEYS as readonly string[]).includes(key) && isSettingsChangeShape({ [key]: value });
}

/** The JSON schema of every kept setting, for the settings file. */
export const SETTINGS_JSON_SCHEMA = Object.fromEntries(STORED_KEYS.map((key) => [key, SETTINGS[key].value.json])) as {
  [K in StoredKey]: Record<string, unknown>;
};
