// The timers of a call's row (ring, talk, kept), run on this window's clock between the PBX's figures.
import type { CallView } from '../../../preload/contract.ts';
import { formatDuration } from '../../../preload/display.ts';

/** Local clock moments the row's timers run from (epoch ms); undefined when that timer does not run. */
export interface RowClock {
  /** The call's state and recording status the anchors were set for: a change of either sets them afresh. */
  for: string;
  ringSince?: number;
  talkSince?: number;
  keptSince?: number;
}

const talking = (call: CallView) => call.state === 'InCall' || call.state === 'Hold';

/**
 * Re-anchors a row's timers from the PBX's figures in `call`. The PBX counts whole seconds, and its figures arrive
 * up to a poll late, so an anchor moves only when it is off by more than that: a timer never jumps back and forth.
 */
export function anchorClock(previous: RowClock | undefined, call: CallView, now: number): RowClock {
  const recording = call.recording;
  const clock: RowClock = { for: `${call.state}/${recording?.status ?? 'idle'}` };
  const same = previous?.for === clock.for;
  const anchor = (current: number | undefined, since: number) => (!same || current === undefined || Math.abs(current - since) > 1500 ? since : current);
  if (call.state === 'Ringing') clock.ringSince = anchor(previous?.ringSince, now - call.ringSeconds * 1000);
  if (talking(call)) clock.talkSince = anchor(previous?.talkSince, now - call.talkSeconds * 1000);
  if (talking(call) && recording?.status === 'recording') clock.keptSince = anchor(previous?.keptSince, now - recording.keptMs);
  return clock;
}

/**
 * What the row's times say at `now`: the ring time while it rings (the bare duration beside the state, which says
 * "Ringing"; "Rang …" once the call has ended), then the talk time and what is kept of it. The kept time never
 * reads longer than the talk time. Without a clock (the PBX is not answering) the times stand still at the PBX's
 * last figures.
 */
export function timesText(call: CallView, clock: RowClock | undefined, now: number, ended = false): string {
  const seconds = (since: number | undefined, fallback: number) => (since === undefined ? fallback : (now - since) / 1000);
  if (call.state === 'Ringing') {
    const ring = formatDuration(seconds(clock?.ringSince, call.ringSeconds));
    return ended ? `Rang ${ring}` : ring;
  }
  if (!talking(call)) return '';
  const talk = seconds(clock?.talkSince, call.talkSeconds);
  const recording = call.recording;
  if (!recording || recording.status === 'starting' || recording.status === 'unconfirmed') return `Talk ${formatDuration(talk)}`;
  const kept = Math.min(talk, seconds(clock?.keptSince, recording.keptMs / 1000));
  return `Talk ${formatDuration(talk)} · kept ${formatDuration(kept)}`;
}
