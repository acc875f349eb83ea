import { readFile, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanLibrary } from '../../main/recorder/library.ts';
import { RETENTION_LOG } from '../../main/recorder/retention.ts';
import { retentionConfirmed } from '../../main/recorder/retention-confirmation.ts';
import { runArgs, spawnRecorder } from '../helpers/child-recorder.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { cli } from '../helpers/cli.ts';
import { saveRecording, trashedFiles } from '../helpers/library.ts';
import { tempDir } from '../helpers/recorder.ts';

/** Two old calls (one pinned), one old call of +36 1 234 5678, and one from now. */
async function aLibrary(): Promise<string> {
  const folder = await tempDir('cli-retention-');
  await saveRecording(folder, 'old.wav', { startTime: '2020-03-01T09:00:00.000Z' });
  await saveRecording(folder, 'pinned.wav', { startTime: '2020-03-02T09:00:00.000Z', pinned: true });
  await saveRecording(folder, 'customer.wav', { startTime: '2020-03-03T09:00:00.000Z', from: '+36 1 234 5678' });
  await saveRecording(folder, 'today.wav', { startTime: new Date().toISOString(), to: '0036-1-234-5678' });
  return folder;
}

const listed = async (folder: string) => (await scanLibrary(folder)).map((i) => i.relativePath).sort();

describe('ozeki-recorder prune', () => {
  it('lists what would go with --dry-run and moves nothing; without it, moves them, keeps the pinned one, audits, and confirms for run', async () => {
    const folder = await aLibrary();
    const dataDir = await tempDir('cli-data-');
    const dry = spawnRecorder(['prune', '--folder', folder, '--keep-days', '30', '--data-dir', dataDir, '--dry-run']);
    expect((await dry.exited).code).toBe(0);
    expect(dry.stdout).toEqual([
      'would move  old.wav  (2020-03-01 09:00, 1000 -> 1001)',
      'would move  customer.wav  (2020-03-03 09:00, +36 1 234 5678 -> 1001)',
      'These 2 recordings would be moved to the trash. Run the same command without --dry-run to move them.',
    ]);
    expect(await listed(folder)).toHaveLength(4);
    expect(await retentionConfirmed(dataDir, folder, 30)).toBe(false);

    const prune = spawnRecorder(['prune', '--folder', folder, '--keep-days', '30', '--data-dir', dataDir]);
    expect((await prune.exited).code).toBe(0);
    expect(prune.stdout).toEqual([
      'moved  old.wav  (2020-03-01 09:00, 1000 -> 1001)',
      'moved  customer.wav  (2020-03-03 09:00, +36 1 234 5678 -> 1001)',
      'Moved 2 recordings to the trash.',
    ]);
    expect(await listed(folder)).toEqual(['pinned.wav', 'today.wav']);
    expect(await trashedFiles(folder)).toEqual(['customer.json', 'customer.wav', 'old.json', 'old.wav']);
    const log = (await readFile(join(folder, RETENTION_LOG), 'utf8')).split('\n').filter(Boolean);
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z\tmoved to the trash\told\.wav {2}\(2020-03-01 09:00, 1000 -> 1001\)\trule: kept for 30 days$/);
    expect(await retentionConfirmed(dataDir, folder, 30)).toBe(true); // a `run` with this data folder now sweeps without asking
  });

  it("run's first sweep says the prune command that confirms it, with run's own data folder, and that command does", async () => {
    const pbx = await startDemoPbx();
    const { args, folder, dataDir } = await runArgs(pbx.url, { extra: ['--keep-days', '30'] });
    await saveRecording(folder, 'old.wav', { startTime: '2020-03-01T09:00:00.000Z' });
    const run = spawnRecorder(args);
    const warning = await run.line(/would be moved to the trash/);
    const q = (path: string) => JSON.stringify(path);
    expect(warning).toContain(
      `This recording would be moved to the trash. It is older than 30 days. Nothing is moved until you confirm it: ozeki-recorder prune --folder ${q(folder)} --keep-days 30 --data-dir ${q(dataDir)} (with --dry-run first to see the list).`,
    );
    run.child.kill('SIGTERM');
    await run.exited;
    expect(await cli(['prune', '--folder', folder, '--keep-days', '30', '--data-dir', dataDir])).toMatchObject({ code: 0, err: [] });
    expect(await retentionConfirmed(dataDir, folder, 30)).toBe(true); // what run reads at its next sweep
  });

  it('says what is missing or wrong, in words, and moves nothing', async () => {
    const folder = await aLibrary();
    expect(await cli(['prune', '--folder', folder])).toMatchObject({
      code: 1,
      err: ['Say how many days recordings are kept with --keep-days DAYS (1 to 3650).'],
    });
    expect(await cli(['prune', '--folder', folder, '--keep-days', 'a month'])).toMatchObject({
      code: 1,
      err: ['--keep-days: Keep recordings 0 to 3650 days; 0 keeps them all.'],
    });
    expect(await cli(['prune', '--keep-days', '30'])).toMatchObject({ code: 1, err: ['Say where to save recordings with --folder DIR.'] });
    const gone = join(folder, 'unplugged');
    expect(await cli(['prune', '--folder', gone, '--keep-days', '30'])).toMatchObject({ code: 1, err: [`The recordings folder ${gone} is missing.`] });
    expect(await listed(folder)).toHaveLength(4);
  });
});

describe('ozeki-recorder erase', () => {
  it('a crash just after recordings went into the trash does not let the next purge delete them for good', async () => {
    const folder = await tempDir('cli-retention-');
    const audio = await saveRecording(folder, 'customer.wav', { startTime: '2020-03-03T09:00:00.000Z', from: '+36 1 234 5678' });
    const savedThen = new Date('2020-03-03T09:05:00.000Z'); // the files' own times are as old as the call
    for (const file of [audio, audio.replace(/\.wav$/, '.json')]) await utimes(file, savedThen, savedThen);
    const crashed = spawnRecorder(['erase', '--folder', folder, '--number', '+36 1 234 5678'], { OZEKI_RECORDER_CRASH_AT: 'after-moved-to-trash' });
    expect((await crashed.exited).signal).toBe('SIGKILL');
    expect(await trashedFiles(folder)).toEqual(['customer.json', 'customer.wav']);

    const next = await cli(['prune', '--folder', folder, '--keep-days', '30', '--data-dir', await tempDir('cli-data-')]); // purges the trash first
    expect(next).toMatchObject({ code: 0, err: [] });
    expect(await trashedFiles(folder)).toEqual(['customer.json', 'customer.wav']);
    expect(await readFile(join(folder, RETENTION_LOG), 'utf8').catch(() => '')).not.toContain('deleted from the trash for good');
  });

  it('lists every recording of a number however it is written, pinned or new, then moves them and audits each', async () => {
    const folder = await aLibrary();
    const dry = await cli(['erase', '--folder', folder, '--number', '+36 (1) 234 5678', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out.at(-1)).toBe('These 2 recordings would be moved to the trash. Run the same command without --dry-run to move them.');
    expect(await listed(folder)).toHaveLength(4);

    const erase = await cli(['erase', '--folder', folder, '--number', '+36 (1) 234 5678']);
    expect(erase).toMatchObject({ code: 0, err: [] });
    expect(erase.out.at(-1)).toBe('Moved 2 recordings to the trash.');
    expect(await listed(folder)).toEqual(['old.wav', 'pinned.wav']);
    const log = await readFile(join(folder, RETENTION_LOG), 'utf8');
    expect(log.match(/\trule: erase every recording of \+36 \(1\) 234 5678\n/g)).toHaveLength(2);
  });

  it('wants a number', async () => {
    const folder = await aLibrary();
    expect(await cli(['erase', '--folder', folder, '--number', ' - '])).toMatchObject({
      code: 1,
      err: ['Say whose recordings to erase with --number N (a phone number or an extension).'],
    });
    expect(await listed(folder)).toHaveLength(4);
  });
});
