import { readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DemoPbx } from '../../main/demo-pbx/server.ts';
import type { Sidecar } from '../../main/recorder/sidecar.ts';
import type { FakeClock } from '../helpers/fake-clock.ts';
import { onFakeClock, recordAndEnd } from '../helpers/pipeline.ts';
import { fileSha256, nextEvent, until, type RecorderHarness } from '../helpers/recorder.ts';

/** The files of a folder, its work folder left out, sorted. */
async function filesIn(folder: string): Promise<string[]> {
  return (await readdir(folder)).filter((name) => !name.startsWith('.')).sort();
}

async function sidecarOf(audioPath: string): Promise<Sidecar> {
  return JSON.parse(await readFile(audioPath.replace(/\.wav$/, '.json'), 'utf8')) as Sidecar;
}

/** Records a new call from 1000 to `to` for 300 ms and waits until the recorder kept it on this computer. */
async function recordWhileAway(pbx: DemoPbx, clock: FakeClock, rec: RecorderHarness, to: string) {
  const callId = pbx.addCall({ source: '1000', destination: to, state: 'InCall' });
  await rec.service.refreshCalls();
  await recordAndEnd(pbx, clock, rec, callId, 300);
  return { callId, queued: await nextEvent(rec, 'recording-queued', (e) => e.callId === callId) };
}

describe('a recordings folder that cannot be reached', () => {
  it('keeps finished recordings on this computer and says so, then moves them with their sidecars when the folder check finds it back', async () => {
    const { pbx, clock, start } = await onFakeClock({ format: 'wav', deskName: 'Front desk 1' }, {}, { folderCheckMs: 5000 });
    const rec = await start();
    const away = `${rec.folder}-away`;
    await rename(rec.folder, away); // the share dropped
    const first = await recordWhileAway(pbx, clock, rec, '1001');
    const second = await recordWhileAway(pbx, clock, rec, '1002');

    const state = await until(rec, (s) => s.localQueue?.count === 2);
    expect(state.localQueue).toEqual({
      count: 2,
      folder: rec.folder,
      message: `The recordings folder ${rec.folder} cannot be reached: 2 recordings are kept on this computer and will be moved when it is back.`,
    });
    expect(state.inFlight).toMatchObject([
      { state: 'queued', canRetry: false, canDismiss: false },
      { state: 'queued', canRetry: false, canDismiss: false },
    ]);
    const queue = join(rec.dataDir, 'queue');
    expect(await filesIn(queue)).toEqual([
      expect.stringMatching(/_1000_1001\.json$/),
      expect.stringMatching(/_1000_1001\.wav$/),
      expect.stringMatching(/_1000_1002\.json$/),
      expect.stringMatching(/_1000_1002\.wav$/),
    ]);
    expect(first.queued.path.startsWith(queue)).toBe(true);
    expect(await sidecarOf(first.queued.path)).toMatchObject({ callId: first.callId, desk: { name: 'Front desk 1' } });

    await rename(away, rec.folder); // the share is back: nothing moves before the next check
    await rec.service.settled();
    expect(rec.service.state().localQueue?.count).toBe(2);
    clock.advance(5000);
    const saved = await Promise.all([first, second].map(({ callId }) => nextEvent(rec, 'recording-saved', (e) => e.callId === callId)));
    await until(rec, (s) => s.localQueue === undefined && s.inFlight.length === 0);

    expect(await filesIn(queue)).toEqual([]);
    expect(await filesIn(rec.folder)).toEqual([
      expect.stringMatching(/_1000_1001\.json$/),
      expect.stringMatching(/_1000_1001\.wav$/),
      expect.stringMatching(/_1000_1002\.json$/),
      expect.stringMatching(/_1000_1002\.wav$/),
    ]);
    for (const [i, { callId }] of [first, second].entries()) {
      const path = saved[i]?.path ?? '';
      expect(path.startsWith(rec.folder)).toBe(true);
      expect(await fileSha256(path)).toBe(await fileSha256(pbx.recordingsOf(callId)[0]?.file ?? ''));
      expect(await sidecarOf(path)).toMatchObject({ callId, file: path.slice(rec.folder.length + 1), desk: { name: 'Front desk 1' } });
    }
    expect((await rec.service.library.list()).map((item) => item.sidecar.callId).sort()).toEqual([first.callId, second.callId].sort());
  });

  it('moves what it kept before saving the next recording, once the folder is back', async () => {
    const { pbx, clock, start } = await onFakeClock({ format: 'wav' }, {}, { folderCheckMs: 60_000 });
    const rec = await start();
    await rename(rec.folder, `${rec.folder}-away`);
    const first = await recordWhileAway(pbx, clock, rec, '1001');
    await rename(`${rec.folder}-away`, rec.folder);
    const next = pbx.addCall({ source: '1000', destination: '1002', state: 'InCall' });
    await rec.service.refreshCalls();
    await recordAndEnd(pbx, clock, rec, next, 300); // long before the next folder check
    await nextEvent(rec, 'recording-saved', (e) => e.callId === next);
    const saves = rec.events.flatMap((e) => (e.type === 'recording-saved' ? [e.callId] : []));
    expect(saves).toEqual([first.callId, next]);
    expect(rec.events.filter((e) => e.type === 'recording-queued')).toHaveLength(1);
    expect(await filesIn(join(rec.dataDir, 'queue'))).toEqual([]);
  });
});
