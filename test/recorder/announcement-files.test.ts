import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDemoRecording } from '../../main/demo-pbx/audio.ts';
import { ANNOUNCEMENT_WINDOW_MS, AnnouncementFiles } from '../../main/recorder/announcement-files.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { tempDir } from '../helpers/recorder.ts';
import { rawExchange, startListener, statusOf } from '../helpers/webhook.ts';

// 127.0.0.3 is a loopback address but not one of this machine's interfaces: a client bound to it is a stranger.
const STRANGER = '127.0.0.3';

/** The listener with an announcement file offered, on a fake clock; the PBX is 127.0.0.1 unless said otherwise. */
async function offered(allowedCallers = ['127.0.0.1']) {
  const file = join(await tempDir('announcement-'), 'we-record.mp3');
  await writeDemoRecording(file, 'mp3', 1);
  const clock = new FakeClock();
  const hook = await startListener({ allowedCallers }, undefined, undefined, { announcementFile: (id, secret) => files.find(id, secret) });
  const files = new AnnouncementFiles({ clock, baseUrl: () => hook.base });
  const offer = files.offer(file, 'mp3');
  const path = new URL(offer.url).pathname;
  return { file, clock, files, hook, offer, path };
}

const get = (port: number, path: string, localAddress?: string) =>
  rawExchange(port, [`GET ${path} HTTP/1.1\r\nHost: pc\r\n\r\n`], localAddress ? { localAddress } : {});

describe('announcement files on the listener', () => {
  it('streams the file once to an allowed caller, then no more', async () => {
    const { file, files, hook, offer, path } = await offered();
    expect(offer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ozeki\/announcement\/[0-9a-f-]{36}\/[A-Za-z0-9_-]{32}\.mp3$/);
    const answer = await fetch(offer.url);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('audio/mpeg');
    expect(Buffer.from(await answer.arrayBuffer()).equals(await readFile(file))).toBe(true);
    expect(files.size).toBe(0);
    expect(statusOf((await get(hook.port, path)).received)).toBe(404);
  });

  it('serves it to one request at a time: a second one while the first is still streaming is refused', async () => {
    const { file, files, hook, offer, path } = await offered();
    await writeFile(file, Buffer.alloc(16 * 1024 * 1024, 0xff)); // more than the sockets buffer: the first answer is still streaming
    const first = await fetch(offer.url); // its headers came; its body is not read yet
    expect(first.status).toBe(200);
    expect(statusOf((await get(hook.port, path)).received)).toBe(404);
    expect((await first.arrayBuffer()).byteLength).toBe(16 * 1024 * 1024);
    expect(files.size).toBe(0);
    expect(statusOf((await get(hook.port, path)).received)).toBe(404);
  });

  it('offers it again when an answer failed before any byte of the file went out', async () => {
    const { file, files, offer } = await offered();
    const bytes = await readFile(file);
    await rm(file);
    expect((await fetch(offer.url)).status).toBe(404); // cannot be read: nothing was sent
    expect(files.size).toBe(1);
    await writeFile(file, bytes);
    const again = await fetch(offer.url);
    expect(again.status).toBe(200);
    expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true);
    expect(files.size).toBe(0);
  });

  it('drops a stranger as it connects and refuses this machine when only the PBX may call, the offer still open', async () => {
    const stranger = await offered();
    expect((await get(stranger.hook.port, stranger.path, STRANGER)).received).toBe('');
    const onlyThePbx = await offered(['192.0.2.10']);
    expect(statusOf((await get(onlyThePbx.hook.port, onlyThePbx.path)).received)).toBe(403);
    expect([stranger.files.size, onlyThePbx.files.size]).toEqual([1, 1]);
  });

  it('refuses a wrong secret, another id, a POST, and anything after its window', async () => {
    const { clock, files, hook, path } = await offered();
    const [, , , id = '', secretFile = ''] = path.split('/');
    // The wrong secret differs in its first character, whatever that character is (an 'x' there made it right).
    expect(statusOf((await get(hook.port, `/ozeki/announcement/${id}/${secretFile.startsWith('x') ? 'y' : 'x'}${secretFile.slice(1)}`)).received)).toBe(404);
    expect(statusOf((await get(hook.port, `/ozeki/announcement/00000000-0000-4000-8000-000000000000/${secretFile}`)).received)).toBe(404);
    const post = await rawExchange(hook.port, [`POST ${path} HTTP/1.1\r\nHost: pc\r\nContent-Length: 0\r\n\r\n`]);
    expect(statusOf(post.received)).toBe(405);
    clock.advance(ANNOUNCEMENT_WINDOW_MS - 1);
    expect(files.size).toBe(1);
    clock.advance(1);
    expect(files.size).toBe(0);
    expect(statusOf((await get(hook.port, path)).received)).toBe(404);
  });
});
