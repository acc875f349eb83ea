// What the recorder tells its UIs (window, tray, CLI): plain types with no run-time imports, so the window's
// code can use them as they are.
import type { LiveCall } from '../ozeki/live-call.ts';
import type { CallDirection } from './call-direction.ts';
import type { FailureKind } from './errors.ts';
import type { LinkState } from './link-state.ts';
import type { KeptSegment } from './segments.ts';
import type { ShownAnnouncement } from './announcement.ts';

/**
 * requested → unconfirmed | recording → completed → downloading → saving → (queued →) saved; or failed, missed, dismissed.
 * `queued`: finished and kept on this computer while the recordings folder cannot be reached; moved there when it is back.
 * `unconfirmed`: Record was sent and no answer came (a timeout, or the connection closed after sending): the PBX may be recording, so the entry and its
 * secret are kept and no second Record is sent for the call. The moves allowed are in lifecycle.ts.
 */
export type RecordingState =
  'requested' | 'unconfirmed' | 'recording' | 'completed' | 'downloading' | 'saving' | 'queued' | 'saved' | 'failed' | 'missed' | 'dismissed';

export interface RecordingFailureView {
  kind: FailureKind;
  message: string;
  retryable: boolean;
}

/** A live call as the UI shows it: the PBX's view plus what we are doing with it. */
export interface CallView extends LiveCall {
  /** In, out or internal, from the numbers and my extension (call-direction.ts). */
  direction: CallDirection;
  /** My extension is one end of the call. */
  mine: boolean;
  /** Why auto-record could not record this call (the PBX refused Record), while that is so. */
  autoRecordProblem?: string;
  recording?: {
    recordingId: string;
    /** starting: Record sent, answer awaited; unconfirmed: no answer came in time, the PBX may be recording. */
    status: 'starting' | 'unconfirmed' | 'recording' | 'paused';
    /** Who started it: the user (window, tray, shortcut) or the auto-record setting. */
    startedBy: 'me' | 'auto';
    /** When the PBX acknowledged Record (epoch ms). */
    since?: number;
    segments: KeptSegment[];
    keptMs: number;
    /** Whether and how the call is announced; absent when announcements were off as it started. */
    announcement?: AnnouncementView;
  };
}

/** A recording's announcement as the UIs show it. */
export type AnnouncementView = ShownAnnouncement;

/**
 * Where a recording not saved yet is, as the UIs show it: its life-cycle state, or `announcing` while its call has
 * ended and its announcement is still awaited (record, then announce): whether it may be saved is not known then.
 */
export type InFlightState = RecordingState | 'announcing';

/** A recording that is not saved yet. */
export interface InFlightView {
  id: string;
  callId: string;
  from: string;
  to: string;
  callerName: string;
  state: InFlightState;
  downloadedBytes?: number;
  totalBytes?: number;
  failure?: RecordingFailureView;
  /** Retry can help: the PBX sent the file's address and the recording is not being saved right now. */
  canRetry: boolean;
  /** The user may clear it from the list (failed or missed). */
  canDismiss: boolean;
}

export interface RecorderState {
  link: LinkState;
  /** The user's own extension (the settings'), '' when not set: "Record my call" and the calls marked mine. */
  myExtension: string;
  pbxUrl: string;
  usingDemoPbx: boolean;
  calls: CallView[];
  /** Set when the PBX reports more live calls than the recorder follows (see MAX_LIVE_CALLS). */
  callsCapped?: { shown: number; total: number };
  inFlight: InFlightView[];
  /** The URL the PBX is given for RecordCompleted, without its secret parts. */
  listener: { url?: string; error?: string };
  /** What the user should know that belongs to no call or recording, oldest first (RecorderCore.warn keeps the last few of each kind). */
  warnings: RecorderWarning[];
  /** Announcements as set now: how calls are announced, and whether "Record without announcement" is offered. */
  announce: { mode: 'off' | 'text' | 'file'; canSkip: boolean };
  /**
   * Set while the first retention sweep of the folder waits for the user: how many recordings older than `days`
   * it would move to the trash, in words. Nothing moves until confirmRetention (Settings) or, for the CLI's run, `ozeki-recorder prune` with its data folder.
   */
  retention?: RetentionWaiting;
  /** Set while finished recordings are kept on this computer because the recordings folder cannot be reached. */
  localQueue?: LocalQueueView;
}

/**
 * What a warning is about. The window's banner leaves out the kinds a view already shows (renderer/warnings-bar.ts).
 * - auto-record-off: the auto-record setting cannot be read, so it records nothing.
 * - auto-record-failed: the PBX refused to record a call auto-record asked for (the call's row says so too).
 * - listener-not-started: the listener for finished recordings could not start (the Calls view says so too).
 * - listener-unreachable: a recording ended without its notice and nothing from the network reached the listener (a firewall).
 * - listener-not-answering: after the computer woke up, the listener did not answer its self-test.
 * - notification-refused: the listener refused a request (not an allowed caller, a wrong secret, a malformed notice…).
 * - notification-not-kept: a finished recording's notice could not be journaled; the PBX was asked to send it again.
 * - journal-damaged: lines of the journal could not be read at start and were set aside.
 * - data-folder-not-private: the data folder (or a file in it) could not be made readable by its owner only.
 * - retention-waiting: the first retention sweep waits to be confirmed (the Calls view and Settings show it too).
 * - retention-failed: recordings the sweep or an erasure moves could not be moved to the trash.
 * - restart-failed: the app could not restart the recorder with new settings (an event of the app's host only).
 * - demo-pbx: the CLI runs on a demo PBX, as no PBX address was given (an event of the CLI only).
 */
export type WarningKind =
  | 'auto-record-off'
  | 'auto-record-failed'
  | 'listener-not-started'
  | 'listener-unreachable'
  | 'listener-not-answering'
  | 'notification-refused'
  | 'notification-not-kept'
  | 'journal-damaged'
  | 'data-folder-not-private'
  | 'retention-waiting'
  | 'retention-failed'
  | 'restart-failed'
  | 'demo-pbx';

/**
 * A warning as a part of the recorder gives it: its kind, `message` in words a receptionist understands, and
 * `detail`, what whoever fixes it needs (paths, codes, addresses). The log and the CLI print both (warningText).
 */
export interface WarningNotice {
  kind: WarningKind;
  message: string;
  detail?: string;
}

/** A warning kept for the UIs, with when it was given (epoch ms, on the recorder's clock). */
export interface RecorderWarning extends WarningNotice {
  at: number;
}

/** The first retention sweep of a folder that would move recordings, waiting for the user to confirm its dry run. */
export interface RetentionWaiting {
  count: number;
  days: number;
  message: string;
}

export interface LocalQueueView {
  /** How many recordings are kept on this computer. */
  count: number;
  /** The recordings folder they wait for. */
  folder: string;
  /** What the window and the tray say, in one sentence. */
  message: string;
}

export type RecorderEvent =
  | { type: 'link'; link: LinkState }
  | { type: 'call-seen'; call: LiveCall }
  | { type: 'call-ended'; callId: string }
  | { type: 'recording-started'; id: string; callId: string; auto: boolean }
  | { type: 'recording-unconfirmed'; id: string; callId: string; auto: boolean }
  | { type: 'recording-paused'; id: string; callId: string }
  | { type: 'recording-resumed'; id: string; callId: string }
  | { type: 'recording-completed'; id: string; callId: string }
  | { type: 'announced'; id: string; callId: string; how: 'text' | 'file' }
  | { type: 'announcement-failed'; id: string; callId: string; message: string; recorded: boolean }
  | { type: 'recording-saved'; id: string; callId: string; path: string }
  /** Finished and kept on this computer at `path`, as the recordings folder `folder` cannot be reached. */
  | { type: 'recording-queued'; id: string; callId: string; path: string; folder: string }
  | { type: 'recording-failed'; id: string; callId: string; message: string; retryable: boolean }
  | { type: 'recording-missed'; id: string; callId: string; message: string }
  | { type: 'recording-dismissed'; id: string; callId: string }
  /**
   * Nothing of the recording is saved, by design rather than by failure (lifecycle.ts `discarded`): its call was
   * never answered, or its announcement failed with the settings saying not to record. `message` says which.
   */
  | { type: 'recording-not-saved'; id: string; callId: string; message: string }
  | { type: 'duplicate-notification'; id: string }
  | { type: 'library-changed' }
  | ({ type: 'warning' } & WarningNotice);

/** `retryable: false`: trying again cannot help (an announcement failed and the setting says not to record). */
export type ToggleResult =
  { ok: true; status: 'recording' | 'paused' | 'unconfirmed'; recordingId: string } | { ok: false; message: string; retryable?: false };
