import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from '../../main/recorder/data-dir-lock.ts';
import { startOf } from '../../main/recorder/process-life.ts';
import type { JournalEntry } from '../../main/recorder/journal.ts';
import { runArgs, spawnRecorder } from '../helpers/child-recorder.ts';
import { onCleanup, startDemoPbx } from '../helpers/demo.ts';
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

/**
 * A lock file's text with some of its lines replaced: `change` gets the lines as they are (`name value`, the first
 * one named `pid`) and maps a name to its new value, or to undefined to remove the line. Lines that are not there
 * are not added.
 */
function replaceLines(text: string, change: (left: Map<string, string>) => Record<string, string | undefined>): string {
  const [pid = '', ...rest] = text.split('\n').filter((line) => line !== '');
  const left = new Map<string, string>([['pid', pid], ...rest.map((line): [string, string] => [line.split(' ')[0] ?? '', line.slice(line.indexOf(' ') + 1)])]);
  const changes = change(left);
  return [...left]
    .flatMap(([name, value]) => {
      const now = name in changes ? changes[name] : value;
      if (now === undefined) return [];
      return [name === 'pid' ? now : `${name} ${now}`];
    })
    .map((line) => `${line}\n`)
    .join('');
}

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
    expect(await readFile(lockFile, 'utf8')).toMatch(new RegExp(`^${first.child.pid}\n`));

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
    expect(await readFile(lockFile, 'utf8')).toMatch(new RegExp(`^${killed.child.pid}\n`));

    const next = run();
    await next.line(LISTENING);
    expect(await readFile(lockFile, 'utf8')).toMatch(new RegExp(`^${next.child.pid}\n`));
  });

  // After a crash, and above all after a power cut and a reboot, the dead recorder's pid may name another program.
  // Each case is the lock the killed recorder left, with its lines replaced (never added) as that program would
  // make them look: the pid now names a live process that is not a recorder.
  const reused: { when: string; lines: (other: number, left: Map<string, string>) => Record<string, string | undefined>; startsAgain: boolean }[] = [
    { when: 'its pid names another program, started later', lines: (other) => ({ pid: `${other}` }), startsAgain: true },
    {
      when: 'the machine has rebooted since (another boot id)',
      lines: (other) => ({ pid: `${other}`, started: startOf(other), 'boot-id': randomUUID() }),
      startsAgain: true,
    },
    {
      when: 'the machine has rebooted since, where only the boot time is known',
      lines: (other, left) => ({ pid: `${other}`, started: undefined, 'boot-id': undefined, 'booted-at': `${Number(left.get('booted-at')) - 3600}` }),
      startsAgain: true,
    },
    {
      when: 'nothing tells the program apart from the recorder (same boot, same start)',
      lines: (other) => ({ pid: `${other}`, started: startOf(other) }),
      startsAgain: false,
    },
  ];
  for (const { when, lines, startsAgain } of reused) {
    it(`${startsAgain ? 'takes over' : 'refuses'} the lock of a killed recorder when ${when}`, async () => {
      const { dataDir, run, lockFile } = await setUp();
      const killed = run();
      await killed.line(LISTENING);
      killed.child.kill('SIGKILL');
      await killed.exited;
      const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1e6)'], { stdio: 'ignore' });
      onCleanup(() => void other.kill('SIGKILL'));
      const otherPid = other.pid ?? Number.NaN;
      await writeFile(
        lockFile,
        replaceLines(await readFile(lockFile, 'utf8'), (left) => lines(otherPid, left)),
      );

      const next = run();
      if (startsAgain) {
        await next.line(LISTENING);
        expect(await readFile(lockFile, 'utf8')).toMatch(new RegExp(`^${next.child.pid}\n`));
      } else {
        expect(await next.exited).toEqual({ code: 1, signal: null });
        expect(printed(next.lines)).toEqual([`Another Ozeki Recorder (pid ${otherPid}) is using ${dataDir}.`]);
      }
      expect(other.exitCode).toBeNull();
    });
  }

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
    expect(await readFile(lockFile, 'utf8')).toMatch(new RegExp(`^${winner}\n`));
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
    expect(await readFile(join(dir, 'recorder.lock'), 'utf8')).toMatch(new RegExp(`^${process.pid}\n`));
    won[0]?.value.release();
    expect(await readdir(dir)).toEqual([]);
  });
});
