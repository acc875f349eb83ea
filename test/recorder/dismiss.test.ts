import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { workFolderUsage } from '../../main/recorder/work-folder.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { nextEvent, startRecorder, until } from '../helpers/recorder.ts';

describe('dismissing a failed recording', () => {
  it('removes the download it kept for a retry, and no retry brings it back', async () => {
    const clock = new FakeClock(); // the PBX's and the recorder's
    const pbx = await startDemoPbx({ clock });
    pbx.faults.downloadBytesPerSecond = 2_000; // a 16 KiB slice every 8.2 s
    // Any download slower than this fails at the end of its first 10 s as a network problem that is retried: its part is kept.
    const rec = await startRecorder(pbx, { format: 'wav' }, { clock, downloadLimits: { minBytesPerSecond: 1_000_000, throughputWindowMs: 10_000 } });
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await rec.service.refreshCalls();
    await until(rec, (s) => s.calls.length === 1);
    await rec.service.toggle(callId);
    clock.advance(2000); // two seconds of 8 kHz audio: more than one 16 KiB slice
    const serving = once(pbx, 'download');
    await pbx.endCall(callId);
    await serving;
    clock.advance(9000); // the first slice is sent
    await until(rec, (s) => (s.inFlight[0]?.downloadedBytes ?? 0) > 0); // the body flows: its throughput is watched from now
    clock.advance(10_000); // the first throughput window ends
    const failed = await nextEvent(rec, 'recording-failed');
    expect(failed).toMatchObject({ retryable: true });
    expect((await workFolderUsage(rec.folder)).files.length).toBeGreaterThan(0);
    // Between retries the recording is failed; dismiss it then.
    await until(rec, (s) => s.inFlight[0]?.state === 'failed');
    expect(await rec.service.dismiss(failed.id)).toEqual({ ok: true, message: 'Dismissed.' });
    expect((await workFolderUsage(rec.folder)).files).toEqual([]);
    await nextEvent(rec, 'recording-dismissed');
    const downloads = pbx.downloads.length;
    clock.advance(200); // past the retry pause: the retry's timer fires
    await rec.service.settled();
    expect(pbx.downloads.length).toBe(downloads);
    expect((await workFolderUsage(rec.folder)).files).toEqual([]);
  });
});
