import type { RecordFormat } from '../ozeki/client.ts';

export type AnnounceMode = 'off' | 'text' | 'file';
export type AnnounceParty = 'caller' | 'callee' | 'both';
export type AnnounceOrder = 'announce-first' | 'record-first';
export type AnnounceFailure = 'dont-record' | 'record';

/**
 * What the recording pipeline needs to know; the desktop app and the CLI each fill it from their own sources.
 * Defaults, bounds and the words of each setting's error are the settings schema's (preload/settings-schema.ts),
 * whose types main/host/settings.ts checks against these, so the two cannot drift apart.
 */
export interface RecorderSettings {
  /** The PBX's HTTP API; empty means "use the demo PBX". */
  pbxUrl: string;
  username: string;
  format: RecordFormat;
  /** Where finished recordings are saved. */
  folder: string;
  /** File name template, see naming.ts; `/` makes sub-folders. */
  fileNameTemplate: string;
  /** What happens to the paused parts of a recording: cut out, or replaced by silence. */
  pausedParts: 'remove' | 'silence';
  /** "none", "all", or comma-separated patterns with `*` matched against the source or destination number. */
  autoRecord: string;
  /** Telling the other party the call is recorded (announcement.ts): off, the PBX says a text, or plays a file. */
  announce: AnnounceMode;
  /** What the PBX says (Speak) when `announce` is "text". */
  announceText: string;
  /** The audio file the PBX plays (Play) when `announce` is "file": an absolute path of a WAV or MP3. */
  announceFile: string;
  /** Who hears it. */
  announceParty: AnnounceParty;
  /** Announce, then record; or record, then announce (the announcement is then in the file). */
  announceOrder: AnnounceOrder;
  /** "Record without announcement" is offered for one call. */
  announceSkippable: boolean;
  /** When the PBX cannot announce: no recording, or a recording that says it was not announced. */
  announceFailure: AnnounceFailure;
  /** The receptionist's own extension, for "Record my call". */
  myExtension: string;
  /** This desk's name in the sidecars; empty: the computer's name. */
  deskName: string;
  /** Listener address; empty means the local address that routes to the PBX. */
  listenHost: string;
  listenPort: number;
  /** Overrides the URL the PBX is given (NAT, port forwarding); empty means http://<listen address>:<port>. */
  callbackUrl: string;
  /** Addresses allowed to call the listener (IPs or CIDR ranges); empty means the PBX's own address. */
  allowedCallers: string[];
  pollIntervalMs: number;
  /** A recording whose call ended without RecordCompleted after this long is reported as missed. */
  missedAfterMs: number;
  /**
   * The folder the PBX saves recordings in, when it runs on this computer (or shares it): the only place a
   * RecordURL that is a file path may be read from. Empty: every file path is refused.
   */
  pbxRecordingsDir: string;
  /** Where the PBX serves recordings over HTTP when not from its own address (scheme://host:port); empty: the PBX's. */
  recordingsOrigin: string;
  /** Recordings older than this many days (from the call's start) go to the trash, pinned ones excepted; 0 keeps them all. */
  keepDays: number;
}

/**
 * The settings a running RecorderService takes at once (applySettings): it reads each where it is used. The others
 * (the PBX's address and login, the listener's address, port, callback URL and allowed callers) are read when the
 * service starts and need a new one.
 */
export type LiveRecorderSettings = Pick<
  RecorderSettings,
  | 'myExtension'
  | 'deskName'
  | 'format'
  | 'folder'
  | 'fileNameTemplate'
  | 'pausedParts'
  | 'autoRecord'
  | 'announce'
  | 'announceText'
  | 'announceFile'
  | 'announceParty'
  | 'announceOrder'
  | 'announceSkippable'
  | 'announceFailure'
  | 'pollIntervalMs'
  | 'missedAfterMs'
  | 'pbxRecordingsDir'
  | 'recordingsOrigin'
  | 'keepDays'
>;
