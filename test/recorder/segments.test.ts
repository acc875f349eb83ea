import { describe, expect, it } from 'vitest';
import { isPaused, keepsEverything, keptMs, toggleSegments } from '../../main/recorder/segments.ts';

describe('kept segments', () => {
  it('pauses and resumes', () => {
    let segments = toggleSegments([], 0);
    expect(isPaused(segments)).toBe(false);
    segments = toggleSegments(segments, 1000);
    expect(segments).toEqual([{ startMs: 0, endMs: 1000 }]);
    expect(isPaused(segments)).toBe(true);
    segments = toggleSegments(segments, 2500);
    expect(segments).toEqual([{ startMs: 0, endMs: 1000 }, { startMs: 2500 }]);
    expect(keptMs(segments, 4000)).toBe(2500);
    expect(keepsEverything(segments)).toBe(false);
    expect(keepsEverything(toggleSegments([], 0))).toBe(true);
  });
});
