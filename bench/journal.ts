// Start-up with a long journal: opening a data folder whose journal holds 10,000 recordings still in flight (read,
// each line checked against the schema, rewritten compactly and fsynced), side by side with only reading the same
// file and JSON.parse-ing each line. Median of a few.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_FILES } from '../main/recorder/data-dir.ts';
import { Journal } from '../main/recorder/journal.ts';
import { median } from './spawned-run.ts';

const ENTRIES = 10_000;
const RUNS = 7;

export async function benchJournal(): Promise<Record<string, string>> {
  const dataDir = join(await mkdtemp(join(tmpdir(), 'bench-journal-')), 'data');
  try {
    const journal = await Journal.open(dataDir);
    const startTime = new Date().toISOString();
    await Promise.all(
      Array.from({ length: ENTRIES }, (_, i) =>
        journal.create({
          id: `rec-${i}`,
          secret: `secret-${String(i).padStart(24, '0')}`,
          callId: `call-${i}`,
          call: { source: `+36 1 ${String(i).padStart(4, '0')}`, destination: '1001', callerId: `Caller ${i}`, startTime },
          format: 'mp3',
          state: 'missed',
          requestedAt: Date.now(),
          segments: [{ startMs: 0 }],
          failure: { kind: 'missed', message: 'The call ended but the PBX never said the recording was ready.', retryable: false },
          updatedAt: 0,
        }),
      ),
    );
    await journal.close();
    const file = join(dataDir, DATA_FILES.journal);
    const opens: number[] = [];
    const reads: number[] = [];
    let loaded = 0;
    for (let run = 0; run < RUNS; run++) {
      let started = performance.now();
      const reopened = await Journal.open(dataDir);
      opens.push(performance.now() - started);
      loaded = reopened.all().length;
      await reopened.close();
      started = performance.now();
      for (const line of (await readFile(file, 'utf8')).split('\n')) if (line) JSON.parse(line);
      reads.push(performance.now() - started);
    }
    return {
      [`open a journal of ${ENTRIES.toLocaleString('en')} entries (${loaded.toLocaleString('en')} loaded), median of ${RUNS}`]: `${median(opens).toFixed(0)} ms (target ≤ 200 ms)`,
      ['read and JSON.parse the same file, same rounds']: `${median(reads).toFixed(0)} ms`,
    };
  } finally {
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  }
}
