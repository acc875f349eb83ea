/**
 * The one IPC contract between main and the window: what `window.recorder` offers.
 * Main and the preload import it; the renderer imports its types only. The renderer never hands main a path
 * or a URL: recordings are named by their path relative to the recordings folder, which main resolves.
 *
 * It imports nothing of main: the types below are the window's own view of the recorder, and main converts its
 * domain state into them in one place (main/host/window-view.ts). A change to the domain therefore changes what
 * crosses IPC only where that conversion is changed too; the compiler points there.
 */
import type { FormKey, FormValues, Settings, ShownKey } from './settings-schema.ts';

/** How the app stands with the PBX, in words for the status line. */
export interface LinkView {
  status: 'connecting' | 'connected' | 'unreachable' | 'auth-failed' | 'misconfigured' | 'paused';
  message: string;
  /** When not connected: when the PBX last answered (epoch ms), if it did since the recorder started. */
  lastContactAt?: number;
}

/** A kept part of a PBX recording, in milliseconds into its file; no end: it runs to the end. */
export interface SegmentView {
  startMs: number;
  endMs?: number;
}

/** A live call as the window shows it: the PBX's view plus what the recorder is doing with it. */
export interface CallView {
  callId: string;
  /** The PBX's CallState (InCall, Ringing, Hold, …; the PBX may send others). */
  state: string;
  source: string;
  destination: string;
  callerId: string;
  /** ISO 8601: the same over Electron IPC and the preview's JSON. */
  startTime: string;
  ringSeconds: number;
  talkSeconds: number;
  /** From the numbers and my extension: a call from outside, to outside, or between two extensions. */
  direction: 'in' | 'out' | 'internal';
  /** My extension is one end of the call. */
  mine: boolean;
  /** Why auto-record could not record this call, while that is so (the PBX refused Record; it is tried again). */
  autoRecordProblem?: string;
  recording?: {
    recordingId: string;
    /** starting: Record sent, answer awaited; unconfirmed: no answer came in time, the PBX may be recording. */
    status: 'starting' | 'unconfirmed' | 'recording' | 'paused';
    /** Who started it: the user, or the auto-record setting. */
    startedBy: 'me' | 'auto';
    /** When the PBX acknowledged Record (epoch ms). */
    since?: number;
    segments: SegmentView[];
    keptMs: number;
    /**
     * Whether and how the call is announced as recorded; absent when announcements were off as recording started.
     * The row says "Announcing…" (pending), "Announced" (with `how` and `party`), "Recording without announcement"
     * (skipped), or "Not announced: <problem>" (failed: the recording went ahead, as the settings say).
     */
    announcement?: AnnouncementView;
  };
}

/** How a recording is (or was) announced to the other party of its call. */
export interface AnnouncementView {
  /** text: the PBX says a text (Speak); file: it plays an audio file (Play). */
  how: 'text' | 'file';
  /** The text said, or the audio file's name. */
  what: string;
  party: 'caller' | 'callee' | 'both';
  /** announce-first: announced, then recorded; record-first: the announcement is in the recording. */
  order: 'announce-first' | 'record-first';
  outcome: 'pending' | 'announced' | 'failed' | 'skipped';
  /** Why it failed, in words (with the PBX's code where there is one). */
  problem?: string;
}

/**
 * `queued`: finished and kept on this computer while the recordings folder cannot be reached (see StateView.localQueue).
 * `announcing`: the call ended while its announcement is still awaited (record, then announce): whether it may be
 * saved is not known yet; it is saved after a good announcement, and leaves the list unsaved after a failed one when
 * the settings say not to record then.
 */
export type RecordingStateView =
  'requested' | 'unconfirmed' | 'recording' | 'completed' | 'downloading' | 'saving' | 'queued' | 'saved' | 'failed' | 'missed' | 'dismissed' | 'announcing';

export interface FailureView {
  kind: 'folder' | 'network' | 'refused' | 'gone' | 'damaged' | 'missed' | 'internal';
  message: string;
  retryable: boolean;
}

/** A recording that is not saved yet. */
export interface InFlightView {
  id: string;
  callId: string;
  from: string;
  to: string;
  callerName: string;
  state: RecordingStateView;
  downloadedBytes?: number;
  totalBytes?: number;
  failure?: FailureView;
  /** Retry can help: the PBX sent the file's address and the recording is not being saved right now. */
  canRetry: boolean;
  /** The user may clear it from the list (failed or missed). */
  canDismiss: boolean;
}

/** Everything the window shows about the running recorder, pushed on every change. */
export interface StateView {
  link: LinkView;
  /** The user's own extension, '' when not set ("Record my call"). */
  myExtension: string;
  pbxUrl: string;
  usingDemoPbx: boolean;
  calls: CallView[];
  /** Set when the PBX reports more live calls than the recorder follows. */
  callsCapped?: { shown: number; total: number };
  inFlight: InFlightView[];
  /** The URL the PBX is given for RecordCompleted, without its secret parts. */
  listener: { url?: string; error?: string };
  /** What the user should know that belongs to no call or recording, oldest first (the frame's banner). */
  warnings: WarningView[];
  /**
   * Announcements as set now: how recordings are announced (off, text, file), and whether a call that is not being
   * recorded offers "Record without announcement" (recordWithoutAnnouncement).
   */
  announce: { mode: 'off' | 'text' | 'file'; canSkip: boolean };
  /**
   * Set while the first retention sweep of the recordings folder waits for the user: it would move `count`
   * recordings older than `days` days to the trash (`message` says so in words). Nothing moves until
   * confirmRetention; the window offers it next to the message, with retentionPreview's list.
   */
  retention?: { count: number; days: number; message: string };
  /**
   * Set while finished recordings are kept on this computer because the recordings folder cannot be reached: the
   * window shows `message` as a banner ("The recordings folder … cannot be reached: 3 recordings are kept on this
   * computer and will be moved when it is back."); the recordings themselves are in `inFlight` as `queued`.
   */
  localQueue?: LocalQueueView;
}

/**
 * A warning of the recorder: `message` in a receptionist's words, `detail` for whoever fixes it (behind "Details"),
 * `at` when it was given (epoch ms). The kinds are described at main/recorder/state.ts's WarningKind; some are shown
 * by a view too (auto-record-failed on its call's row, listener-not-started and retention-waiting in Calls).
 */
export interface WarningView {
  kind:
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
  message: string;
  detail?: string;
  at: number;
}

export interface LocalQueueView {
  count: number;
  /** The recordings folder they wait for. */
  folder: string;
  message: string;
}

/** The parts of StateView that change as a whole; `calls` and `inFlight` change item by item. */
export const STATE_FIELDS = [
  'link',
  'myExtension',
  'pbxUrl',
  'usingDemoPbx',
  'callsCapped',
  'listener',
  'warnings',
  'announce',
  'retention',
  'localQueue',
] as const satisfies readonly Exclude<keyof StateView, 'calls' | 'inFlight'>[];
export type StateField = (typeof STATE_FIELDS)[number];
// A field added to StateView but not to STATE_FIELDS fails to compile here, so no field is left out of a change.
type MissingField = Exclude<keyof StateView, StateField | 'calls' | 'inFlight'>;
export const STATE_FIELDS_COMPLETE: MissingField extends never ? true : never = true;

/** How a list of the state changed: the ids in their new order, and the items that are new or different. */
export interface ListChange<T> {
  ids: string[];
  changed: T[];
}

/**
 * What changed since the state last sent to the window (preload/state-change.ts makes and applies it). Only the
 * parts that changed are present; `unset` names optional fields that were cleared (JSON has no undefined).
 */
export interface StateChange {
  set?: Partial<Pick<StateView, StateField>>;
  unset?: StateField[];
  calls?: ListChange<CallView>;
  inFlight?: ListChange<InFlightView>;
}

export type ToggleResult = { ok: true; status: 'recording' | 'paused' | 'unconfirmed'; recordingId: string } | { ok: false; message: string };

/** A saved recording's sidecar as the window sees it (the checksum and file format version stay in the folder). */
export interface SidecarView {
  /** The audio file's name, in the same folder. */
  file: string;
  recordingId: string;
  callId: string;
  from: string;
  to: string;
  callerName: string;
  /** ISO 8601. */
  startTime: string;
  durationSeconds: number;
  keptSegments: SegmentView[];
  pausedParts: 'remove' | 'silence';
  format: 'mp3' | 'wav';
  /** Set when paused parts could not be removed from the file: its audio format's name. */
  uncutFormat?: string;
  /** Whether and how the call was announced; absent when announcements were off. */
  announcement?: AnnouncementView;
  note: string;
  pinned: boolean;
  /** ISO 8601. */
  savedAt: string;
  /** The desk that saved it; absent in sidecars written before desks were named. */
  desk?: DeskView;
}

/** A desk of the front desk: the name it goes by (the Desk name setting, or the computer's name), its computer and user. */
export interface DeskView {
  name: string;
  machine: string;
  user: string;
}

/** Which recordings library() lists: those matching the search, of one desk (by its name) when `desk` is given. */
export interface LibraryFilter {
  desk?: string;
}

/**
 * One PBX call in the library: the recording to show and play, every desk that saved the call (`desks`, this
 * recording's first: "Front desk 1, Front desk 2"), and the other desks' recordings of the same call (same
 * CallId), which the list does not show again.
 */
export interface LibraryCallView extends SavedRecording {
  desks: DeskView[];
  otherCopies: SavedRecording[];
}

/** Settings as the window sees them (the settings schema says which): everything but the password, which is write-only. */
export type SettingsView = Pick<Settings, ShownKey> & {
  passwordSet: boolean;
  /** True where the OS offers no keyring: the password is then kept for this session only. */
  passwordInMemoryOnly: boolean;
  /** Why the shortcut for "Record my call" does not work (another program holds the keys), when it does not. */
  shortcutProblem?: string;
};

/**
 * The settings the window may change (the folder only through chooseFolder), as typed: the password too, which is
 * saved only with the rest (never when another field is refused) and is never sent back.
 */
export type SettingsChange = Partial<FormValues>;

/** `note`: what the window says instead of "Saved." (a restart that waits for the recordings in flight). */
export type SaveSettingsResult = { ok: true; settings: SettingsView; note?: string } | { ok: false; errors: Partial<Record<keyof SettingsChange, string>> };

/** The settings after a file was chosen (unchanged when the dialog was cancelled), or why the file cannot be used. */
export type ChooseFileResult = { ok: true; settings: SettingsView } | { ok: false; message: string };

export interface SavedRecording {
  relativePath: string;
  sidecar: SidecarView;
}

export interface CheckResult {
  ok: boolean;
  message: string;
}

/** What a rule would move to the trash now: the recordings, oldest first, and the sentence to show above them. */
export interface TrashPreview {
  /** "These 37 recordings would be moved to the trash." */
  message: string;
  recordings: SavedRecording[];
}

/**
 * What to export: saved recordings by their path inside the folder (a multi-selection), or every recording of a
 * range of days (YYYY-MM-DD, both included, on this computer's clock; either end may be left out) and, if given,
 * of one number (caller or callee; spaces, dashes and brackets ignored).
 */
export type ExportSelectionView = { kind: 'recordings'; relativePaths: string[] } | { kind: 'filter'; from?: string; to?: string; number?: string };

/** What an export would hold: "12 recordings, 340 MB", or why there is nothing to export. */
export type ExportSummaryView = { ok: true; count: number; bytes: number; message: string } | { ok: false; message: string };

/** How an export ended: written (the message says where), cancelled in the save dialog, or failed (why, in words). */
export type ExportResultView = { ok: true; count: number; bytes: number; message: string } | { ok: false; cancelled: boolean; message: string };

/** How far the ZIP being exported is written: pushed at most once per whole percent. */
export interface ExportProgressView {
  doneBytes: number;
  totalBytes: number;
}

/** Recordings held for deletion: listed no more, moved to the trash unless `undoDelete(undoId)` comes in time. */
export type DeleteResult = { ok: true; undoId: string; count: number } | { ok: false; message: string };

/**
 * Save a copy as…: saved where the user chose (the app's save dialog), cancelled there, or — where main has no
 * dialog (the preview) — a download the window starts itself, from the player's own address.
 */
export type SaveCopyResult =
  | { outcome: 'saved'; message: string }
  | { outcome: 'cancelled' }
  | { outcome: 'download'; url: string; fileName: string }
  | { outcome: 'failed'; message: string };

export interface RecorderApi {
  getState(): Promise<StateView>;
  toggle(callId: string): Promise<ToggleResult>;
  toggleMine(): Promise<ToggleResult>;
  /** Asks the PBX for its calls at once (the outage banner's Try now); says how the link stands after it. */
  pollNow(): Promise<CheckResult>;
  /** "Record without announcement": records one call that is not being recorded, where the settings allow skipping. */
  recordWithoutAnnouncement(callId: string): Promise<ToggleResult>;
  retry(recordingId: string): Promise<CheckResult>;
  /** Clears a failed or missed recording from the list. */
  dismiss(recordingId: string): Promise<CheckResult>;
  /** The saved recordings, one item per PBX call (several desks may have saved it); `filter.desk` keeps one desk's. */
  library(query: string, filter?: LibraryFilter): Promise<LibraryCallView[]>;
  setNote(relativePath: string, note: string): Promise<void>;
  setPinned(relativePath: string, pinned: boolean): Promise<void>;
  /** Holds recordings for deletion: the window shows Undo; main moves them to the trash when the time is up. */
  deleteRecordings(relativePaths: string[]): Promise<DeleteResult>;
  /** Brings back recordings held by deleteRecordings, while their time is not up. */
  undoDelete(undoId: string): Promise<CheckResult>;
  saveCopy(relativePath: string): Promise<SaveCopyResult>;
  /** Drags a recording's file out of the window (into a mail, a folder): only the app can; the preview says so. */
  startDrag(relativePath: string): Promise<CheckResult>;
  showInFolder(relativePath: string): Promise<void>;
  copyPath(relativePath: string): Promise<void>;
  getSettings(): Promise<SettingsView>;
  saveSettings(change: SettingsChange): Promise<SaveSettingsResult>;
  chooseFolder(): Promise<SettingsView>;
  /** Chooses the announcement's audio file with the system dialog, in main (the window never hands over a path). */
  chooseAnnounceFile(): Promise<ChooseFileResult>;
  /**
   * Connects to the PBX with the address, username and password typed (the saved ones where a field is not sent).
   * The saved password goes only to the PBX and user it belongs to, never to an address or username typed instead.
   */
  testConnection(typed: SettingsChange): Promise<CheckResult>;
  /** Checks that the listener answers with the listener's settings typed: the running one, or one started for the test. */
  testListener(typed: SettingsChange): Promise<CheckResult>;
  /** Opens the folder of the app's log files in the system's file manager. */
  openLogFolder(): Promise<CheckResult>;
  /** Whether an update is downloaded and waiting for a restart (never one in the preview). */
  updateStatus(): Promise<UpdateView>;
  /** Restarts into the downloaded update, at once or once the recordings in progress are saved; says which. */
  restartToUpdate(): Promise<CheckResult>;
  /**
   * One value as typed, checked as saveSettings would (the domain's checks too): what is wrong with it, or what it
   * will do (the next file name of a template, an auto-record rule in words; '' where there is nothing to say).
   */
  checkSetting(key: FormKey, value: unknown): Promise<CheckResult>;
  /** Retention's dry run for `days` as typed in Settings (0: nothing): what a sweep would move to the trash now. Pinned recordings are kept. */
  retentionPreview(days: number): Promise<TrashPreview>;
  /** Confirms the dry run of the first sweep (StateView.retention): the sweep runs now, and from then on by itself. */
  confirmRetention(): Promise<CheckResult>;
  /** Every saved recording of a phone number, as caller or callee (the number compared as main/recorder/phone-number.ts reads it), oldest first. */
  recordingsOfNumber(number: string): Promise<TrashPreview>;
  /** Moves every saved recording of the number to the trash, pinned ones too (a person asked to be forgotten); audited in retention.log. */
  eraseNumber(number: string): Promise<CheckResult>;
  /** The URL the window's audio player loads a saved recording from. */
  playbackUrl(relativePath: string): Promise<string>;
  /** What exporting the selection would write, before the user chooses where. */
  exportSummary(selection: ExportSelectionView): Promise<ExportSummaryView>;
  /**
   * Asks main where to save (a save dialog in the app; the preview writes into its exports folder), then writes
   * one ZIP of the selection: the audio files, their descriptions, index.csv and index.html. `exportProgress`
   * events follow it; one export at a time.
   */
  exportRecordings(selection: ExportSelectionView): Promise<ExportResultView>;
}

export type RecorderMethod = keyof RecorderApi;

/** Every method of the contract; the preload exposes exactly these and main handles exactly these. */
export const RECORDER_METHODS = [
  'getState',
  'toggle',
  'toggleMine',
  'pollNow',
  'recordWithoutAnnouncement',
  'retry',
  'dismiss',
  'library',
  'setNote',
  'setPinned',
  'deleteRecordings',
  'undoDelete',
  'saveCopy',
  'startDrag',
  'showInFolder',
  'copyPath',
  'getSettings',
  'saveSettings',
  'chooseFolder',
  'chooseAnnounceFile',
  'testConnection',
  'testListener',
  'openLogFolder',
  'updateStatus',
  'restartToUpdate',
  'checkSetting',
  'playbackUrl',
  'retentionPreview',
  'confirmRetention',
  'recordingsOfNumber',
  'eraseNumber',
  'exportSummary',
  'exportRecordings',
] as const satisfies readonly RecorderMethod[];

// A method added to RecorderApi but not to the list (or the other way) fails to compile here.
type Missing = Exclude<RecorderMethod, (typeof RECORDER_METHODS)[number]>;
export const CONTRACT_COMPLETE: Missing extends never ? true : never = true;

/** Pushed from main to the window. */
export interface RecorderEvents {
  /** The whole state: when the window is shown or loaded, and to start from. */
  state: StateView;
  /** Only what changed since the last state or change sent; nothing is sent when nothing changed. */
  stateChanged: StateChange;
  libraryChanged: null;
  /** The tray asks the window to show one of its views. */
  navigate: 'calls' | 'recordings' | 'settings';
  /** An update was downloaded, or its restart now waits for recordings in progress. */
  updateChanged: UpdateView;
  /** The ZIP of exportRecordings is being written: how far. */
  exportProgress: ExportProgressView;
  /** A recording reached the recordings folder (its path stays in main: the window names it from its state). */
  recordingSaved: { id: string; callId: string };
  /**
   * Nothing of a recording is saved, by design rather than by failure: its call was never answered, or its
   * announcement failed with the settings saying not to record then. `message` says which, in words.
   */
  recordingNotSaved: { id: string; callId: string; message: string };
}

/** An update as the window shows it: none, ready ("Restart to update"), or a restart that waits for recordings. */
export type UpdateView = { kind: 'none' } | { kind: 'ready'; version: string } | { kind: 'waiting'; version: string; message: string };

/** Every event of the contract; the preload and the preview's bridge subscribe to exactly these. */
export const RECORDER_EVENTS = [
  'state',
  'stateChanged',
  'libraryChanged',
  'navigate',
  'updateChanged',
  'exportProgress',
  'recordingSaved',
  'recordingNotSaved',
] as const satisfies readonly (keyof RecorderEvents)[];

// An event added to RecorderEvents but not to the list fails to compile here (`satisfies` above catches the other way).
type MissingEvent = Exclude<keyof RecorderEvents, (typeof RECORDER_EVENTS)[number]>;
export const EVENTS_COMPLETE: MissingEvent extends never ? true : never = true;

export const channelOf = (method: RecorderMethod): string => `recorder:${method}`;
export const eventChannelOf = (event: keyof RecorderEvents): string => `recorder-event:${event}`;

/**
 * What the preload exposes as `window.recorder`: the methods, event subscriptions that return an unsubscribe, and
 * the platform the window runs on.
 */
export interface WindowRecorder extends RecorderApi {
  /** The operating system, as Node names it (win32, darwin, linux): the window writes shortcuts as it does (acceleratorText). */
  readonly platform: string;
  on<E extends keyof RecorderEvents>(event: E, listener: (payload: RecorderEvents[E]) => void): () => void;
}
