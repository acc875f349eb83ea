import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal, type JournalEntry } from '../../main/recorder/journal.ts';
import { tempDir } from '../helpers/recorder.ts';

const entry = (id: string, state: JournalEntry['state'] = 'recording'): JournalEntry => ({
  id,
  secret: 's',
  callId: 'c',
  call: { source: '1000', destination: '1001', callerId: 'A', startTime: new Date(0).toISOString() },
  format: 'mp3',
  state,
  requestedAt: 1,
  segments: [{ startMs: 0 }],
  updatedAt: 1,
});

describe('journal', () => {
  it('keeps the last state of each entry across a reopen', async () => {
    const dir = await tempDir('journal-');
    const journal = await Journal.open(dir);
    await Promise.all([journal.create(entry('a')), journal.create(entry('b'))]);
    await journal.update('a', { state: 'completed' });
    await journal.remove('b');
    await journal.close();
    const again = await Journal.open(dir);
    expect(again.all().map((e) => [e.id, e.state])).toEqual([['a', 'completed']]);
    await again.close();
  });

  it('survives a line torn by a crash', async () => {
    const dir = await tempDir('journal-');
    const journal = await Journal.open(dir);
    await journal.create(entry('a', 'downloading'));
    await journal.close();
    await appendFile(join(dir, 'journal.jsonl'), '{"id":"a","state":"sav');
    const again = await Journal.open(dir);
    expect(again.get('a')?.state).toBe('downloading');
    await again.close();
    expect(await readFile(join(dir, 'journal.jsonl'), 'utf8')).not.toContain('"sav\n');
  });

  it('merges each change into the current state, so concurrent writers do not undo each other', async () => {
    const dir = await tempDir('journal-');
    const journal = await Journal.open(dir);
    await journal.create(entry('a'));
    const ended = journal.update('a', { endedAt: 5 });
    const completed = journal.update('a', { state: 'completed', recordUrl: 'http://pbx/x.wav' });
    await Promise.all([ended, completed]);
    expect(journal.get('a')).toMatchObject({ endedAt: 5, state: 'completed', recordUrl: 'http://pbx/x.wav' });
    await journal.close();
  });

  it('writes many changes at once with shared fsyncs, none lost', async () => {
    const dir = await tempDir('journal-');
    const journal = await Journal.open(dir);
    await Promise.all(Array.from({ length: 500 }, (_, i) => journal.create(entry(`r${i}`))));
    await journal.close();
    const again = await Journal.open(dir);
    expect(again.all()).toHaveLength(500);
    await again.close();
  });
});
