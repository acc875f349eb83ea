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
    await Promise.all([journal.put(entry('a')), journal.put(entry('b'))]);
    await journal.put(entry('a', 'completed'));
    await journal.remove('b');
    await journal.close();
    const again = await Journal.open(dir);
    expect(again.all().map((e) => [e.id, e.state])).toEqual([['a', 'completed']]);
    await again.close();
  });

  it('survives a line torn by a crash', async () => {
    const dir = await tempDir('journal-');
    const journal = await Journal.open(dir);
    await journal.put(entry('a', 'downloading'));
    await journal.close();
    await appendFile(join(dir, 'journal.jsonl'), '{"id":"a","state":"sav');
    const again = await Journal.open(dir);
    expect(again.get('a')?.state).toBe('downloading');
    await again.close();
    expect(await readFile(join(dir, 'journal.jsonl'), 'utf8')).not.toContain('"sav\n');
  });

  it('writes many changes at once with shared fsyncs, none lost', async () => {
    const dir = await tempDir('journal-');
    const journal = await Journal.open(dir);
    await Promise.all(Array.from({ length: 500 }, (_, i) => journal.put(entry(`r${i}`))));
    await journal.close();
    const again = await Journal.open(dir);
    expect(again.all()).toHaveLength(500);
    await again.close();
  });
});
