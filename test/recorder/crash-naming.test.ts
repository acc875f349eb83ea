import { readdir, readFile, rename, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DemoPbx } from '../../main/demo-pbx/server.ts';
import { claimMark } from '../../main/recorder/claim.ts';
import type { JournalEntry } from '../../main/recorder/journal.ts';
import { crashAfterCall } from '../helpers/child-recorder.ts';
import { fileSha256 } from '../helpers/recorder.ts';

/** The recording's last journaled state, as the killed process left it. */
async function journaled(dataDir: string): Promise<JournalEntry> {
  const lines = (await readFile(join(dataDir, 'journal.jsonl'), 'utf8')).trim().split('\n');
  return JSON.parse(lines.at(-1) ?? '{}') as JournalEntry;
}

async function savedOnce(pbx: DemoPbx, callId: string, folder: string, saved: string) {
  expect(await fileSha256(saved)).toBe(await fileSha256(pbx.recordingsOf(callId)[0]?.file ?? ''));
  const names = (await readdir(folder)).filter((n) => !n.startsWith('.')).sort();
  expect(names).toEqual([expect.stringMatching(/_1000_1001\.json$/), expect.stringMatching(/_1000_1001\.wav$/)]);
  expect(JSON.parse(await readFile(join(folder, names[0] ?? ''), 'utf8'))).toMatchObject({ callId, file: names[1] });
  expect(await readdir(join(folder, '.ozeki-recorder'))).toEqual([]);
}

describe('a crash while a recording gets its name', () => {
  it('after the name is journaled and before the file exists: the next start saves it once, under that name', async () => {
    const { pbx, callId, folder, dataDir, restart } = await crashAfterCall('after-name-journaled');
    const claimed = (await journaled(dataDir)).claimedPath ?? '';
    expect(claimed).toMatch(/_1000_1001\.wav$/);
    expect((await readdir(folder)).filter((n) => !n.startsWith('.'))).toEqual([]);
    const saved = (await restart().line(/^saved /)).replace(/^saved +\S+ +/, '');
    expect(saved).toBe(claimed);
    await savedOnce(pbx, callId, folder, saved);
  });

  it('after the name is claimed and before the file is renamed over its claim: the next start fills that claim, once', async () => {
    const { pbx, callId, folder, dataDir, restart } = await crashAfterCall('after-name-claimed');
    const { claimedPath = '', id } = await journaled(dataDir);
    expect(await readFile(claimedPath, 'utf8')).toBe(claimMark(id)); // the placeholder, and the sidecar's beside it
    expect(await readFile(claimedPath.replace(/\.wav$/, '.json'), 'utf8')).toBe(claimMark(id));
    const saved = (await restart().line(/^saved /)).replace(/^saved +\S+ +/, '');
    expect(saved).toBe(claimedPath);
    await savedOnce(pbx, callId, folder, saved);
  });

  it('recognises its claim left empty (a crash between creating the file and writing its mark) as its own', async () => {
    const { pbx, callId, folder, dataDir, restart } = await crashAfterCall('after-name-claimed');
    const { claimedPath = '' } = await journaled(dataDir);
    await truncate(claimedPath, 0);
    const saved = (await restart().line(/^saved /)).replace(/^saved +\S+ +/, '');
    expect(saved).toBe(claimedPath);
    await savedOnce(pbx, callId, folder, saved);
  });

  it('after the file is named and before it is journaled saved: the next start recognises it and only adds its sidecar', async () => {
    const { pbx, callId, folder, dataDir, restart } = await crashAfterCall('after-file-named');
    const left = (await readdir(folder)).filter((n) => !n.startsWith('.')).sort();
    // The file, and its sidecar's name still only claimed.
    expect(left).toEqual([expect.stringMatching(/_1000_1001\.json$/), expect.stringMatching(/_1000_1001\.wav$/)]);
    expect(await readFile(join(folder, left[0] ?? ''), 'utf8')).toBe(claimMark((await journaled(dataDir)).id));
    const saved = (await restart().line(/^saved /)).replace(/^saved +\S+ +/, '');
    expect(saved).toBe(join(folder, left[1] ?? ''));
    await savedOnce(pbx, callId, folder, saved);
  });

  it('after the file is named, with the folder unreachable at the next start: it waits for the folder, never keeps a second copy, and is saved once under that name', async () => {
    const { pbx, callId, folder, dataDir, restart } = await crashAfterCall('after-file-named');
    const named = (await journaled(dataDir)).claimedPath ?? '';
    await rename(folder, `${folder}-away`); // the share dropped while the recorder was down
    const second = restart();
    expect(await second.line(/^(queued|saved|failed) /)).toBe(
      `failed   ${callId}  The recordings folder ${folder} is missing. Plug in the drive or choose another folder; the recording waits.`,
    );
    expect(await readdir(join(dataDir, 'queue')).catch(() => [])).toEqual([]); // nothing kept on this computer
    await rename(`${folder}-away`, folder);
    const saved = (await second.line(/^saved /)).replace(/^saved +\S+ +/, '');
    expect(saved).toBe(named);
    await savedOnce(pbx, callId, folder, saved);
    expect(second.lines.filter((line) => line.startsWith('queued'))).toEqual([]);
  });

  it('leaves a file that someone else put at the claimed name alone, and saves under the next name', async () => {
    const { pbx, callId, folder, dataDir, restart } = await crashAfterCall('after-name-journaled');
    const claimed = (await journaled(dataDir)).claimedPath ?? '';
    await writeFile(claimed, 'a file of the user, copied in while the recorder was down');
    const saved = (await restart().line(/^saved /)).replace(/^saved +\S+ +/, '');
    expect(saved).toBe(claimed.replace(/\.wav$/, ' (2).wav'));
    expect(await readFile(claimed, 'utf8')).toBe('a file of the user, copied in while the recorder was down');
    expect(await fileSha256(saved)).toBe(await fileSha256(pbx.recordingsOf(callId)[0]?.file ?? ''));
    expect((await readdir(folder)).filter((n) => !n.startsWith('.')).length).toBe(3); // theirs, ours and our sidecar
  });
});
