import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimMark, claimName, releaseClaim, resumeClaim, whoseName } from '../../main/recorder/claim.ts';
import { Journal } from '../../main/recorder/journal.ts';
import { scanLibrary } from '../../main/recorder/library.ts';
import { freeName } from '../../main/recorder/naming.ts';
import { placeUnderFreeName } from '../../main/recorder/save-recording.ts';
import { onCleanup } from '../helpers/demo.ts';
import { saveRecording } from '../helpers/library.ts';
import { tempDir } from '../helpers/recorder.ts';

describe('claiming a name in a folder several desks save into', () => {
  it('gives a name to exactly one of many claims made at the same moment', async () => {
    const folder = await tempDir('claim-');
    const path = join(folder, 'call.wav');
    const claims = await Promise.all(Array.from({ length: 20 }, (_, n) => claimName(path, `r${n}`)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = `r${claims.indexOf(true)}`;
    expect(await readFile(path, 'utf8')).toBe(claimMark(winner));
    expect(await readFile(join(folder, 'call.json'), 'utf8')).toBe(claimMark(winner));
    expect((await readdir(folder)).sort()).toEqual(['call.json', 'call.wav']);
  });

  it('takes the sidecar name too: a WAV and an MP3 of the same name cannot share one sidecar', async () => {
    const folder = await tempDir('claim-');
    // Two desks, one saving WAV and one MP3, both found "call" free before either claimed it.
    const wav = await freeName(folder, 'call', 'wav');
    const mp3 = await freeName(folder, 'call', 'mp3');
    expect(await claimName(wav, 'desk-1')).toBe(true);
    expect(await claimName(mp3, 'desk-2')).toBe(false);
    expect((await readdir(folder)).sort()).toEqual(['call.json', 'call.wav']); // nothing of the lost claim stays
    expect(await freeName(folder, 'call', 'mp3')).toBe(join(folder, 'call (2).mp3'));
  });

  it('leaves a file of the user alone', async () => {
    const folder = await tempDir('claim-');
    await writeFile(join(folder, 'call.wav'), 'a file of the user');
    expect(await claimName(join(folder, 'call.wav'), 'r1')).toBe(false);
    expect(await readFile(join(folder, 'call.wav'), 'utf8')).toBe('a file of the user');
    expect(await readdir(folder)).toEqual(['call.wav']);
  });

  it("tells a recording's own claim from anything else after a crash, an empty file included", async () => {
    const folder = await tempDir('claim-');
    const at = (name: string) => join(folder, name);
    await writeFile(at('mine.wav'), claimMark('r1'));
    await writeFile(at('empty.wav'), ''); // the crash came between creating the file and writing the mark
    await writeFile(at('theirs.wav'), claimMark('r2'));
    await writeFile(at('audio.wav'), 'RIFF....WAVE');
    expect(await whoseName(at('mine.wav'), 'r1')).toBe('claim');
    expect(await whoseName(at('empty.wav'), 'r1')).toBe('claim');
    expect(await whoseName(at('theirs.wav'), 'r1')).toBe('other');
    expect(await whoseName(at('audio.wav'), 'r1')).toBe('other');
    expect(await whoseName(at('none.wav'), 'r1')).toBe('free');
  });

  it('takes a claim up again after a crash, or lets it go when the sidecar name is someone else’s', async () => {
    const folder = await tempDir('claim-');
    const at = (name: string) => join(folder, name);
    await writeFile(at('a.wav'), claimMark('r1')); // the crash came before the sidecar's name was claimed
    expect(await resumeClaim(at('a.wav'), 'r1')).toBe(true);
    expect(await readFile(at('a.json'), 'utf8')).toBe(claimMark('r1'));
    await writeFile(at('b.wav'), claimMark('r1'));
    await writeFile(at('b.json'), claimMark('r2'));
    expect(await resumeClaim(at('b.wav'), 'r1')).toBe(false);
    expect(await whoseName(at('b.wav'), 'r1')).toBe('free');
    expect(await readFile(at('b.json'), 'utf8')).toBe(claimMark('r2'));
    await releaseClaim(at('a.wav'), 'r2'); // not r2's: nothing happens
    expect((await readdir(folder)).sort()).toEqual(['a.json', 'a.wav', 'b.json']);
  });

  it('lets its claim go when the finished file cannot be put over it, so the name is not taken by nothing', async () => {
    const folder = await tempDir('claim-');
    const journal = await Journal.open(await tempDir('data-'));
    onCleanup(() => journal.close());
    const call = { source: '1000', destination: '1001', callerId: '', startTime: new Date(0).toISOString() };
    await journal.create({ id: 'r1', secret: 's', callId: 'c1', call, format: 'wav', state: 'saving', requestedAt: 0, segments: [], updatedAt: 0 });
    // A folder where the finished file should be: renaming it over the claim fails, as when the share drops then.
    const ready = { path: await tempDir('not-a-file-'), bytes: 10, sha256: 'ab' };
    await expect(placeUnderFreeName('r1', journal, { folder, base: 'call', ext: 'wav', ready })).rejects.toMatchObject({ kind: 'folder' });
    expect(await readdir(folder)).toEqual([]);
    expect(await freeName(folder, 'call', 'wav')).toBe(join(folder, 'call.wav'));
  });

  it('leaves a name claimed by a save under way out of the library, and lists the rest', async () => {
    const folder = await tempDir('claim-');
    await saveRecording(folder, 'saved.wav');
    expect(await claimName(join(folder, 'under-way.wav'), 'r1')).toBe(true); // another desk is saving it now
    expect((await scanLibrary(folder)).map((item) => item.relativePath)).toEqual(['saved.wav']);
  });
});
