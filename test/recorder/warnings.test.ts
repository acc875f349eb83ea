// The recorder's warnings: values with a kind, words for the receptionist and a detail for whoever fixes it, stamped
// by the recorder's clock; logged and printed whole; a burst of one kind never pushes another out of the state.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../main/cli/commands/run.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { nextEvent, startRecorder, tempDir, until, type RecorderHarness } from '../helpers/recorder.ts';

const SET_ASIDE = 'Ozeki Recorder found 1 damaged line in its records and set it aside.';
const REFUSED = 'Ozeki Recorder refused a message that did not come from the PBX.';
const FORGED_DETAIL = 'Refused a notification from 127.0.0.1: Wrong secret.';

/** A data folder whose journal has one line that is no entry: the recorder sets it aside at start, and warns. */
async function damagedDataDir(): Promise<string> {
  const dataDir = await tempDir('data-');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeFile(join(dataDir, 'journal.jsonl'), 'this line is no journal entry\n', { mode: 0o600 });
  return dataDir;
}

/** A RecordCompleted for a recording the recorder does not know, with a made-up secret: refused. */
async function forge(rec: RecorderHarness): Promise<void> {
  const res = await request(`${rec.service.callbackUrl ?? ''}/ozeki/record-completed/nothing/forged-secret`, {
    method: 'POST',
    body: 'NotificationName=RecordCompleted',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  await res.body.dump();
}

describe("the recorder's warnings", () => {
  it('are values with a kind, plain words and the detail, given at a moment of the recorder’s clock; the log and the event have them whole', async () => {
    const clock = new FakeClock();
    const started = clock.now();
    const pbx = await startDemoPbx();
    const dataDir = await damagedDataDir();
    const rec = await startRecorder(pbx, { autoRecord: 'sometimes' }, { dataDir, clock });
    expect(rec.service.state().warnings).toEqual([
      { kind: 'auto-record-off', message: expect.stringMatching(/^Auto-record is off: "sometimes" is not a number/) as unknown, at: started },
      {
        kind: 'journal-damaged',
        message: SET_ASIDE,
        detail: `The journal had 1 line that could not be read; it is in ${join(dataDir, 'journal.rejected')}.`,
        at: started,
      },
    ]);

    clock.advance(42_000);
    await forge(rec);
    const state = await until(rec, (s) => s.warnings.some((w) => w.kind === 'notification-refused'));
    expect(state.warnings.at(-1)).toEqual({ kind: 'notification-refused', message: REFUSED, detail: FORGED_DETAIL, at: started + 42_000 });
    const event = await nextEvent(rec, 'warning', (e) => e.kind === 'notification-refused');
    expect(event).toEqual({ type: 'warning', kind: 'notification-refused', message: REFUSED, detail: FORGED_DETAIL });
    // The log line and the terminal say it all: the words, then the detail.
    expect(rec.logs.filter((line) => line.includes(REFUSED))).toEqual([
      expect.stringMatching(new RegExp(`warn +${REFUSED} ${FORGED_DETAIL}$`.replace(/\./g, '\\.'))),
    ]);
    expect(describeEvent(event)).toBe(`warning  ${REFUSED} ${FORGED_DETAIL}`);
  });

  it('keep the newest few of each kind: a burst of refused notifications does not push the damaged journal out of sight', async () => {
    const pbx = await startDemoPbx();
    const rec = await startRecorder(pbx, {}, { dataDir: await damagedDataDir() });
    for (let i = 0; i < 12; i++) await forge(rec);
    const state = await until(rec, () => rec.events.filter((e) => e.type === 'warning' && e.kind === 'notification-refused').length === 12);
    const kinds = rec.service.state().warnings.map((w) => w.kind);
    expect(kinds.filter((kind) => kind === 'journal-damaged')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === 'notification-refused')).toHaveLength(5);
    expect(state.warnings[0]?.message).toBe(SET_ASIDE); // oldest first
    // Every one of them was logged, whatever the state keeps.
    expect(rec.logs.filter((line) => line.includes(REFUSED))).toHaveLength(12);
  });
});
