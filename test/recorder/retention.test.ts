import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanLibrary } from '../../main/recorder/library.ts';
import { moveToTrash, recordingsOf, RETENTION_LOG } from '../../main/recorder/retention.ts';
import { confirmRetention, retentionConfirmed } from '../../main/recorder/retention-confirmation.ts';
import { DAY_MS } from '../../main/recorder/trash.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { saveRecording, trashedFiles } from '../helpers/library.ts';
import { startRecorder, tempDir, type RecorderHarness } from '../helpers/recorder.ts';

/** Two calls from September, one of them pinned, and one from last week (the fake clock starts on 27 November 2026). */
async function aLibrary(folder: string): Promise<void> {
  await saveRecording(folder, '2026-09/first.wav', { startTime: '2026-09-01T09:00:00.000Z', from: '+36 1 234 5678' });
  await saveRecording(folder, '2026-09/second.wav', { startTime: '2026-09-02T10:30:00.000Z' });
  await saveRecording(folder, '2026-09/pinned.wav', { startTime: '2026-09-03T08:00:00.000Z', pinned: true });
  await saveRecording(folder, '2026-11/recent.wav', { startTime: '2026-11-20T09:00:00.000Z' });
}

const listed = async (folder: string) => (await scanLibrary(folder)).map((i) => i.relativePath).sort();
const logLines = async (folder: string) => (await readFile(join(folder, RETENTION_LOG), 'utf8').catch(() => '')).split('\n').filter(Boolean);

/** Moves the fake clock a day at a time, letting each day's sweep finish before the next. */
async function days(h: RecorderHarness, clock: FakeClock, n: number): Promise<void> {
  for (let day = 0; day < n; day++) {
    clock.advance(DAY_MS);
    await h.service.settled();
  }
}

async function keepingThirtyDays() {
  const pbx = await startDemoPbx();
  const clock = new FakeClock();
  const folder = await tempDir('retention-');
  await aLibrary(folder);
  const h = await startRecorder(pbx, { keepDays: 30 }, { folder, clock });
  await h.service.settled();
  return { h, clock, folder, pbx };
}

describe('keeping recordings for a number of days', () => {
  it('only says what would go at the first sweep, every day, until that is confirmed; nothing moves before', async () => {
    const { h, clock, folder } = await keepingThirtyDays();
    const message = 'These 2 recordings would be moved to the trash. They are older than 30 days. Nothing is moved until you confirm it in Settings.';
    expect(h.service.state().retention).toEqual({ count: 2, days: 30, message });
    await days(h, clock, 3);
    expect(await listed(folder)).toEqual(['2026-09/first.wav', '2026-09/pinned.wav', '2026-09/second.wav', '2026-11/recent.wav']);
    expect(await trashedFiles(folder)).toEqual([]);
    expect(await logLines(folder)).toEqual([]);
    expect(h.events.filter((e) => e.type === 'warning' && e.message === message)).toHaveLength(1); // said once, not every day
  });

  it('moves expired recordings with their sidecars to the trash once confirmed, keeps the pinned one, and audits each move', async () => {
    const { h, clock, folder } = await keepingThirtyDays();
    clock.advance(60_000);
    expect(await h.service.retention.confirm()).toEqual({ ok: true, message: 'Moved 2 recordings to the trash.' });
    expect(h.service.state().retention).toBeUndefined();
    expect(await listed(folder)).toEqual(['2026-09/pinned.wav', '2026-11/recent.wav']);
    expect(await trashedFiles(folder)).toEqual(['first.json', 'first.wav', 'second.json', 'second.wav']);
    expect(await logLines(folder)).toEqual([
      '2026-11-27T09:01:00.000Z\tmoved to the trash\t2026-09/first.wav  (2026-09-01 09:00, +36 1 234 5678 -> 1001)\trule: kept for 30 days',
      '2026-11-27T09:01:00.000Z\tmoved to the trash\t2026-09/second.wav  (2026-09-02 10:30, 1000 -> 1001)\trule: kept for 30 days',
    ]);
    expect(h.events.some((e) => e.type === 'library-changed')).toBe(true);
  });

  it('sweeps daily once confirmed: a recording goes the day it is older than the days kept; the trash deletes for good after its own 30 days', async () => {
    const { h, clock, folder } = await keepingThirtyDays();
    await h.service.retention.confirm();
    await days(h, clock, 23); // 20 November + 30 days has passed on 20 December
    expect(await listed(folder)).toEqual(['2026-09/pinned.wav', '2026-11/recent.wav']);
    await days(h, clock, 1);
    expect(await listed(folder)).toEqual(['2026-09/pinned.wav']);
    expect((await logLines(folder)).at(-1)).toBe(
      '2026-12-21T09:00:00.000Z\tmoved to the trash\t2026-11/recent.wav  (2026-11-20 09:00, 1000 -> 1001)\trule: kept for 30 days',
    );
    await days(h, clock, 7); // the first two have been in the trash for 31 days
    expect(await trashedFiles(folder)).toEqual(['recent.json', 'recent.wav']);
    expect((await logLines(folder)).filter((line) => line.includes('deleted from the trash for good')).sort()).toEqual(
      ['first.json', 'first.wav', 'second.json', 'second.wav'].map(
        (name) => `2026-12-28T09:00:00.000Z\tdeleted from the trash for good\t${name}\trule: kept in the trash for 30 days`,
      ),
    );
  });

  it('keeps a recording pinned after the sweep listed it: the pin is read again just before each move', async () => {
    const { h, clock, folder } = await keepingThirtyDays();
    await confirmRetention(h.dataDir, folder, 30, clock.now());
    const listedBySweep = await recordingsOf(folder, { kind: 'age', days: 30 }, clock.now());
    await h.service.library.setPinned('2026-09/second.wav', true); // pinned in the window while the sweep runs
    const outcome = await moveToTrash({ folder, trash: h.service.trash(), clock, rule: { kind: 'age', days: 30 }, items: listedBySweep });
    expect(outcome.moved.map((i) => i.relativePath)).toEqual(['2026-09/first.wav']);
    expect(outcome.pinned.map((i) => i.relativePath)).toEqual(['2026-09/second.wav']);
    expect(await listed(folder)).toEqual(['2026-09/pinned.wav', '2026-09/second.wav', '2026-11/recent.wav']);
    expect((await logLines(folder)).map((line) => line.split('\t')[2])).toEqual(['2026-09/first.wav  (2026-09-01 09:00, +36 1 234 5678 -> 1001)']);
  });

  it('keeps its confirmation across restarts, for that folder only', async () => {
    const { h, pbx, folder } = await keepingThirtyDays();
    await confirmRetention(h.dataDir, folder, 30, Date.now());
    expect(await retentionConfirmed(h.dataDir, await tempDir('another-folder-'), 30)).toBe(false);
    await h.stop();
    const again = await startRecorder(pbx, { keepDays: 30 }, { folder, dataDir: h.dataDir, clock: new FakeClock() });
    await again.service.settled();
    expect(await listed(folder)).toEqual(['2026-09/pinned.wav', '2026-11/recent.wav']);
    expect(again.service.state().retention).toBeUndefined();
  });

  it('asks again when fewer days would move recordings the confirmed dry run did not list; more days need no new confirmation', async () => {
    const { h, folder } = await keepingThirtyDays();
    h.service.applySettings({ keepDays: 60 });
    await h.service.settled();
    await h.service.retention.confirm(); // 60 days: the two of September go
    expect(await listed(folder)).toEqual(['2026-09/pinned.wav', '2026-11/recent.wav']);
    h.service.applySettings({ keepDays: 90 });
    await h.service.settled();
    expect(h.service.state().retention).toBeUndefined();

    h.service.applySettings({ keepDays: 5 }); // would take the recording of 20 November, which no dry run listed
    await h.service.settled();
    expect(await listed(folder)).toEqual(['2026-09/pinned.wav', '2026-11/recent.wav']);
    expect(h.service.state().retention).toMatchObject({ count: 1, days: 5 });
    expect(await h.service.retention.confirm()).toEqual({ ok: true, message: 'Moved one recording to the trash.' });
    expect(await listed(folder)).toEqual(['2026-09/pinned.wav']);
  });

  it('is off at 0 days: nothing is listed or moved, and the dry run for a typed value says what it would take', async () => {
    const pbx = await startDemoPbx();
    const folder = await tempDir('retention-');
    await aLibrary(folder);
    const h = await startRecorder(pbx, {}, { folder, clock: new FakeClock() });
    await h.service.settled();
    expect(h.service.state().retention).toBeUndefined();
    expect((await h.service.retention.preview(6)).map((i) => i.relativePath)).toEqual(['2026-09/first.wav', '2026-09/second.wav', '2026-11/recent.wav']);
    expect(await h.service.retention.confirm()).toEqual({ ok: false, message: 'Keeping recordings for a number of days is off: there is nothing to confirm.' });
    expect(await listed(folder)).toHaveLength(4);
  });

  it('starts the dry run when the days are set while running', async () => {
    const pbx = await startDemoPbx();
    const folder = await tempDir('retention-');
    await aLibrary(folder);
    const h = await startRecorder(pbx, {}, { folder, clock: new FakeClock() });
    h.service.applySettings({ keepDays: 5 });
    await h.service.settled();
    expect(h.service.state().retention).toMatchObject({ count: 3, days: 5 });
  });
});

describe('erasing every recording of a number', () => {
  it('moves them to the trash, pinned ones too, however the number is written, and audits each', async () => {
    const { h, folder } = await keepingThirtyDays();
    await saveRecording(folder, 'pinned-call.wav', { startTime: '2026-11-25T09:00:00.000Z', to: '0036 (1) 234-5678', pinned: true });
    expect((await h.service.retention.ofNumber('+36 1 234 5678')).map((i) => i.relativePath)).toEqual(['2026-09/first.wav', 'pinned-call.wav']);
    expect(await h.service.retention.erase('+36-1-234-5678')).toEqual({ ok: true, message: 'Moved 2 recordings to the trash.' });
    expect(await listed(folder)).toEqual(['2026-09/pinned.wav', '2026-09/second.wav', '2026-11/recent.wav']);
    expect((await logLines(folder)).map((line) => line.split('\t').slice(1))).toEqual([
      ['moved to the trash', '2026-09/first.wav  (2026-09-01 09:00, +36 1 234 5678 -> 1001)', 'rule: erase every recording of +36-1-234-5678'],
      ['moved to the trash', 'pinned-call.wav  (2026-11-25 09:00, 1000 -> 0036 (1) 234-5678)', 'rule: erase every recording of +36-1-234-5678'],
    ]);
    expect(await h.service.retention.erase(' -() ')).toEqual({ ok: false, message: 'Write the phone number whose recordings should be erased.' });
  });
});
