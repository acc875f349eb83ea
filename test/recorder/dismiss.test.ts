import { describe, expect, it } from 'vitest';
import { workFolderUsage } from '../../main/recorder/work-folder.ts';
import { commandsReceived, startDemoPbx } from '../helpers/demo.ts';
import { nextEvent, startRecorder, until } from '../helpers/recorder.ts';

describe('dismissing a failed recording', () => {
  it('removes the download it kept for a retry, and no retry brings it back', async () => {
    const pbx = await startDemoPbx();
    pbx.faults.downloadBytesPerSecond = 2_000;
    // Any download slower than this fails at once as a network problem that is retried: its part is kept.
    const rec = await startRecorder(pbx, { format: 'wav' }, { downloadLimits: { minBytesPerSecond: 1_000_000, throughputWindowMs: 300 } });
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await until(rec, (s) => s.calls.length === 1);
    await rec.service.toggle(callId);
    // Two seconds of 8 kHz audio: more than the first 16 KiB slice the throttled PBX sends at once.
    await commandsReceived(pbx, 'ListActiveCalls', pbx.received.filter((c) => c.command === 'ListActiveCalls').length + 20);
    await pbx.endCall(callId);
    const failed = await nextEvent(rec, 'recording-failed');
    expect(failed).toMatchObject({ retryable: true });
    expect((await workFolderUsage(rec.folder)).files.length).toBeGreaterThan(0);
    // Between retries the recording is failed; dismiss it then.
    await until(rec, (s) => s.inFlight[0]?.state === 'failed');
    expect(await rec.service.dismiss(failed.id)).toEqual({ ok: true, message: 'Dismissed.' });
    expect((await workFolderUsage(rec.folder)).files).toEqual([]);
    await nextEvent(rec, 'recording-dismissed');
    const downloads = pbx.downloads.length;
    await commandsReceived(pbx, 'ListActiveCalls', pbx.received.filter((c) => c.command === 'ListActiveCalls').length + 5); // past the retry pause
    expect(pbx.downloads.length).toBe(downloads);
    expect((await workFolderUsage(rec.folder)).files).toEqual([]);
  });
});
