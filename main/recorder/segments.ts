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

/** Milliseconds kept so far, given how long the recording has run. */
export function keptMs(segments: readonly KeptSegment[], elapsedMs: number): number {
  return segments.reduce((sum, s) => sum + Math.max(0, Math.min(s.endMs ?? elapsedMs, elapsedMs) - s.startMs), 0);
}

/** True when the segments keep the whole file, so it can be copied byte for byte. */
export function keepsEverything(segments: readonly KeptSegment[]): boolean {
  return segments.length === 1 && segments[0]?.startMs === 0 && segments[0].endMs === undefined;
}
