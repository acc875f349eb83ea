import fc from 'fast-check';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal, type JournalEntry } from '../../main/recorder/journal.ts';
import type { RecordingState } from '../../main/recorder/state.ts';
import { tempDir } from '../helpers/recorder.ts';

const STATES: RecordingState[] = ['requested', 'unconfirmed', 'recording', 'completed', 'downloading', 'saving', 'saved', 'failed', 'missed', 'dismissed'];
// A few ids, so that lines for the same entry follow each other, removals meet entries, and damage hits known ids.
const id = fc.constantFrom('a', 'b', 'c', 'x1');
const time = fc.integer({ min: 0, max: 2 ** 45 });
const text = fc.string({ unit: 'binary', maxLength: 12 });

const entry: fc.Arbitrary<JournalEntry> = fc.record(
  {
    id,
    secret: fc.string({ minLength: 1, maxLength: 8 }),
    callId: text,
    call: fc.record({ source: text, destination: text, callerId: text, startTime: text }),
    format: fc.constantFrom('mp3' as const, 'wav' as const),
    state: fc.constantFrom(...STATES),
    requestedAt: time,
    ackAt: time,
    endedAt: time,
    segments: fc.array(fc.record({ startMs: time, endMs: time }, { requiredKeys: ['startMs'] }), { maxLength: 3 }),
    recordUrl: text,
    downloadedBytes: time,
    totalBytes: time,
    failure: fc.record({
      kind: fc.constantFrom('folder' as const, 'network' as const, 'refused' as const, 'gone' as const, 'damaged' as const, 'missed' as const),
      message: text,
      retryable: fc.boolean(),
    }),
    claimedPath: text,
    savedPath: text,
    sha256: text,
    updatedAt: time,
  },
  { requiredKeys: ['id', 'secret', 'callId', 'call', 'format', 'state', 'requestedAt', 'segments', 'updatedAt'] },
);

const REQUIRED = ['id', 'secret', 'callId', 'call', 'format', 'state', 'requestedAt', 'segments', 'updatedAt'] as const;
/** No field of an entry takes any of these. */
const WRONG = [null, true, {}, [1]];

/** A line that is certainly not a valid entry: a required field gone, a field of the wrong type, a nested one broken. */
const broken: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(entry, fc.constantFrom(...REQUIRED)).map(([e, key]) => JSON.stringify(Object.fromEntries(Object.entries(e).filter(([k]) => k !== key)))),
  fc
    .tuple(entry, fc.constantFrom(...REQUIRED, 'ackAt', 'failure', 'recordUrl', 'claimedPath'), fc.constantFrom(...WRONG))
    .map(([e, key, wrong]) => JSON.stringify({ ...e, [key]: wrong })),
  entry.map((e) => JSON.stringify({ ...e, state: 'paused' })),
  entry.map((e) => JSON.stringify({ ...e, format: 'ogg' })),
  entry.map((e) => JSON.stringify({ ...e, updatedAt: String(e.updatedAt) })),
  entry.map((e) => JSON.stringify({ ...e, segments: [{ startMs: '0' }] })),
  entry.map((e) => JSON.stringify({ ...e, call: { ...e.call, source: 1000 } })),
  entry.map((e) => JSON.stringify({ ...e, id: '' })),
  fc.constant('{"id":"x1"}'),
  fc.constant('{"id":"a","removed":false}'),
);

/** Not JSON, or JSON that is no entry; never blank (blank lines are skipped, not set aside). */
const garbage = fc
  .oneof(fc.string({ unit: 'binary' }), fc.constantFrom('null', '[]', '{', '"a"', '1e999', '\u0000\u0000'))
  .filter((s) => !s.includes('\n') && s.trim() !== '');

type Item = { kind: 'entry'; line: string } | { kind: 'removal'; line: string } | { kind: 'bad'; line: string };
const item: fc.Arbitrary<Item> = fc.oneof(
  { weight: 4, arbitrary: entry.map((e) => ({ kind: 'entry' as const, line: JSON.stringify(e) })) },
  { weight: 1, arbitrary: id.map((i) => ({ kind: 'removal' as const, line: JSON.stringify({ id: i, removed: true }) })) },
  { weight: 2, arbitrary: broken.map((line) => ({ kind: 'bad' as const, line })) },
  { weight: 2, arbitrary: garbage.map((line) => ({ kind: 'bad' as const, line })) },
);
/** What a crash mid-write leaves at the end: a valid line cut short, without its newline. */
const torn = fc.option(
  entry.chain((e) => {
    const line = JSON.stringify(e);
    return fc.integer({ min: 1, max: line.length - 1 }).map((n) => line.slice(0, n));
  }),
  { nil: undefined },
);

describe('the journal reader, fed random, damaged and torn lines', () => {
  it('never throws, reads back the last valid line of each entry, and sets every other line aside in journal.rejected', async () => {
    const parent = await tempDir('journal-fuzz-');
    const dataDir = join(parent, 'data');
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 25 }), torn, async (items, tail) => {
        await rm(dataDir, { recursive: true, force: true });
        await mkdir(dataDir);
        await writeFile(join(dataDir, 'journal.jsonl'), items.map((i) => `${i.line}\n`).join('') + (tail ?? ''));

        const expected = new Map<string, JournalEntry>();
        for (const i of items) {
          const parsed = i.kind === 'bad' ? undefined : (JSON.parse(i.line) as JournalEntry);
          if (i.kind === 'entry' && parsed) expected.set(parsed.id, parsed);
          if (i.kind === 'removal' && parsed) expected.delete(parsed.id);
        }
        for (const [key, e] of expected) if (e.state === 'saved' || e.state === 'dismissed') expected.delete(key);
        const setAside = [...items.filter((i) => i.kind === 'bad').map((i) => i.line), ...(tail === undefined ? [] : [tail])];

        const journal = await Journal.open(dataDir);
        try {
          expect(new Map(journal.all().map((e) => [e.id, e]))).toEqual(expected);
          expect(journal.rejectedCount).toBe(items.filter((i) => i.kind === 'bad').length);
        } finally {
          await journal.close();
        }
        const rejected = await readFile(join(dataDir, 'journal.rejected')).catch(() => Buffer.alloc(0));
        expect(rejected.equals(Buffer.from(setAside.map((line) => `${line}\n`).join('')))).toBe(true);
        // Nothing written anywhere but the data folder, and there only the journal's own files.
        expect(await readdir(parent)).toEqual(['data']);
        expect((await readdir(dataDir)).filter((name) => name !== 'journal.jsonl' && name !== 'journal.rejected')).toEqual([]);
        // What it wrote back is what it read.
        const reopened = await Journal.open(dataDir);
        expect(new Map(reopened.all().map((e) => [e.id, e]))).toEqual(expected);
        expect(reopened.rejectedCount).toBe(0);
        await reopened.close();
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
