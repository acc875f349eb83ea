import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as electron from '../mocks/electron.ts';
import { Updates, type Updater } from '../../main/app/updates.ts';
import { updateHandlers } from '../../main/host/handlers.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { stringContaining } from '../helpers/match.ts';
import { onCleanup } from '../helpers/demo.ts';
import { tempDir } from '../helpers/recorder.ts';
import { stderrLogger } from '../../main/recorder/logger.ts';

// electron-updater is CommonJS: it gets the shared Electron mock through require's cache (test/mocks/electron.ts).
const { NsisUpdater } = createRequire(import.meta.url)('electron-updater') as typeof import('electron-updater');

/** A static update folder on 127.0.0.1: latest.yml naming an installer of `version`, and the installer. */
async function updateServer(version: string): Promise<{ url: string; requests: string[] }> {
  const installer = Buffer.from(`installer of ${version}`.repeat(1000));
  const sha512 = createHash('sha512').update(installer).digest('base64');
  const name = `Ozeki-Recorder-Setup-${version}.exe`;
  const latest = `version: ${version}\nfiles:\n  - url: ${name}\n    sha512: ${sha512}\n    size: ${installer.length}\npath: ${name}\nsha512: ${sha512}\nreleaseDate: '2026-11-27T09:00:00.000Z'\n`;
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    // latest.yml on Windows; the updater names its channel file after the platform it runs on (latest-linux.yml here).
    if (/^\/updates\/latest(-linux)?\.yml$/.test(path)) return void res.end(latest);
    if (path === `/updates/${name}`) return void res.writeHead(200, { 'content-length': installer.length }).end(installer);
    res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}/updates/`, requests };
}

/** electron-updater's Windows updater, with the mock's app (version 0.1.0), caching in a temp folder. */
async function realUpdater() {
  const dir = await tempDir('updater-');
  process.env['XDG_CACHE_HOME'] = dir;
  electron.app.getAppPath.mockReturnValue(dir);
  await writeFile(join(dir, 'dev-app-update.yml'), 'provider: generic\nurl: http://127.0.0.1:9/\nupdaterCacheDirName: ozeki-recorder-updater\n');
  const updater = new NsisUpdater();
  updater.forceDevUpdateConfig = true; // the mock's app is not packaged
  updater.logger = null;
  // The installer itself cannot run here (it is a Windows program): what the policy decides is whether it is asked to.
  const quitAndInstall = vi.spyOn(updater, 'quitAndInstall').mockImplementation(() => undefined);
  return { updater, quitAndInstall, dir };
}

function setup(updater: Updater, inFlight: { n: number; idle: (() => void)[] }) {
  const clock = new FakeClock();
  const whenIdle = (action: () => void) => {
    if (inFlight.n === 0) {
      action();
      return 0;
    }
    inFlight.idle.push(action);
    return inFlight.n;
  };
  const updates = new Updates({ updater, clock, logger: stderrLogger, whenIdle });
  onCleanup(() => {
    updates.stop();
    return Promise.resolve();
  });
  const ready = new Promise<string>((resolve) => updates.on('changed', (s) => s.kind === 'ready' && resolve(s.version)));
  return { updates, clock, ready };
}

describe('updates', () => {
  it('finds and downloads an update at start, offers "Restart to update" and restarts into it when nothing is in flight', async () => {
    const server = await updateServer('0.2.0');
    const { updater, quitAndInstall } = await realUpdater();
    const { updates, ready } = setup(updater, { n: 0, idle: [] });
    updates.configure(server.url);
    expect(await ready).toBe('0.2.0');
    expect(server.requests).toContain('/updates/Ozeki-Recorder-Setup-0.2.0.exe');
    expect(updates.status).toEqual({ kind: 'ready', version: '0.2.0' });
    expect(updates.restartToUpdate()).toBe('Restarting to update to 0.2.0…');
    expect(quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('waits for the recordings in flight, says so, and restarts when the last is saved', async () => {
    const server = await updateServer('0.2.0');
    const { updater, quitAndInstall } = await realUpdater();
    const inFlight = { n: 2, idle: [] as (() => void)[] };
    const { updates, ready } = setup(updater, inFlight);
    updates.configure(server.url);
    await ready;
    expect(updates.restartToUpdate()).toBe('Ozeki Recorder restarts to update to 0.2.0 once the 2 recordings in progress are saved.');
    expect(updates.status).toMatchObject({ kind: 'waiting', message: stringContaining('2 recordings') });
    expect(updates.restartToUpdate()).toMatch(/once the 2 recordings/); // asked again: still waits, once
    expect(quitAndInstall).not.toHaveBeenCalled();
    for (const run of inFlight.idle.splice(0)) run();
    expect(quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('checks again a day later, and not at all while the update address is empty', async () => {
    const server = await updateServer('0.1.0'); // the running version: nothing to download
    const { updater } = await realUpdater();
    const checked = () => server.requests.filter((p) => p.endsWith('.yml')).length;
    const { updates, clock } = setup(updater, { n: 0, idle: [] });
    updates.configure('');
    expect(clock.pending).toBe(0);
    const first = new Promise((resolve) => updater.once('update-not-available', resolve));
    updates.configure(server.url);
    await first;
    await new Promise(setImmediate); // the updater settles its check just after the event
    expect(checked()).toBe(1);
    const second = new Promise((resolve) => updater.once('update-not-available', resolve));
    clock.advance(24 * 60 * 60 * 1000);
    await second;
    expect(checked()).toBe(2);
    updates.configure('');
    expect(clock.pending).toBe(0);
    expect(updates.status).toEqual({ kind: 'none' });
  });

  it('is offered in the window: its status, and "Restart to update" that waits for the recordings in flight', async () => {
    const server = await updateServer('0.2.0');
    const { updater, quitAndInstall } = await realUpdater();
    const inFlight = { n: 1, idle: [] as (() => void)[] };
    const { updates, ready } = setup(updater, inFlight);
    const window = updateHandlers({ status: () => updates.status, restart: () => updates.restartToUpdate() });
    expect(await window.updateStatus()).toEqual({ kind: 'none' });
    updates.configure(server.url);
    await ready;
    expect(await window.updateStatus()).toEqual({ kind: 'ready', version: '0.2.0' });
    expect(await window.restartToUpdate()).toEqual({
      ok: true,
      message: 'Ozeki Recorder restarts to update to 0.2.0 once the recording in progress is saved.',
    });
    expect(await window.updateStatus()).toMatchObject({ kind: 'waiting', version: '0.2.0' });
    for (const run of inFlight.idle.splice(0)) run();
    expect(quitAndInstall).toHaveBeenCalledTimes(1);
    expect(await updateHandlers(undefined).restartToUpdate()).toEqual({ ok: false, message: 'There is no update to restart into.' });
  });
});
