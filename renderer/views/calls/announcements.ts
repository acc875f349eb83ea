// What the live region says about recordings, worked out from two states in a row: started, paused, resumed (from
// the calls), an announcement that failed, saved and failed (from the recordings on their way). Each is said once.
import type { CallView, InFlightView, StateView } from '../../../preload/contract.ts';
import { announcementWords } from '../../../preload/display.ts';

type Status = NonNullable<CallView['recording']>['status'];

export const callName = (call: { callerId: string; source: string }): string =>
  call.callerId && call.callerId !== call.source ? `${call.callerId} ${call.source}` : call.source;

const flightName = (recording: InFlightView) => callName({ callerId: recording.callerName, source: recording.from });
const failed = (recording: InFlightView | undefined) => recording?.state === 'failed' || recording?.state === 'missed';

function callSentence(before: Status | undefined, after: Status | undefined, who: string): string | undefined {
  if (after === 'recording' && before === 'paused') return `Recording resumed: ${who}.`;
  if (after === 'recording' && before !== 'recording') return `Recording started: ${who}.`;
  if (after === 'paused' && before !== 'paused') return `Recording paused: ${who}.`;
  return undefined;
}

/** The sentences to say for the change from `before` to `after`; none for the first state (nothing happened yet). */
export function announcements(before: StateView | undefined, after: StateView): string[] {
  if (!before) return [];
  const said: string[] = [];
  const calls = new Map(before.calls.map((call) => [call.callId, call.recording]));
  for (const call of after.calls) {
    const earlier = calls.get(call.callId);
    const sentence = callSentence(earlier?.status, call.recording?.status, callName(call));
    if (sentence) said.push(sentence);
    const announcement = call.recording?.announcement;
    if (announcement?.outcome === 'failed' && earlier?.announcement?.outcome !== 'failed') said.push(`${callName(call)}: ${announcementWords(announcement)}`);
  }
  const present = new Set([...after.inFlight.map((r) => r.id), ...after.calls.flatMap((c) => (c.recording ? [c.recording.recordingId] : []))]);
  for (const recording of after.inFlight) {
    const earlier = before.inFlight.find((r) => r.id === recording.id);
    if (failed(recording) && !failed(earlier)) said.push(`Recording of ${flightName(recording)} failed: ${recording.failure?.message ?? 'no reason given'}`);
  }
  // A recording leaves the state when it is saved (straight from its call, when the save is quick), when the user
  // dismissed it (only a failed one can be), or when the PBX refused to start it (it was only starting then).
  for (const call of before.calls) {
    const recording = call.recording;
    if (recording && recording.status !== 'starting' && !present.has(recording.recordingId)) said.push(`Recording of ${callName(call)} saved.`);
  }
  for (const recording of before.inFlight) {
    if (!present.has(recording.id) && !failed(recording)) said.push(`Recording of ${flightName(recording)} saved.`);
  }
  return said;
}
