import { describe, expect, it } from 'vitest';
import { LIFE_EVENTS, nextState, RECORDING_STATES } from '../../main/recorder/lifecycle.ts';
import type { RecordingState } from '../../main/recorder/state.ts';

// The main line of a recording's life, in order. A move along it may only go forward.
const RANK: Partial<Record<RecordingState, number>> = {
  requested: 0,
  unconfirmed: 1,
  recording: 1,
  completed: 2,
  downloading: 3,
  saving: 4,
  queued: 5,
  saved: 6,
};

// Every move the table allows, written out: the specification the table is checked against, pair by pair.
const ALLOWED: Record<string, RecordingState> = {
  'requested/acknowledged': 'recording',
  'requested/unanswered': 'unconfirmed',
  'requested/refused': 'dismissed',
  'requested/notified': 'completed',
  'requested/missed': 'missed',
  'unconfirmed/acknowledged': 'recording',
  'unconfirmed/notified': 'completed',
  'unconfirmed/missed': 'missed',
  'recording/notified': 'completed',
  'recording/missed': 'missed',
  'recording/discarded': 'dismissed',
  'completed/download-started': 'downloading',
  'completed/saved': 'saved',
  'completed/queued': 'queued',
  'completed/failed': 'failed',
  'completed/discarded': 'dismissed',
  'downloading/download-started': 'downloading',
  'downloading/downloaded': 'saving',
  'downloading/failed': 'failed',
  'saving/download-started': 'downloading',
  'saving/saved': 'saved',
  'saving/queued': 'queued',
  'queued/saved': 'saved',
  'saving/failed': 'failed',
  'failed/download-started': 'downloading',
  'failed/saved': 'saved',
  'failed/queued': 'queued',
  'failed/failed': 'failed',
  'failed/retried': 'completed',
  'failed/dismissed': 'dismissed',
  'missed/notified': 'completed',
  'missed/dismissed': 'dismissed',
  'dismissed/notified': 'completed',
};

describe('the life-cycle table', () => {
  const pairs = RECORDING_STATES.flatMap((state) => LIFE_EVENTS.map((event) => [state, event] as const));

  it.each(pairs)('%s + %s', (state, event) => {
    expect(nextState(state, event)).toBe(ALLOWED[`${state}/${event}`]);
  });

  it('covers every state and event (%i pairs)', () => {
    expect(pairs).toHaveLength(RECORDING_STATES.length * LIFE_EVENTS.length);
    expect(new Set(RECORDING_STATES).size).toBe(11);
  });

  it('never moves a recording backward along its main line, except a resumed save restarting its download step', () => {
    for (const [state, event] of pairs) {
      const next = nextState(state, event);
      const from = RANK[state];
      const to = next === undefined ? undefined : RANK[next];
      if (from === undefined || to === undefined || event === 'download-started') continue;
      expect(to, `${state} + ${event} → ${next}`).toBeGreaterThanOrEqual(from);
    }
  });

  it('treats saved as final: a late Record answer or a second RecordCompleted changes nothing', () => {
    for (const event of LIFE_EVENTS) expect(nextState('saved', event)).toBeUndefined();
  });

  it('keeps a recording kept on this computer until it is saved in the folder: never failed, dismissed or retried', () => {
    for (const event of LIFE_EVENTS) expect(nextState('queued', event)).toBe(event === 'saved' ? 'saved' : undefined);
  });

  it('discards a recording only before its save begins, and only into dismissed', () => {
    for (const state of RECORDING_STATES) {
      expect(nextState(state, 'discarded')).toBe(state === 'recording' || state === 'completed' ? 'dismissed' : undefined);
    }
  });

  it('lets a late RecordCompleted rescue a missed or dismissed recording, since its file exists', () => {
    expect(nextState('missed', 'notified')).toBe('completed');
    expect(nextState('dismissed', 'notified')).toBe('completed');
  });
});
