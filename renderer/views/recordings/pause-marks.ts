// Where the parts removed at pause sit on the player's bar, from the kept segments of the sidecar.
import type { SidecarView } from '../../../preload/contract.ts';
import { formatDuration } from '../../../preload/display.ts';

/**
 * A mark on the player's bar. `join`: the saved file holds only the kept parts, so a paused part is not on the
 * bar at all — the mark sits where the parts before and after it meet, and says how long the pause was.
 * `span`: the paused part is in the file (silenced, or a format that could not be cut), at its own place.
 */
export type PauseMark = { kind: 'join'; atMs: number; removedMs: number } | { kind: 'span'; fromMs: number; toMs: number };

/** The marks for a saved recording; none when nothing was paused. */
export function pauseMarks(sidecar: Pick<SidecarView, 'keptSegments' | 'pausedParts' | 'uncutFormat' | 'durationSeconds'>): PauseMark[] {
  const segments = sidecar.keptSegments;
  const inFile = sidecar.pausedParts === 'silence' || sidecar.uncutFormat !== undefined;
  const marks: PauseMark[] = [];
  let keptSoFar = 0;
  for (const [i, segment] of segments.entries()) {
    const next = segments[i + 1];
    if (segment.endMs === undefined) break; // runs to the end of the call
    keptSoFar += segment.endMs - segment.startMs;
    if (inFile) marks.push({ kind: 'span', fromMs: segment.endMs, toMs: next?.startMs ?? sidecar.durationSeconds * 1000 });
    else if (next) marks.push({ kind: 'join', atMs: keptSoFar, removedMs: next.startMs - segment.endMs });
    // A pause that lasted to the end of the call left nothing after it to join: the file just ends there.
  }
  return marks.filter((mark) => (mark.kind === 'join' ? mark.removedMs > 0 : mark.toMs > mark.fromMs));
}

const seconds = (ms: number) => formatDuration(ms / 1000);

/** What a mark means, for its tooltip and for screen readers. */
export function describeMark(mark: PauseMark, sidecar: Pick<SidecarView, 'pausedParts' | 'uncutFormat'>): string {
  if (mark.kind === 'join')
    return `At ${seconds(mark.atMs)}: ${seconds(mark.removedMs)} paused here was removed from the saved file, so the call jumps ahead at this point.`;
  const why = sidecar.uncutFormat !== undefined ? `could not be removed from this ${sidecar.uncutFormat} file` : 'is silence in the saved file';
  return `${seconds(mark.fromMs)} to ${seconds(mark.toMs)}: paused; this part ${why}.`;
}
