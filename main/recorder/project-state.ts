import type { LiveCall } from '../ozeki/live-call.ts';
import { callDirection, isMine } from './call-direction.ts';
import type { JournalEntry } from './journal.ts';
import { isRecordingNow, nextState } from './lifecycle.ts';
import type { LinkState } from './link-state.ts';
import { isPaused, keptMs } from './segments.ts';
import { shownAnnouncement } from './announcement.ts';
import type { CallView, InFlightView, LocalQueueView, RecorderState, RecorderWarning, RetentionWaiting } from './state.ts';

/** A save's download progress, as last reported (not journaled). */
export interface DownloadProgress {
  bytes: number;
  total?: number;
}

/** Everything the state shown to the UIs is made of. */
export interface StateSources {
  entries: readonly Readonly<JournalEntry>[];
  /** The live calls followed, and how many the PBX reported in all. */
  calls: readonly LiveCall[];
  callsTotal: number;
  progress: ReadonlyMap<string, DownloadProgress>;
  link: LinkState;
  pbxUrl: string;
  usingDemoPbx: boolean;
  /** The listener's base URL, or why it is not running. */
  listener: { baseUrl?: string; error?: string };
  warnings: readonly RecorderWarning[];
  /** The user's own extension ('' when not set). */
  myExtension: string;
  /** Why auto-record could not record a call, by call id. */
  autoRecordProblem: (callId: string) => string | undefined;
  /** Whether recording `id` is being announced now (RecordToggle.isAnnouncing). */
  announcing: (id: string) => boolean;
  /** Announcements as set now. */
  announce: RecorderState['announce'];
  /** The first retention sweep of the folder, waiting for its dry run to be confirmed. */
  retention?: RetentionWaiting | undefined;
  /** The recordings folder. */
  folder: string;
  /** The moment of the snapshot (epoch ms): a running recording's kept time is measured up to it. */
  now: number;
}

/**
 * What the UIs see, made from the journal and the live calls and nothing else: no I/O, no clock of its own.
 * A recording whose call goes on is shown on its call; every other one not saved or dismissed is in flight.
 */
export function projectState(from: StateSources): RecorderState {
  const recording = new Map(from.entries.filter(isRecordingNow).map((e) => [e.callId, e]));
  const calls = from.calls.map((call): CallView => {
    const entry = recording.get(call.callId);
    const problem = entry ? undefined : from.autoRecordProblem(call.callId);
    return {
      ...call,
      direction: callDirection(call, from.myExtension),
      mine: isMine(call, from.myExtension),
      ...(problem ? { autoRecordProblem: problem } : {}),
      ...(entry ? { recording: recordingOnCall(entry, from.now) } : {}),
    };
  });
  // One whose announcement failed with "do not record" is decided: it leaves the list now, not once it is dismissed.
  const inFlight = from.entries
    .filter((e) => e.state !== 'saved' && e.state !== 'dismissed' && !isRecordingNow(e) && !e.announcement?.notRecorded)
    .map((e) => inFlightView(e, from.progress.get(e.id), from.announcing(e.id)));
  const { baseUrl, error } = from.listener;
  const localQueue = localQueueView(from.entries, from.folder);
  return {
    link: from.link,
    myExtension: from.myExtension,
    pbxUrl: from.pbxUrl,
    usingDemoPbx: from.usingDemoPbx,
    calls,
    ...(from.callsTotal > from.calls.length ? { callsCapped: { shown: from.calls.length, total: from.callsTotal } } : {}),
    inFlight,
    listener: { ...(baseUrl ? { url: `${baseUrl}/ozeki/record-completed/…` } : {}), ...(error ? { error } : {}) },
    warnings: from.warnings.map((warning) => ({ ...warning })),
    announce: { ...from.announce },
    ...(from.retention ? { retention: { ...from.retention } } : {}),
    ...(localQueue ? { localQueue } : {}),
  };
}

/** What the UIs say while recordings are kept on this computer; undefined when none is. */
export function localQueueView(entries: readonly Readonly<JournalEntry>[], folder: string): LocalQueueView | undefined {
  const count = entries.filter((e) => e.state === 'queued').length;
  if (count === 0) return undefined;
  const kept = count === 1 ? '1 recording is kept' : `${count} recordings are kept`;
  return { count, folder, message: `The recordings folder ${folder} cannot be reached: ${kept} on this computer and will be moved when it is back.` };
}

function recordingOnCall(entry: Readonly<JournalEntry>, now: number): NonNullable<CallView['recording']> {
  const elapsed = entry.ackAt === undefined ? 0 : now - entry.ackAt;
  return {
    recordingId: entry.id,
    status: entry.state === 'requested' ? 'starting' : entry.state === 'unconfirmed' ? 'unconfirmed' : isPaused(entry.segments) ? 'paused' : 'recording',
    startedBy: entry.auto ? 'auto' : 'me',
    ...(entry.ackAt === undefined ? {} : { since: entry.ackAt }),
    segments: entry.segments,
    // Started while the call rang: nothing of the conversation is kept before it is answered (CallReconciler).
    keptMs: entry.keptFromAnswer ? 0 : keptMs(entry.segments, elapsed),
    ...(entry.announcement ? { announcement: shownAnnouncement(entry.announcement) } : {}),
  };
}

function inFlightView(e: Readonly<JournalEntry>, progress: DownloadProgress | undefined, announcing: boolean): InFlightView {
  return {
    id: e.id,
    callId: e.callId,
    from: e.call.source,
    to: e.call.destination,
    callerName: e.call.callerId,
    // Its call ended while it is announced: held back from saving (SaveQueue) until the announcement is over.
    state: announcing ? 'announcing' : e.state,
    ...(progress ? { downloadedBytes: progress.bytes, totalBytes: progress.total } : {}),
    ...(e.failure ? { failure: e.failure } : {}),
    canRetry: e.recordUrl !== undefined && nextState(e.state, 'retried') !== undefined,
    canDismiss: nextState(e.state, 'dismissed') !== undefined,
  };
}
