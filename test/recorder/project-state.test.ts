import { describe, expect, it } from 'vitest';
import type { LiveCall } from '../../main/ozeki/live-call.ts';
import type { JournalEntry } from '../../main/recorder/journal.ts';
import { workInFlight } from '../../main/host/recorder-host.ts';
import { projectState, type StateSources } from '../../main/recorder/project-state.ts';
import type { RecorderWarning } from '../../main/recorder/state.ts';

const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);

function call(callId: string, source = '1000'): LiveCall {
  return { callId, state: 'InCall', source, destination: '1001', callerId: 'Reception', startTime: new Date(T0), ringSeconds: 0, talkSeconds: 10 };
}

function entry(id: string, callId: string, change: Partial<JournalEntry>): JournalEntry {
  return {
    id,
    secret: `secret-${id}`,
    callId,
    call: { source: '1000', destination: '1001', callerId: 'Reception', startTime: new Date(T0).toISOString() },
    format: 'wav',
    state: 'recording',
    requestedAt: T0,
    segments: [],
    updatedAt: T0,
    ...change,
  };
}

function sources(change: Partial<StateSources>): StateSources {
  return {
    entries: [],
    calls: [],
    callsTotal: 0,
    progress: new Map(),
    link: { status: 'connected', message: 'Connected.' },
    pbxUrl: 'http://pbx:7780',
    usingDemoPbx: false,
    listener: {},
    warnings: [],
    myExtension: '',
    autoRecordProblem: () => undefined,
    announcing: () => false,
    announce: { mode: 'off', canSkip: false },
    folder: '/srv/recordings',
    now: T0,
    ...change,
  };
}

describe('projectState: what the UIs see, from the journal and the live calls alone', () => {
  it('shows a running recording on its call, paused or not, with the time kept up to the snapshot', () => {
    const paused = entry('r1', 'c1', {
      ackAt: T0,
      segments: [
        { startMs: 0, endMs: 1000 },
        { startMs: 2500, endMs: 3000 },
      ],
    });
    const running = entry('r2', 'c2', { ackAt: T0, segments: [{ startMs: 0, endMs: 1000 }, { startMs: 2500 }] });
    const starting = entry('r3', 'c3', { state: 'requested' });
    const unconfirmed = entry('r4', 'c4', { state: 'unconfirmed' });
    const state = projectState(
      sources({
        entries: [paused, running, starting, unconfirmed],
        calls: [call('c1'), call('c2'), call('c3'), call('c4'), call('c5')],
        callsTotal: 5,
        now: T0 + 4000,
      }),
    );
    expect(state.calls.map((c) => c.recording && { status: c.recording.status, keptMs: c.recording.keptMs, since: c.recording.since })).toEqual([
      { status: 'paused', keptMs: 1500, since: T0 },
      { status: 'recording', keptMs: 2500, since: T0 },
      { status: 'starting', keptMs: 0, since: undefined },
      { status: 'unconfirmed', keptMs: 0, since: undefined },
      undefined,
    ]);
    expect(state.inFlight).toEqual([]);
    expect(state.callsCapped).toBeUndefined();
  });

  it('lists every recording not saved or dismissed whose call is over, with its progress and what the user may do', () => {
    const entries = [
      entry('ended', 'c1', { endedAt: T0 }),
      entry('downloading', 'c2', { state: 'downloading', recordUrl: 'http://pbx/a.wav', endedAt: T0 }),
      entry('failed', 'c3', { state: 'failed', recordUrl: 'http://pbx/b.wav', failure: { kind: 'network', message: 'The PBX went away.', retryable: true } }),
      entry('missed', 'c4', { state: 'missed', failure: { kind: 'missed', message: 'Missed.', retryable: false } }),
      entry('saved', 'c5', { state: 'saved' }),
      entry('dismissed', 'c6', { state: 'dismissed' }),
    ];
    const state = projectState(sources({ entries, progress: new Map([['downloading', { bytes: 100, total: 400 }]]) }));
    expect(
      state.inFlight.map(({ id, state: s, canRetry, canDismiss, downloadedBytes, totalBytes }) => ({
        id,
        s,
        canRetry,
        canDismiss,
        downloadedBytes,
        totalBytes,
      })),
    ).toEqual([
      { id: 'ended', s: 'recording', canRetry: false, canDismiss: false, downloadedBytes: undefined, totalBytes: undefined },
      { id: 'downloading', s: 'downloading', canRetry: false, canDismiss: false, downloadedBytes: 100, totalBytes: 400 },
      { id: 'failed', s: 'failed', canRetry: true, canDismiss: true, downloadedBytes: undefined, totalBytes: undefined },
      { id: 'missed', s: 'missed', canRetry: false, canDismiss: true, downloadedBytes: undefined, totalBytes: undefined },
    ]);
    expect(state.inFlight[2]).toMatchObject({
      from: '1000',
      to: '1001',
      callerName: 'Reception',
      failure: { kind: 'network', message: 'The PBX went away.', retryable: true },
    });
  });

  it('shows a recording whose call ended during its announcement as announcing, counted as work a restart waits for', () => {
    const pending = { how: 'text', what: 'Recorded.', party: 'both', order: 'record-first', outcome: 'pending' } as const;
    const held = entry('r1', 'c1', { state: 'completed', endedAt: T0, recordUrl: 'http://pbx/1.wav', announcement: pending });
    const refused = entry('r2', 'c2', {
      state: 'completed',
      endedAt: T0,
      recordUrl: 'http://pbx/2.wav',
      announcement: { ...pending, outcome: 'failed', problem: 'Refused.', notRecorded: true },
    });
    const state = projectState(sources({ entries: [held, refused], announcing: (id) => id === 'r1' }));
    expect(state.inFlight).toEqual([expect.objectContaining({ id: 'r1', state: 'announcing', canRetry: false, canDismiss: false })]);
    expect(workInFlight(state)).toBe(1);
    expect(projectState(sources({ entries: [held] })).inFlight).toMatchObject([{ id: 'r1', state: 'completed' }]); // once it is over
  });

  it('says when the PBX has more calls than are followed, and shows the listener without its secret parts', () => {
    const warnings: RecorderWarning[] = [
      { kind: 'notification-refused', message: 'one', detail: 'from 10.0.0.9', at: 1 },
      { kind: 'auto-record-off', message: 'two', at: 2 },
    ];
    const state = projectState(sources({ calls: [call('c1')], callsTotal: 700, listener: { baseUrl: 'http://10.0.0.5:7781' }, warnings }));
    expect(state.callsCapped).toEqual({ shown: 1, total: 700 });
    expect(state.listener).toEqual({ url: 'http://10.0.0.5:7781/ozeki/record-completed/…' });
    expect(state.warnings).toEqual(warnings);
    expect(state.warnings[0]).not.toBe(warnings[0]); // a copy: the UIs cannot change what the core keeps
    expect(projectState(sources({ listener: { error: 'port 7781 is already in use' } })).listener).toEqual({ error: 'port 7781 is already in use' });
  });
});
