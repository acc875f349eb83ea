import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnRecorder } from '../helpers/child-recorder.ts';
import { commandsReceived, startDemoPbx } from '../helpers/demo.ts';
import { tempDir } from '../helpers/recorder.ts';

const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

/** A loopback port free right now: the restarted recorder must listen where the PBX's FinishedURL points. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a crash while RecordCompleted is being taken in', () => {
  it('never answers the PBX before the notification is journaled, and the next start saves the recording', async () => {
    const pbx = await startDemoPbx();
    const folder = await tempDir('recordings-');
    const dataDir = await tempDir('data-');
    const args = [
      'run',
      '--pbx-url',
      pbx.url,
      '--folder',
      folder,
      '--data-dir',
      dataDir,
      '--listen',
      `127.0.0.1:${await freePort()}`,
      '--poll-interval',
      '100',
      '--auto-record',
      'all',
      '--format',
      'wav',
    ];
    const first = spawnRecorder(args, { OZEKI_RECORDER_CRASH_AT: 'after-notification-journaled' });
    await first.line(/^pbx +Connected/);
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await first.line(/^record .*recording started/);
    await commandsReceived(pbx, 'ListActiveCalls', pbx.received.filter((c) => c.command === 'ListActiveCalls').length + 3);
    const delivery = new Promise<{ ok: boolean }>((resolve) => pbx.once('notification', resolve));
    await pbx.endCall(callId);
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await delivery).toMatchObject({ ok: false }); // the PBX was never told "got it"

    const second = spawnRecorder(args);
    const saved = (await second.line(/^saved /)).replace(/^saved +\S+ +/, '');
    expect(await sha256(saved)).toBe(await sha256(pbx.recordingsOf(callId)[0]?.file ?? ''));
    const names = (await readdir(folder)).filter((n) => !n.startsWith('.'));
    expect(names.sort()).toEqual([expect.stringMatching(/\.json$/), expect.stringMatching(/\.wav$/)]);
    expect(JSON.parse(await readFile(join(folder, names.find((n) => n.endsWith('.json')) ?? ''), 'utf8'))).toMatchObject({ callId });
  });
});
