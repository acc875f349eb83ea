import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { libraryByCall } from '../../main/recorder/library-calls.ts';
import { scanLibrary } from '../../main/recorder/library.ts';
import type { Sidecar } from '../../main/recorder/sidecar.ts';
import { spawnRecorder } from '../helpers/child-recorder.ts';
import { morePolls, startDemoPbx } from '../helpers/demo.ts';
import { tempDir } from '../helpers/recorder.ts';

describe('two desks saving into one folder', () => {
  it('saves every recording once under its own name with its own desk, when the calls end at the same moment', async () => {
    // Each desk records every call; the second Record of a call gets a file of its own, as on a real PBX.
    const pbx = await startDemoPbx({ secondRecord: 'new-file' });
    const folder = await tempDir('shared-');
    // One desk records WAV and the other MP3: names of the same base then compete for the same sidecar name too.
    const desks = await Promise.all(
      (
        [
          ['Front desk 1', 'wav'],
          ['Front desk 2', 'mp3'],
        ] as const
      ).map(async ([desk, format]) => {
        const args = ['run', '--pbx-url', pbx.url, '--folder', folder, '--data-dir', await tempDir('data-'), '--listen', '127.0.0.1:0'];
        const child = spawnRecorder([...args, '--poll-interval', '100', '--auto-record', 'all', '--format', format, '--desk', desk]);
        await child.line(/^pbx +Connected/);
        return { desk, format, child };
      }),
    );
    // Eight calls between the same numbers, begun in the same second: every desk names each file alike.
    const calls = Array.from({ length: 8 }, () => pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' }));
    for (const { child } of desks) for (const callId of calls) await child.line(new RegExp(`^record +${callId} +recording started`));
    await morePolls(pbx, 3); // a recording of a few polls' length
    await Promise.all(calls.map((callId) => pbx.endCall(callId)));
    for (const { child } of desks) for (const callId of calls) await child.line(new RegExp(`^saved +${callId} `));

    const names = (await readdir(folder)).filter((n) => !n.startsWith('.')).sort();
    expect(names.filter((n) => n.endsWith('.json'))).toHaveLength(16);
    expect(names.filter((n) => /\.(wav|mp3)$/.test(n))).toHaveLength(16);
    const sidecars = await Promise.all(
      names.filter((n) => n.endsWith('.json')).map(async (n) => JSON.parse(await readFile(join(folder, n), 'utf8')) as Sidecar),
    );
    for (const { desk, format } of desks) {
      const own = sidecars.filter((s) => s.desk?.name === desk);
      expect(own.map((s) => s.callId).sort(), desk).toEqual([...calls].sort()); // each call once
      expect(own.every((s) => s.format === format && s.file.endsWith(`.${format}`) && names.includes(s.file))).toBe(true);
    }
    expect(new Set(sidecars.map((s) => s.file)).size).toBe(16);
    for (const sidecar of sidecars) {
      expect(names).toContain(sidecar.file.replace(/\.(wav|mp3)$/, '.json')); // each audio file beside its own sidecar
      expect((await readFile(join(folder, sidecar.file))).subarray(0, 3).toString('latin1')).toMatch(/^(RIF|ID3|\xff)/); // audio, not a claim
    }

    // The library shows each PBX call once, with both desks.
    const library = libraryByCall(await scanLibrary(folder), await scanLibrary(folder));
    expect(library).toHaveLength(8);
    for (const call of library) expect(call.desks.map((d) => d.name).sort()).toEqual(['Front desk 1', 'Front desk 2']);
  });
});
