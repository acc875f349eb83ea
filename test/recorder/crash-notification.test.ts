import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crashAfterCall } from '../helpers/child-recorder.ts';
import { fileSha256 } from '../helpers/recorder.ts';

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
    const { pbx, callId, folder, delivery, restart } = await crashAfterCall('after-notification-journaled', { listen: `127.0.0.1:${await freePort()}` });
    expect(await delivery).toMatchObject({ ok: false }); // the PBX was never told "got it"

    const saved = (await restart().line(/^saved /)).replace(/^saved +\S+ +/, '');
    expect(await fileSha256(saved)).toBe(await fileSha256(pbx.recordingsOf(callId)[0]?.file ?? ''));
    const names = (await readdir(folder)).filter((n) => !n.startsWith('.'));
    expect(names.sort()).toEqual([expect.stringMatching(/\.json$/), expect.stringMatching(/\.wav$/)]);
    expect(JSON.parse(await readFile(join(folder, names.find((n) => n.endsWith('.json')) ?? ''), 'utf8'))).toMatchObject({ callId });
  });
});
