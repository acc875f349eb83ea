// What the live region says about recordings: started, paused, resumed (from the calls), an announcement that
// failed and a recording that failed (from the recordings on their way), worked out from two states in a row and each
// said once; saved and not saved on main's word (recordingSaved, recordingNotSaved), as a recording leaves the state
// either way.
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
  for (const recording of after.inFlight) {
    const earlier = before.inFlight.find((r) => r.id === recording.id);
    if (failed(recording) && !failed(earlier)) said.push(`Recording of ${flightName(recording)} failed: ${recording.failure?.message ?? 'no reason given'}`);
  }
  return said;
}

/** How many names of recordings that left the state are kept for main's word on them (the oldest go first). */
const NAMES_KEPT = 200;

/**
 * The names of the recordings the window has seen, by recording id. Main's word that a recording was saved or not
 * saved may come just before or just after the state it leaves in, so a name is kept a while after it left.
 */
export class RecordingNames {
  /** Oldest first: a name seen again moves to the end. */
  private readonly names = new Map<string, string>();

  see(state: StateView): void {
    const present: [string, string][] = [
      ...state.calls.flatMap((call): [string, string][] => (call.recording ? [[call.recording.recordingId, callName(call)]] : [])),
      ...state.inFlight.map((recording): [string, string] => [recording.id, flightName(recording)]),
    ];
    for (const [id, name] of present) {
      this.names.delete(id);
      this.names.set(id, name);
    }
    // Those in the state were just moved to the end: the first ones are those that left, oldest first.
    for (const id of this.names.keys()) {
      if (this.names.size <= present.length + NAMES_KEPT) break;
      this.names.delete(id);
    }
  }

  /** The name of recording `id`, forgotten once asked for (main says a recording's end once). */
  take(id: string): string | undefined {
    const name = this.names.get(id);
    this.names.delete(id);
    return name;
  }
}

/** What is said when main saved a recording into the folder. */
export const savedSentence = (name: string | undefined): string => (name ? `Recording of ${name} saved.` : 'A recording was saved.');

/**
 * What is said when main kept nothing of a recording, with main's reason: "Recording of Kovács Zoltán +36 1 234 5678
 * not saved — the call was never answered." from 'Not saved — the call was never answered.'
 */
export function notSavedSentence(name: string | undefined, message: string): string {
  const subject = name ? `Recording of ${name}` : 'A recording was';
  const rest = /^Not saved\b/.exec(message) ? message.slice('Not saved'.length) : `: ${message}`;
  return `${subject} not saved${rest}`;
}
