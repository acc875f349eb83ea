import { spawnSync } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from '../../main/recorder/data-dir-lock.ts';
import type { JournalEntry } from '../../main/recorder/journal.ts';
import { runArgs, spawnRecorder } from '../helpers/child-recorder.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { tempDir } from '../helpers/recorder.ts';

const LISTENING = /^Listening for finished recordings on /;

/** A recording the PBX never finished: it stays in the journal as it is. */
const missed: JournalEntry = {
  id: 'm1',
  secret: 'secret-of-m1',
  callId: 'c1',
  call: { source: '1000', destination: '1001', callerId: 'Anna', startTime: new Date(0).toISOString() },
  format: 'wav',
  state: 'missed',
  requestedAt: 1,
  segments: [{ startMs: 0 }],
  failure: { kind: 'missed', message: 'The call ended but the PBX never said the recording was ready.', retryable: false },
  updatedAt: 1,
};

async function setUp() {
  const pbx = await startDemoPbx();
  const { args, dataDir } = await runArgs(pbx.url);
  const run = () => spawnRecorder(args);
  return { dataDir, run, lockFile: join(dataDir, 'recorder.lock'), journalFile: join(dataDir, 'journal.jsonl') };
}

const printed = (lines: string[]) => lines.filter((line) => line.trim() !== '');

describe('one recorder per data folder', () => {
  it('a second run on the same data folder exits 1 with one line naming the first, which keeps its journal and frees the folder on exit', async () => {
    const { dataDir, run, lockFile, journalFile } = await setUp();
    await writeFile(journalFile, `${JSON.stringify(missed)}\n`);
    const first = run();
    await first.line(LISTENING);
    const before = await stat(journalFile);
    const journal = await readFile(journalFile, 'utf8');

    const second = run();
    expect(await second.exited).toEqual({ code: 1, signal: null });
    expect(printed(second.lines)).toEqual([`Another Ozeki Recorder (pid ${first.child.pid}) is using ${dataDir}.`]);

    // The first's journal is the file it has open, untouched.
    expect((await stat(journalFile)).ino).toBe(before.ino);
    expect(await readFile(journalFile, 'utf8')).toBe(journal);
    expect(JSON.parse(journal)).toEqual(missed);
    expect(first.child.exitCode).toBeNull();
    expect(await readFile(lockFile, 'utf8')).toBe(`${first.child.pid}\n`);

    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    await expect(stat(lockFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('takes over the lock of a recorder that was killed', async () => {
    const { run, lockFile } = await setUp();
    const killed = run();
    await killed.line(LISTENING);
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(await readFile(lockFile, 'utf8')).toBe(`${killed.child.pid}\n`);

    const next = run();
    await next.line(LISTENING);
    expect(await readFile(lockFile, 'utf8')).toBe(`${next.child.pid}\n`);
  });

  it('of several recorders started at once on a stale lock, exactly one takes it over', async () => {
    const { dataDir, run, lockFile } = await setUp();
    await writeFile(lockFile, '999999999\n'); // above any pid_max: no such process
    const racers = Array.from({ length: 4 }, run);
    // Each either starts listening or ends; the ones that end name the winner.
    const outcomes = await Promise.all(
      racers.map((r) =>
        r.line(LISTENING).then(
          () => 'running' as const,
          () => 'ended' as const,
        ),
      ),
    );
    const winners = racers.filter((_, i) => outcomes[i] === 'running');
    expect(winners).toHaveLength(1);
    const winner = winners[0]?.child.pid;
    for (const loser of racers.filter((_, i) => outcomes[i] === 'ended')) {
      expect(await loser.exited).toEqual({ code: 1, signal: null });
      expect(printed(loser.lines)).toEqual([`Another Ozeki Recorder (pid ${winner}) is using ${dataDir}.`]);
    }
    expect(await readFile(lockFile, 'utf8')).toBe(`${winner}\n`);
  }, 60_000);
});

describe('giving the folder up', () => {
  it('happens when the process exits without closing the journal', async () => {
    const dir = await tempDir('data-');
    const script = "const { Journal } = await import('./main/recorder/journal.ts'); await Journal.open(process.argv[1]); process.exit(0);";
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(await readdir(dir)).toEqual(['journal.jsonl']);
  });
});

describe('taking over a stale lock', () => {
  it('of many takers at once, exactly one gets the folder, and the others are told who has it', async () => {
    const dir = await tempDir('data-');
    await writeFile(join(dir, 'recorder.lock'), '999999999\n');
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => lockDataDir(dir)));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) expect(r.reason).toMatchObject({ kind: 'data-dir-busy', pid: process.pid });
    expect(await readFile(join(dir, 'recorder.lock'), 'utf8')).toBe(`${process.pid}\n`);
    won[0]?.value.release();
    expect(await readdir(dir)).toEqual([]);
  });
});
