import { describe, expect, it } from 'vitest';
import { savedRecordingView, stateView, toggleView } from '../../main/host/window-view.ts';
import type { RecorderState } from '../../main/recorder/state.ts';
import type { StateView } from '../../preload/contract.ts';
import { sidecarFor } from '../helpers/library.ts';

const START = new Date('2026-11-20T09:00:00.000Z');

/** A domain state with one recorded call and one failed recording, as RecorderService projects it. */
function domainState(): RecorderState {
  return {
    link: { status: 'auth-failed', message: 'Authentication required (Ozeki code 304)', code: 304 },
    myExtension: '1001',
    pbxUrl: 'http://pbx.example:7780',
    usingDemoPbx: false,
    calls: [
      {
        callId: 'c1',
        state: 'InCall',
        source: '1000',
        destination: '1001',
        callerId: 'Kovács Zoltán',
        startTime: START,
        ringSeconds: 2,
        talkSeconds: 40,
        direction: 'internal',
        mine: true,
        recording: {
          recordingId: 'r1',
          status: 'paused',
          startedBy: 'auto',
          since: START.getTime(),
          segments: [{ startMs: 0, endMs: 5000 }],
          keptMs: 5000,
          announcement: {
            how: 'text',
            what: 'This call is recorded.',
            party: 'caller',
            order: 'announce-first',
            outcome: 'failed',
            problem: "The PBX refused to say the announcement: Command 'Speak' cannot be used here (Ozeki code 303).",
          },
        },
      },
    ],
    callsCapped: { shown: 1, total: 3 },
    inFlight: [
      {
        id: 'r0',
        callId: 'c0',
        from: '1002',
        to: '1001',
        callerName: '',
        state: 'failed',
        failure: { kind: 'network', message: 'The PBX did not answer.', retryable: true },
        canRetry: true,
        canDismiss: true,
      },
    ],
    listener: { url: 'http://10.0.0.2:8000/recorded' },
    warnings: [
      {
        kind: 'journal-damaged',
        message: 'Ozeki Recorder found 1 damaged line in its records and set it aside.',
        detail: 'It is in /data/journal.rejected.',
        at: 1_700_000_000_000,
      },
      { kind: 'auto-record-off', message: 'Auto-record is off.', at: 1_700_000_000_500 },
    ],
    announce: { mode: 'text', canSkip: true },
  };
}

describe('what the window sees', () => {
  it('gets its own view of the state, field by field, with dates as ISO text', () => {
    const view = JSON.parse(JSON.stringify(stateView(domainState()))) as StateView;
    // The domain state as JSON text turns its dates into ISO text; the view is that, all but the link's code.
    const domain = JSON.parse(JSON.stringify(domainState())) as StateView;
    expect(view).toEqual({ ...domain, link: { status: 'auth-failed', message: 'Authentication required (Ozeki code 304)' } });
    expect(view.calls[0]?.startTime).toBe('2026-11-20T09:00:00.000Z');
  });

  it('does not pass on what the domain holds beyond the view', () => {
    // What a later domain change might add (a secret, an internal handle) stays in main until the view names it.
    const state = domainState();
    const call = state.calls[0];
    if (!call?.recording) throw new Error('the fixture has a recorded call');
    Object.assign(state, { secret: 'finished-url-secret' });
    Object.assign(call, { secret: 'call-secret' });
    Object.assign(call.recording, { finishedUrl: 'http://10.0.0.2:8000/r1/recording-secret' });
    expect(JSON.stringify(stateView(state))).not.toMatch(/secret/);
    expect(toggleView(Object.assign({ ok: true as const, status: 'recording' as const, recordingId: 'r1' }, { secret: 's' }))).toEqual({
      ok: true,
      status: 'recording',
      recordingId: 'r1',
    });
  });

  it('gets a saved recording without the sidecar’s checksum and file format version', () => {
    const sidecar = sidecarFor('call.wav', { sha256: 'ab'.repeat(32), note: 'call back', pinned: true, savedAt: '2026-11-20T09:00:02.000Z' });
    const shown = Object.fromEntries(Object.entries(sidecar).filter(([field]) => !['app', 'version', 'sha256'].includes(field)));
    expect(JSON.parse(JSON.stringify(savedRecordingView({ relativePath: 'call.wav', sidecar })))).toEqual({ relativePath: 'call.wav', sidecar: shown });
  });
});
