import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { appendFile, chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirBusy } from '../../main/recorder/data-dir-lock.ts';
import { Journal, type JournalEntry } from '../../main/recorder/journal.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { startRecorder, tempDir } from '../helpers/recorder.ts';

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
  it('never holds in memory a change the file did not take, and refuses writes after closing without jamming', async () => {
    const dir = await tempDir('journal-');
    const journal = await Journal.open(dir);
    await journal.create(entry('a'));
    await journal.close();
    await expect(journal.update('a', { state: 'completed', recordUrl: 'http://pbx/a.mp3' })).rejects.toThrow('The journal is closed.');
    expect(journal.get('a')).toMatchObject({ state: 'recording' });
    expect(journal.get('a')?.recordUrl).toBeUndefined();
    await expect(journal.create(entry('b'))).rejects.toThrow('The journal is closed.');
    expect(journal.get('b')).toBeUndefined();
    // A second write is refused just as plainly, and waiting for the writes made so far ends at once.
    await expect(journal.update('a', { state: 'completed' })).rejects.toThrow('The journal is closed.');
    await journal.flushed();
  });

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

  it('says when every change made so far is on disk (the app waits for it before the computer sleeps)', async () => {
    const dir = await tempDir('journal-');
    const journal = await Journal.open(dir);
    const written = [journal.create(entry('a')), journal.create(entry('b')), journal.update('a', { state: 'completed' })];
    await journal.flushed();
    const lines = readFileSync(join(dir, 'journal.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as JournalEntry).state)).toEqual(['recording', 'recording', 'completed']);
    await Promise.all(written);
    await journal.close();
  });

  it('survives a line torn by a crash, and sets it aside without a warning', async () => {
    const dir = await tempDir('journal-');
    const journal = await Journal.open(dir);
    await journal.create(entry('a', 'downloading'));
    await journal.close();
    await appendFile(join(dir, 'journal.jsonl'), '{"id":"a","state":"sav');
    const again = await Journal.open(dir);
    expect(again.get('a')?.state).toBe('downloading');
    expect(again.rejectedCount).toBe(0);
    expect(again.warnings).toEqual([]);
    await again.close();
    expect(await readFile(join(dir, 'journal.jsonl'), 'utf8')).not.toContain('"sav');
    expect(await readFile(join(dir, 'journal.rejected'), 'utf8')).toBe('{"id":"a","state":"sav\n');
  });

  it('sets aside lines that break the schema or are not JSON, says how many, and never writes them back', async () => {
    const dir = await tempDir('journal-');
    const broken = [
      '{"id":"x1"}',
      'not json at all',
      JSON.stringify({ ...entry('c'), state: 'paused' }),
      JSON.stringify({ ...entry('d'), segments: [{ startMs: '0' }] }),
    ];
    await writeFile(join(dir, 'journal.jsonl'), [JSON.stringify(entry('a')), ...broken, JSON.stringify(entry('b'))].map((l) => `${l}\n`).join(''));
    const journal = await Journal.open(dir);
    expect(journal.all().map((e) => e.id)).toEqual(['a', 'b']);
    expect(journal.rejectedCount).toBe(4);
    expect(journal.warnings).toEqual([
      {
        kind: 'journal-damaged',
        message: 'Ozeki Recorder found 4 damaged lines in its records and set them aside.',
        detail: `The journal had 4 lines that could not be read; they are in ${join(dir, 'journal.rejected')}.`,
      },
    ]);
    await journal.close();
    expect(await readFile(join(dir, 'journal.jsonl'), 'utf8')).not.toContain('x1');
    expect(await readFile(join(dir, 'journal.rejected'), 'utf8')).toBe(broken.map((l) => `${l}\n`).join(''));

    // Read once, set aside once; a later damaged line is appended to what was set aside before.
    const again = await Journal.open(dir);
    expect(again.rejectedCount).toBe(0);
    await again.close();
    await appendFile(join(dir, 'journal.jsonl'), '{"id":"x2","state":"saved"}\n');
    const third = await Journal.open(dir);
    expect(third.warnings).toEqual([
      {
        kind: 'journal-damaged',
        message: 'Ozeki Recorder found 1 damaged line in its records and set it aside.',
        detail: `The journal had 1 line that could not be read; it is in ${join(dir, 'journal.rejected')}.`,
      },
    ]);
    await third.close();
    expect(await readFile(join(dir, 'journal.rejected'), 'utf8')).toBe([...broken, '{"id":"x2","state":"saved"}'].map((l) => `${l}\n`).join(''));
  });

  it('a damaged entry no longer stops the recorder from starting', async () => {
    const pbx = await startDemoPbx();
    const dataDir = await tempDir('data-');
    await writeFile(join(dataDir, 'journal.jsonl'), '{"id":"x1"}\n');
    const recorder = await startRecorder(pbx, {}, { dataDir });
    expect(recorder.service.state().inFlight).toEqual([]);
  });

  it('forgets saved and dismissed entries when it rewrites itself, and keeps the rest', async () => {
    const dir = await tempDir('journal-');
    const journal = await Journal.open(dir);
    const states = ['recording', 'downloading', 'saved', 'failed', 'missed', 'dismissed', 'unconfirmed'] as const;
    await Promise.all(states.map((state) => journal.create(entry(state, state))));
    await journal.close();
    const again = await Journal.open(dir);
    expect(again.all().map((e) => e.state)).toEqual(['recording', 'downloading', 'failed', 'missed', 'unconfirmed']);
    await again.close();
    expect(await readFile(join(dir, 'journal.jsonl'), 'utf8')).not.toMatch(/"saved"|"dismissed"/);
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

describe('the data folder', () => {
  const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

  it.skipIf(process.platform === 'win32')('is created private, with private files', async () => {
    const dir = join(await tempDir('journal-'), 'data');
    const journal = await Journal.open(dir);
    await journal.create(entry('a'));
    expect(await modeOf(dir)).toBe(0o700);
    expect(await modeOf(join(dir, 'journal.jsonl'))).toBe(0o600);
    expect(await modeOf(join(dir, 'recorder.lock'))).toBe(0o600);
    await journal.close();
    await appendFile(join(dir, 'journal.jsonl'), 'damaged\n');
    await (await Journal.open(dir)).close();
    expect(await modeOf(join(dir, 'journal.rejected'))).toBe(0o600);
  });

  it.skipIf(process.platform === 'win32')('of a running recorder, with its listener secret, is private', async () => {
    const pbx = await startDemoPbx();
    const dataDir = join(await tempDir('data-'), 'recorder');
    await startRecorder(pbx, {}, { dataDir });
    expect(await modeOf(dataDir)).toBe(0o700);
    expect(await readdir(dataDir)).toEqual(expect.arrayContaining(['journal.jsonl', 'recorder.lock', 'listener-secret']));
    for (const name of await readdir(dataDir)) expect(await modeOf(join(dataDir, name)), name).toBe(0o600);
  });

  it.skipIf(process.platform === 'win32')('made wider by an older version, is made private again', async () => {
    const dir = await tempDir('journal-');
    await chmod(dir, 0o755);
    const files = ['journal.jsonl', 'journal.rejected', 'listener-secret', 'journal.jsonl.tmp'];
    for (const name of files) {
      await writeFile(join(dir, name), name === 'journal.jsonl' ? `${JSON.stringify(entry('a'))}\n` : 'x\n');
      await chmod(join(dir, name), 0o644);
    }
    const journal = await Journal.open(dir);
    expect(await modeOf(dir)).toBe(0o700);
    for (const name of ['journal.jsonl', 'journal.rejected', 'listener-secret']) expect(await modeOf(join(dir, name)), name).toBe(0o600);
    expect(journal.get('a')).toBeDefined();
    await journal.close();
  });

  it('belongs to one journal at a time, and is free again once it is closed', async () => {
    const dir = await tempDir('journal-');
    const journal = await Journal.open(dir);
    await journal.create(entry('a'));
    const second = Journal.open(dir);
    await expect(second).rejects.toBeInstanceOf(DataDirBusy);
    await expect(second).rejects.toMatchObject({ kind: 'data-dir-busy', message: `Another Ozeki Recorder (pid ${process.pid}) is using ${dir}.` });
    expect(journal.get('a')).toBeDefined();
    await journal.close();
    expect(await readdir(dir)).not.toContain('recorder.lock');
    const again = await Journal.open(dir);
    expect(again.get('a')?.state).toBe('recording');
    await again.close();
  });

  it('takes over a lock left by a process that is gone, by one that reused our pid, or one never written', async () => {
    const gonePid = spawnSync(process.execPath, ['-e', '']).pid;
    for (const left of [`${gonePid}\n`, `${process.pid}\n`, '']) {
      const dir = await tempDir('journal-');
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'recorder.lock'), left);
      const journal = await Journal.open(dir, { settleMs: 50 });
      expect(await readFile(join(dir, 'recorder.lock'), 'utf8')).toMatch(new RegExp(`^${process.pid}\n`));
      await journal.close();
    }
  });
});
