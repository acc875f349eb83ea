import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSidecar } from '../../main/recorder/library.ts';
import { TRASHED_AT_DIR } from '../../main/recorder/trash.ts';
import { startPreview, type Preview } from '../../main/preview/server.ts';
import { onCleanup, startDemoPbx } from '../helpers/demo.ts';
import { saveRecording, sidecarFor } from '../helpers/library.ts';
import { tempDir } from '../helpers/recorder.ts';
import { zipEntries } from '../helpers/unzip.ts';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body's bytes (audio is not text). */
  raw: Buffer;
}

/**
 * One request over a real socket, with any headers (fetch forbids setting Host); a body given as several
 * pieces is sent chunked, without a Content-Length.
 */
function send(
  preview: Preview,
  path: string,
  options: { method?: string; headers?: Record<string, string | number>; body?: string | Buffer[] } = {},
): Promise<Answer> {
  const { port } = new URL(preview.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: raw.toString(), raw });
      });
    });
    req.on('error', reject);
    if (Array.isArray(options.body)) {
      const pieces = [...options.body];
      const next = () => {
        const piece = pieces.shift();
        if (piece === undefined) req.end();
        else if (req.write(piece)) setImmediate(next);
        else req.once('drain', next);
      };
      next();
    } else req.end(options.body);
  });
}

async function openPreview(folder?: string) {
  const pbx = await startDemoPbx();
  const preview = await startPreview({ rendererDir: join(process.cwd(), 'renderer'), pbxUrl: pbx.url, ...(folder ? { folder } : {}) });
  onCleanup(() => preview.close());
  const url = new URL(preview.url);
  const token = url.searchParams.get('token') ?? '';
  const host = `127.0.0.1:${url.port}`;
  const api = (method: string, args: unknown[] = [], headers: Record<string, string> = {}) =>
    send(preview, `/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Preview-Token': token, ...headers },
      body: JSON.stringify(args),
    });
  /** The playback cookie an authenticated answer sets, as a request sends it back. */
  const playbackCookie = async () => String((await api('getState')).headers['set-cookie']?.[0]).split(';')[0] ?? '';
  return { preview, token, host, api, playbackCookie };
}

describe('the preview server', () => {
  it('takes the token from the X-Preview-Token header only, never from the URL', async () => {
    const { preview, token, api } = await openPreview();
    expect((await api('getState')).status).toBe(200);
    const inQuery = await send(preview, `/api/getState?token=${token}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[]' });
    expect(inQuery.status).toBe(403);
    expect(inQuery.body).toContain('Open the URL printed by npm run preview');
    expect((await api('getState', [], { 'X-Preview-Token': `${token}0` })).status).toBe(403);
    expect((await api('getState', [], { 'X-Preview-Token': '' })).status).toBe(403);
    expect((await send(preview, `/events?token=${token}`)).status).toBe(403);
  });

  it('streams pushed events to a request with the token header, starting with the whole state', async () => {
    const { preview, token } = await openPreview();
    const controller = new AbortController();
    const response = await fetch(new URL('/events', preview.url), { headers: { 'X-Preview-Token': token }, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('\n\n', text.indexOf('event: state'))) text += (await reader?.read())?.value ?? '';
    expect(text).toMatch(/^: connected\n\nevent: state\ndata: \{"link":/);
    controller.abort();
  });

  it('serves the page without the token in it, and not to be cached', async () => {
    const { preview, token } = await openPreview();
    const page = await send(preview, `/?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="./preview-bridge.js"></script>');
    expect(page.body).not.toContain(token);
    expect(page.headers['cache-control']).toBe('no-store');
    expect((await send(preview, '/index.html')).status).toBe(200);
    expect((await send(preview, '/../package.json')).status).toBe(404);
  });

  it('answers only to 127.0.0.1:<port> and localhost:<port> as Host (DNS rebinding)', async () => {
    const { preview, token, host } = await openPreview();
    const port = host.split(':')[1] ?? '';
    const getState = (hostHeader: string) =>
      send(preview, '/api/getState', {
        method: 'POST',
        headers: { Host: hostHeader, 'Content-Type': 'application/json', 'X-Preview-Token': token },
        body: '[]',
      });
    expect((await getState(`localhost:${port}`)).status).toBe(200);
    expect((await getState(`LOCALHOST:${port}`)).status).toBe(200);
    for (const hostHeader of [`attacker.example:${port}`, `127.0.0.1:${Number(port) + 1}`, '127.0.0.1', `localhost.attacker.example:${port}`]) {
      expect((await getState(hostHeader)).status).toBe(421);
    }
    expect((await send(preview, '/', { headers: { Host: `attacker.example:${port}` } })).status).toBe(421);
  });

  it('takes JSON bodies only (415 otherwise) and at most 1 MB (413 otherwise)', async () => {
    const { preview, token, api } = await openPreview();
    expect((await api('getState', [], { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(200);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      expect((await api('getState', [], { 'Content-Type': type })).status).toBe(415);
    }
    const note = 'x'.repeat(1024 * 1024);
    const declared = await api('setNote', ['a.mp3', note]);
    expect(declared.status).toBe(413);
    // Chunked, without a Content-Length: cut off at the cap, and still answered.
    const chunked = await send(preview, '/api/setNote', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Preview-Token': token },
      body: [Buffer.from('["a.mp3","'), ...Array.from({ length: 40 }, () => Buffer.alloc(64 * 1024, 'x')), Buffer.from('"]')],
    });
    expect(chunked.status).toBe(413);
    expect(chunked.body).toBe('The request is larger than 1 MB.\n');
    expect((await api('getState')).status).toBe(200); // still serving
  });

  it('answers 400 to a malformed escape in the path', async () => {
    const { preview, api, playbackCookie } = await openPreview();
    const cookie = await playbackCookie();
    expect((await send(preview, '/recording/%E0%A4%A.mp3', { headers: { Cookie: cookie } })).status).toBe(400);
    expect((await api('getState')).status).toBe(200);
  });

  it('plays only recordings the library knows, never a link out of the folder', async () => {
    const folder = await tempDir('preview-folder-');
    const outside = await tempDir('outside-');
    await writeFile(join(outside, 'passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
    await symlink(join(outside, 'passwd'), join(folder, 'link.mp3'));
    await writeSidecar(join(folder, 'link.mp3'), sidecarFor('link.mp3', { format: 'mp3' }));
    await writeFile(join(folder, 'loose.mp3'), 'no sidecar');
    const { preview, playbackCookie } = await openPreview(folder);
    const cookie = await playbackCookie();
    for (const path of ['/recording/link.mp3', '/recording/loose.mp3', '/recording/..%2F' + encodeURIComponent(basename(outside)) + '%2Fpasswd']) {
      const answer = await send(preview, path, { headers: { Cookie: cookie } });
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('root:');
    }
  });

  it('lets the audio player in with an HttpOnly, SameSite=Strict cookie from an authenticated answer; the playback URL holds no secret', async () => {
    const folder = await tempDir('preview-folder-');
    await saveRecording(folder, 'call one.wav');
    const { preview, token, api } = await openPreview(folder);
    const answer = await api('playbackUrl', ['call one.wav']);
    const playbackUrl = (JSON.parse(answer.body) as { result: string }).result;
    expect(playbackUrl).toBe('/recording/call%20one.wav');
    const setCookie = answer.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/^ozeki-preview-playback-[0-9a-f]+=[0-9a-f]{32}; Path=\/recording\/; HttpOnly; SameSite=Strict$/);
    expect(setCookie).not.toContain(token);

    const cookie = setCookie.split(';')[0] ?? '';
    const played = await send(preview, playbackUrl, { headers: { Cookie: `other=1; ${cookie}` } });
    expect(played.status).toBe(200);
    expect(played.headers['content-type']).toBe('audio/wav');
    expect(played.body.slice(0, 4)).toBe('RIFF');
    expect((await send(preview, playbackUrl)).status).toBe(403);
    expect((await send(preview, playbackUrl, { headers: { Cookie: `${cookie}0` } })).status).toBe(403);
    expect((await send(preview, playbackUrl, { headers: { 'X-Preview-Token': token } })).status).toBe(403); // the token is for the API
    expect((await send(preview, `${playbackUrl}?token=${token}`)).status).toBe(403);
  });

  it("deletes into the folder's .trash and erases a number's recordings over HTTP, as the window asks", async () => {
    const folder = await tempDir('preview-trash-');
    await saveRecording(folder, 'call.wav');
    await saveRecording(folder, 'customer.wav', { from: '+36 1 234 5678' });
    const { api } = await openPreview(folder);
    expect(JSON.parse((await api('deleteRecordings', [['call.wav']])).body)).toMatchObject({ result: { ok: true, count: 1 } });
    const listed = await api('recordingsOfNumber', ['0036 1 234 5678']);
    expect(JSON.parse(listed.body)).toMatchObject({
      result: { message: 'This recording would be moved to the trash.', recordings: [{ relativePath: 'customer.wav' }] },
    });
    expect(JSON.parse((await api('eraseNumber', ['0036 1 234 5678'])).body)).toEqual({ result: { ok: true, message: 'Moved one recording to the trash.' } });
    expect(JSON.parse((await api('library', [''])).body)).toEqual({ result: [] });
    // call.wav is held for the window's Undo (moved to the trash when its time is up); the erase moved at once.
    // (beside them, the trash's own record of when each file came in)
    expect((await readdir(join(folder, '.trash'))).filter((name) => name !== TRASHED_AT_DIR).sort()).toEqual(['customer.json', 'customer.wav']);
    expect((await api('retentionPreview', [-3])).status).toBe(400);
  });

  it('exports over the bridge into its own exports folder, pushing progress to the page', async () => {
    const pbx = await startDemoPbx();
    const folder = await tempDir('recordings-');
    const dataDir = await tempDir('preview-data-');
    await saveRecording(folder, 'a.wav', { startTime: new Date(2026, 10, 20, 9).toISOString() });
    const preview = await startPreview({ rendererDir: join(process.cwd(), 'renderer'), pbxUrl: pbx.url, folder, dataDir });
    onCleanup(() => preview.close());
    const token = new URL(preview.url).searchParams.get('token') ?? '';
    const controller = new AbortController();
    onCleanup(() => controller.abort());
    const events = await fetch(new URL('/events', preview.url), { headers: { 'X-Preview-Token': token }, signal: controller.signal });
    const reader = events.body?.pipeThrough(new TextDecoderStream()).getReader();
    const exportRange = () =>
      send(preview, '/api/exportRecordings', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Preview-Token': token },
        body: JSON.stringify([{ kind: 'filter', from: '2026-11-20', to: '2026-11-20' }]),
      });

    const first = JSON.parse((await exportRange()).body) as { result: { ok: boolean; bytes: number; message: string } };
    const file = join(dataDir, 'exports', 'calls-2026-11-20.zip');
    expect(first.result).toMatchObject({
      ok: true,
      count: 1,
      message: expect.stringMatching(new RegExp(`^Exported 1 recording \\(\\d+ KB\\) to ${file}$`)) as unknown,
    });
    expect((await zipEntries(file)).map((e) => e.name)).toContain('recordings/a.wav');
    let text = '';
    const done = `event: exportProgress\ndata: {"doneBytes":${first.result.bytes},"totalBytes":${first.result.bytes}}\n\n`;
    while (!text.includes(done)) text += (await reader?.read())?.value ?? '';

    // A second export of the same days never replaces the first: no dialog asked.
    expect(JSON.parse((await exportRange()).body)).toMatchObject({
      result: { ok: true, message: expect.stringContaining('calls-2026-11-20 (2).zip') as unknown },
    });
    expect((await readdir(join(dataDir, 'exports'))).sort()).toEqual(['calls-2026-11-20 (2).zip', 'calls-2026-11-20.zip']);
  });

  it('serves the part of a recording the player asks for when it seeks (one byte range), and says when a range is past the end', async () => {
    const folder = await tempDir('preview-folder-');
    const audio = await saveRecording(folder, 'call.wav');
    const whole = await readFile(audio);
    const { preview, playbackCookie } = await openPreview(folder);
    const cookie = await playbackCookie();
    const part = await send(preview, '/recording/call.wav', { headers: { Cookie: cookie, Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${whole.length}`);
    expect(part.headers['content-length']).toBe('100');
    expect(part.raw.equals(whole.subarray(100, 200))).toBe(true);
    const tail = await send(preview, '/recording/call.wav', { headers: { Cookie: cookie, Range: 'bytes=-10' } });
    expect(tail.headers['content-range']).toBe(`bytes ${whole.length - 10}-${whole.length - 1}/${whole.length}`);
    const past = await send(preview, '/recording/call.wav', { headers: { Cookie: cookie, Range: `bytes=${whole.length}-` } });
    expect(past.status).toBe(416);
    const all = await send(preview, '/recording/call.wav', { headers: { Cookie: cookie } });
    expect([all.status, all.headers['accept-ranges']]).toEqual([200, 'bytes']);
  });
});
