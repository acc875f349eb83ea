/**
 * The parts of a PBX recording the user wants to keep. Ozeki cannot pause or stop a recording, so the app
 * measures, on its own clock from the moment the PBX acknowledged Record, when the user paused and resumed.
 * Offsets are milliseconds into the PBX's file; an open segment (no end) runs to the end of the file.
 */
export interface KeptSegment {
  startMs: number;
  endMs?: number;
}

export function isPaused(segments: readonly KeptSegment[]): boolean {
  const last = segments.at(-1);
  return last !== undefined && last.endMs !== undefined;
}

/** Closes the open segment (pause) or opens a new one (resume) at `offsetMs`. */
export function toggleSegments(segments: readonly KeptSegment[], offsetMs: number): KeptSegment[] {
  const at = Math.max(0, Math.round(offsetMs));
  if (segments.length === 0) return [{ startMs: at }];
  if (isPaused(segments)) return [...segments, { startMs: Math.max(at, segments.at(-1)?.endMs ?? 0) }];
  return segments.map((s, i) => (i === segments.length - 1 ? { startMs: s.startMs, endMs: Math.max(s.startMs, at) } : s));
}

/** Whether two lists of segments keep the same parts (a poll then has nothing to journal). */
export function sameSegments(a: readonly KeptSegment[], b: readonly KeptSegment[]): boolean {
  return a.length === b.length && a.every((s, i) => s.startMs === b.at(i)?.startMs && s.endMs === b.at(i)?.endMs);
}

/** Milliseconds kept so far, given how long the recording has run. */
export function keptMs(segments: readonly KeptSegment[], elapsedMs: number): number {
  return segments.reduce((sum, s) => sum + Math.max(0, Math.min(s.endMs ?? elapsedMs, elapsedMs) - s.startMs), 0);
}

/** True when the segments keep the whole file, so it can be copied byte for byte. */
export function keepsEverything(segments: readonly KeptSegment[]): boolean {
  return segments.length === 1 && segments[0]?.startMs === 0 && segments[0].endMs === undefined;
}

/**
 * The segments with everything before `offsetMs` left out (the ringing before a call was answered). A segment that
 * ended before it shrinks to nothing at `offsetMs` rather than vanishing, so a recording paused then stays paused.
 */
export function keptFrom(segments: readonly KeptSegment[], offsetMs: number): KeptSegment[] {
  const from = Math.max(0, Math.round(offsetMs));
  const clipped = segments.map((s) =>
    s.endMs === undefined ? { startMs: Math.max(s.startMs, from) } : { startMs: Math.max(s.startMs, from), endMs: Math.max(s.endMs, from) },
  );
  const last = clipped.at(-1);
  // Segments emptied by the cut are dropped, except the last one, which says whether the recording is paused.
  return clipped.filter((s) => s === last || s.endMs === undefined || s.endMs > s.startMs);
}
