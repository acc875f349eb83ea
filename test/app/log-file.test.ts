import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOG_FILE_NAME, openAppLog } from '../../main/app/log-file.ts';
import { tempDir } from '../helpers/recorder.ts';

const lines = async (file: string) => (await readFile(file, 'utf8')).split('\n').filter(Boolean);

describe("the desktop app's log file", () => {
  it('appends every entry as one line of main.log in the log folder, private to the user, PBX text escaped and as written', async () => {
    const folder = join(await tempDir('logs-'), 'Ozeki Recorder', 'logs'); // made when the first entry comes
    const log = openAppLog(folder);
    log.info('Recording 1f0c: requested for call K7 (auto-record).');
    log.warn('Refused a notification from 10.0.0.5: caller "\u001b[2K\r\nsaved FAKE" %s {level} {text}');
    log.error('Saving recording 1f0c failed unexpectedly', new Error('first\nsecond'));
    const file = join(folder, LOG_FILE_NAME);
    const written = await lines(file);
    expect(written).toHaveLength(3);
    expect(written[0]).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] \[info\] {2}Recording 1f0c: requested for call K7 \(auto-record\)\.$/);
    expect(written[1]).toMatch(/\[warn\] {2}Refused a notification from 10\.0\.0\.5: caller "\\x1b\[2K\\r\\nsaved FAKE" %s \{level\} \{text\}$/);
    expect(written[2]).toMatch(/\[error\] Saving recording 1f0c failed unexpectedly: Error: first\\nsecond\\n {4}at /);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('rotates main.log into main.old.log at its size limit, keeping one old file', async () => {
    const folder = await tempDir('logs-');
    const log = openAppLog(folder, 2000);
    const entry = (n: number) => `Recording ${String(n).padStart(4, '0')}: saving → saved.`;
    for (let n = 1; n <= 120; n++) log.info(entry(n)); // about 70 bytes a line: three rotations
    expect((await readdir(folder)).sort()).toEqual(['main.log', 'main.old.log']);
    const current = await lines(join(folder, 'main.log'));
    const old = await lines(join(folder, 'main.old.log'));
    expect(current.at(-1)).toContain(entry(120));
    // The old file holds the lines just before the current ones: nothing in between was lost, older ones are gone.
    expect([...old, ...current].map((line) => line.slice(line.indexOf('Recording')))).toEqual(
      Array.from({ length: old.length + current.length }, (_, i) => entry(121 - old.length - current.length + i)),
    );
    expect(old.length + current.length).toBeLessThan(120);
    expect((await stat(join(folder, 'main.log'))).size).toBeLessThanOrEqual(2000 + 100);
  });
});
