import { describe, expect, it } from 'vitest';
import { parseAutoRecord, shouldAutoRecord } from '../../main/recorder/auto-record.ts';
import { isPaused, keepsEverything, keptMs, toggleSegments } from '../../main/recorder/segments.ts';
import { stringContaining } from '../helpers/match.ts';

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

describe('auto-record rules', () => {
  const call = (source: string, destination: string, state = 'InCall') => ({ source, destination, state });

  it('none, all and patterns', () => {
    const none = parseAutoRecord('none');
    const all = parseAutoRecord('ALL');
    const some = parseAutoRecord('+36*, 1003, *555*');
    if ('error' in none || 'error' in all || 'error' in some) throw new Error('should parse');
    expect(shouldAutoRecord(none, call('1', '2'))).toBe(false);
    expect(shouldAutoRecord(all, call('1', '2'))).toBe(true);
    expect(shouldAutoRecord(all, call('1', '2', 'Ringing'))).toBe(false);
    expect(shouldAutoRecord(some, call('+36 1 234', '1001'))).toBe(true);
    expect(shouldAutoRecord(some, call('1000', '1003'))).toBe(true);
    expect(shouldAutoRecord(some, call('0036', '10035'))).toBe(false);
    expect(shouldAutoRecord(some, call('0615550000', '1000'))).toBe(true);
  });

  it('says what is wrong with a bad pattern', () => {
    expect(parseAutoRecord('10[0-9]')).toEqual({ error: stringContaining('"10[0-9]" is not a number pattern') });
  });
});
