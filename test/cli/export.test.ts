import { readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnRecorder } from '../helpers/child-recorder.ts';
import { cli } from '../helpers/cli.ts';
import { saveRecording } from '../helpers/library.ts';
import { fileSha256, tempDir } from '../helpers/recorder.ts';
import { unzippedHashes, unzippedText, zipEntries } from '../helpers/unzip.ts';

describe('ozeki-recorder export', () => {
  it('writes the recordings of the days asked, on the clock of the computer it runs on, into one ZIP', async () => {
    const folder = await tempDir('recordings-');
    const out = await tempDir('export-');
    // 03:00 UTC on the 20th is still the 19th in New York (22:00), and the 20th in UTC.
    const early = await saveRecording(folder, 'early.wav', { startTime: '2026-11-20T03:00:00.000Z', from: '+36 1 234 5678', note: 'asked for a quote' });
    await saveRecording(folder, 'late.mp3', { startTime: '2026-11-20T18:00:00.000Z', format: 'mp3', from: '1000' });
    await saveRecording(folder, 'next.wav', { startTime: '2026-11-21T12:00:00.000Z' });
    const exportDay = async (tz: string, file: string, ...more: string[]) => {
      const child = spawnRecorder(['export', '--folder', folder, '--from', '2026-11-20', '--to', '2026-11-20', ...more, '--out', join(out, file)], { TZ: tz });
      expect(await child.exited).toEqual({ code: 0, signal: null });
      return child.lines;
    };

    const lines = await exportDay('UTC', 'utc.zip');
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^Exported 2 recordings \\(\\d+ KB\\) to ${join(out, 'utc.zip')}$`))]);
    expect((await zipEntries(join(out, 'utc.zip'))).map((e) => e.name)).toEqual([
      'index.html',
      'index.csv',
      'recordings/early.wav',
      'recordings/early.json',
      'recordings/late.mp3',
      'recordings/late.json',
    ]);
    expect((await unzippedHashes(join(out, 'utc.zip'))).get('recordings/early.wav')).toBe(await fileSha256(early));
    expect(await unzippedText(join(out, 'utc.zip'), 'index.csv')).toContain("2026-11-20,03:00:00,1,'+36 1 234 5678,1001,,asked for a quote,");

    await exportDay('America/New_York', 'new-york.zip');
    expect((await zipEntries(join(out, 'new-york.zip'))).map((e) => e.name).filter((n) => !n.startsWith('index.'))).toEqual([
      'recordings/late.mp3',
      'recordings/late.json',
    ]);

    await exportDay('UTC', 'number.zip', '--number', '+36-1-234-5678');
    expect((await zipEntries(join(out, 'number.zip'))).map((e) => e.name).filter((n) => n.endsWith('.wav') || n.endsWith('.mp3'))).toEqual([
      'recordings/early.wav',
    ]);
    expect((await readdir(out)).sort()).toEqual(['new-york.zip', 'number.zip', 'utc.zip']);
  });

  it('clears what an export killed mid-way left beside its ZIP at a later export into that folder, but not the file of an export under way', async () => {
    const folder = await tempDir('recordings-');
    const out = await tempDir('export-');
    await saveRecording(folder, 'a.wav', { startTime: '2026-11-20T09:00:00.000Z' });
    const target = join(out, 'calls.zip');
    const args = ['export', '--folder', folder, '--from', '2026-11-20', '--to', '2026-11-20', '--out', target];
    const killed = spawnRecorder(args, { OZEKI_RECORDER_CRASH_AT: 'after-placeholder-made' });
    expect(await killed.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const left = (await readdir(out)).sort();
    // The complete ZIP under its temporary name, and the placeholder that holds its name.
    expect(left).toEqual([expect.stringMatching(/^\.calls\.zip\.[0-9a-f]{12}\.part$/), 'calls.zip']);
    expect((await stat(target)).size).toBeLessThan(1000);

    // A while later, as the disk's clock tells (its file times), with another export into that folder under way.
    const later = new Date(Date.now() - 11 * 60_000);
    await utimes(join(out, left[0] ?? ''), later, later);
    const underWay = '.other.zip.0123456789ab.part';
    await writeFile(join(out, underWay), 'being written');
    expect(await spawnRecorder(args).exited).toEqual({ code: 0, signal: null });
    expect((await readdir(out)).sort()).toEqual([underWay, 'calls.zip']);
    expect((await zipEntries(target)).map((e) => e.name)).toContain('recordings/a.wav');
  });

  it('prints what it wrote as JSON when asked', async () => {
    const folder = await tempDir('recordings-');
    const out = await tempDir('export-');
    await saveRecording(folder, 'a.wav', { startTime: new Date(2026, 10, 20, 9).toISOString(), to: '+36 30 111 2222' });
    const { code, out: lines } = await cli(['export', '--folder', folder, '--number', '+36301112222', '--out', join(out, 'a.zip'), '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(lines[0] ?? '')).toEqual({ file: join(out, 'a.zip'), count: 1, bytes: expect.any(Number) as unknown });
  });

  it.each([
    [['--from', '2026-11-20', '--out', 'x.zip'], 'Say which recordings folder to export from with --folder DIR.'],
    [['--folder', '.', '--from', '2026-11-20'], 'Say where to write the ZIP with --out FILE.zip.'],
    [['--folder', '.', '--out', 'x.zip'], 'Say what to export: --from YYYY-MM-DD and --to YYYY-MM-DD, --number N, or both.'],
    [['--folder', '{folder}', '--from', '20/11/2026', '--out', '{out}/x.zip'], '"20/11/2026" is not a date; write it as YYYY-MM-DD, for example 2026-11-20.'],
    [['--folder', '{folder}', '--from', '2027-01-01', '--out', '{out}/x.zip'], 'No recording matches: there is nothing to export.'],
    [
      ['--folder', '{folder}', '--from', '2026-11-20', '--out', '{out}/missing/x.zip'],
      'The folder {out}/missing does not exist. Choose another place for the export.',
    ],
    [
      ['--folder', '{folder}', '--from', '2026-11-20', '--out', '{out}/taken.zip'],
      '{out}/taken.zip already exists. Choose another name, or delete that file first.',
    ],
  ])('refuses %j with one clear line and exit code 1', async (args, message) => {
    const folder = await tempDir('recordings-');
    const out = await tempDir('export-');
    await saveRecording(folder, 'a.wav', { startTime: new Date(2026, 10, 20, 9).toISOString() });
    await writeFile(join(out, 'taken.zip'), 'kept');
    const fill = (text: string) => text.replaceAll('{folder}', folder).replaceAll('{out}', out);
    const result = await cli(['export', ...args.map(fill)]);
    expect(result).toEqual({ code: 1, out: [], err: [fill(message)] });
    expect(await readdir(out)).toEqual(['taken.zip']);
  });

  it('--help says what the command does and what its flags mean', async () => {
    const { code, out } = await cli(['export', '--help']);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^Usage: ozeki-recorder export --folder DIR \[--from YYYY-MM-DD\] \[--to YYYY-MM-DD\] \[--number N\] --out FILE\.zip/);
    expect(out.join('\n')).toContain('caller or callee; spaces, dashes, dots, slashes and brackets ignored, and so is a leading +, or a leading 00 before 7');
    expect((await cli(['help'])).out.join('\n')).toContain('  export --folder DIR');
  });
});
