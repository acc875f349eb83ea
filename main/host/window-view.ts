// The one place where the recorder's domain state becomes what the window sees (preload/contract.ts). Every
// field is copied by name, so the compiler checks each one: a field added to the domain stays out of IPC until it
// is added here, and a field renamed or retyped in the domain fails to compile here rather than reaching the window.
import type {
  AnnouncementView,
  CallView,
  DeskView,
  InFlightView,
  LibraryCallView,
  SavedRecording,
  SegmentView,
  StateView,
  ToggleResult as ToggleView,
  WarningView,
} from '../../preload/contract.ts';
import type { LibraryCall } from '../recorder/library-calls.ts';
import type { LibraryItem } from '../recorder/library.ts';
import type { KeptSegment } from '../recorder/segments.ts';
import type { Desk } from '../recorder/sidecar.ts';
import type {
  AnnouncementView as DomainAnnouncement,
  CallView as DomainCall,
  InFlightView as DomainInFlight,
  RecorderState,
  RecorderWarning,
  ToggleResult,
} from '../recorder/state.ts';

export function stateView(state: RecorderState): StateView {
  return {
    link: {
      status: state.link.status,
      message: state.link.message,
      ...(state.link.lastContactAt === undefined ? {} : { lastContactAt: state.link.lastContactAt }),
    },
    myExtension: state.myExtension,
    pbxUrl: state.pbxUrl,
    usingDemoPbx: state.usingDemoPbx,
    calls: state.calls.map(callView),
    callsCapped: state.callsCapped && { shown: state.callsCapped.shown, total: state.callsCapped.total },
    inFlight: state.inFlight.map(inFlightView),
    listener: { url: state.listener.url, error: state.listener.error },
    warnings: state.warnings.map(warningView),
    announce: { mode: state.announce.mode, canSkip: state.announce.canSkip },
    retention: state.retention && { count: state.retention.count, days: state.retention.days, message: state.retention.message },
    localQueue: state.localQueue && { count: state.localQueue.count, folder: state.localQueue.folder, message: state.localQueue.message },
  };
}

function warningView(warning: RecorderWarning): WarningView {
  return { kind: warning.kind, message: warning.message, ...(warning.detail === undefined ? {} : { detail: warning.detail }), at: warning.at };
}

function callView(call: DomainCall): CallView {
  const { recording } = call;
  return {
    callId: call.callId,
    state: call.state,
    source: call.source,
    destination: call.destination,
    callerId: call.callerId,
    startTime: call.startTime.toISOString(),
    ringSeconds: call.ringSeconds,
    talkSeconds: call.talkSeconds,
    direction: call.direction,
    mine: call.mine,
    ...(call.autoRecordProblem === undefined ? {} : { autoRecordProblem: call.autoRecordProblem }),
    recording: recording && {
      recordingId: recording.recordingId,
      status: recording.status,
      startedBy: recording.startedBy,
      since: recording.since,
      segments: recording.segments.map(segmentView),
      keptMs: recording.keptMs,
      ...(recording.announcement ? { announcement: announcementView(recording.announcement) } : {}),
    },
  };
}

function inFlightView(recording: DomainInFlight): InFlightView {
  const { failure } = recording;
  return {
    id: recording.id,
    callId: recording.callId,
    from: recording.from,
    to: recording.to,
    callerName: recording.callerName,
    state: recording.state,
    downloadedBytes: recording.downloadedBytes,
    totalBytes: recording.totalBytes,
    failure: failure && { kind: failure.kind, message: failure.message, retryable: failure.retryable },
    canRetry: recording.canRetry,
    canDismiss: recording.canDismiss,
  };
}

function announcementView(announcement: DomainAnnouncement): AnnouncementView {
  return {
    how: announcement.how,
    what: announcement.what,
    party: announcement.party,
    order: announcement.order,
    outcome: announcement.outcome,
    ...(announcement.problem === undefined ? {} : { problem: announcement.problem }),
  };
}

function segmentView(segment: KeptSegment): SegmentView {
  return { startMs: segment.startMs, endMs: segment.endMs };
}

export function toggleView(result: ToggleResult): ToggleView {
  return result.ok ? { ok: true, status: result.status, recordingId: result.recordingId } : { ok: false, message: result.message };
}

export function savedRecordingView(item: Pick<LibraryItem, 'relativePath' | 'sidecar'>): SavedRecording {
  const { sidecar } = item;
  return {
    relativePath: item.relativePath,
    sidecar: {
      file: sidecar.file,
      recordingId: sidecar.recordingId,
      callId: sidecar.callId,
      from: sidecar.from,
      to: sidecar.to,
      callerName: sidecar.callerName,
      startTime: sidecar.startTime,
      durationSeconds: sidecar.durationSeconds,
      keptSegments: sidecar.keptSegments.map(segmentView),
      pausedParts: sidecar.pausedParts,
      format: sidecar.format,
      ...(sidecar.uncutFormat === undefined ? {} : { uncutFormat: sidecar.uncutFormat }),
      ...(sidecar.announcement === undefined ? {} : { announcement: announcementView(sidecar.announcement) }),
      note: sidecar.note,
      pinned: sidecar.pinned,
      savedAt: sidecar.savedAt,
      ...(sidecar.desk === undefined ? {} : { desk: deskView(sidecar.desk) }),
    },
  };
}

function deskView(desk: Desk): DeskView {
  return { name: desk.name, machine: desk.machine, user: desk.user };
}

/** A PBX call of the library as the window lists it: its recording, the desks that saved it, their other copies. */
export function libraryCallView(call: LibraryCall): LibraryCallView {
  return { ...savedRecordingView(call), desks: call.desks.map(deskView), otherCopies: call.otherCopies.map(savedRecordingView) };
}
