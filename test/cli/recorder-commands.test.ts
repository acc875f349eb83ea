import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/main.ts';
import { runArgs, spawnRecorder } from '../helpers/child-recorder.ts';
import { commandsReceived, startDemoPbx } from '../helpers/demo.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { tempDir } from '../helpers/recorder.ts';

function io(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const stop = new AbortController();
  return { out, err, stop, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env, stop: stop.signal } };
}

describe('ozeki-recorder record', () => {
  it('records one call, waits until it is saved and prints the path', async () => {
    const pbxClock = new FakeClock(); // the recording is as long as the test moves the PBX's clock on
    const pbx = await startDemoPbx({ clock: pbxClock });
    const folder = await tempDir('cli-folder-');
    const dataDir = await tempDir('cli-data-');
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    const cli = io();
    const run = runCli(
      ['record', callId, '--pbx-url', pbx.url, '--folder', folder, '--data-dir', dataDir, '--format', 'wav', '--listen', '127.0.0.1:0'],
      cli.io,
    );
    await commandsReceived(pbx, 'Record', 1);
    pbxClock.advance(300);
    await pbx.endCall(callId);
    expect(await run).toBe(0);
    expect(cli.out).toHaveLength(1);
    expect(cli.out[0]).toMatch(new RegExp(`^${folder}/.+_1000_1001\\.wav$`));
    expect((await readFile(cli.out[0] ?? '')).subarray(0, 4).toString()).toBe('RIFF');
  });

  it('says that nothing is saved when the call it records rings and is never answered', async () => {
    const pbx = await startDemoPbx();
    const folder = await tempDir('cli-folder-');
    const dataDir = await tempDir('cli-data-');
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'Ringing' });
    const cli = io();
    const run = runCli(['record', callId, '--pbx-url', pbx.url, '--folder', folder, '--data-dir', dataDir, '--listen', '127.0.0.1:0'], cli.io);
    await commandsReceived(pbx, 'Record', 1);
    await pbx.endCall(callId, 'Cancelled');
    expect(await run).toBe(1);
    expect(cli.out).toEqual([]);
    expect(cli.err.at(-1)).toBe('Not saved — the call was never answered.');
    expect((await readdir(folder)).filter((name) => !name.startsWith('.'))).toEqual([]);
  });

  it('says when the call does not exist', async () => {
    const pbx = await startDemoPbx();
    const folder = await tempDir('cli-folder-');
    const cli = io();
    expect(await runCli(['record', 'nope42', '--pbx-url', pbx.url, '--folder', folder, '--data-dir', folder, '--listen', '127.0.0.1:0'], cli.io)).toBe(1);
    expect(cli.err).toEqual(['That call has ended or is not on the PBX any more.']);
  });
});

describe('ozeki-recorder doctor', () => {
  it('checks the PBX, the folder and the listener, one line each', async () => {
    const pbx = await startDemoPbx();
    const folder = await tempDir('cli-folder-');
    const cli = io();
    expect(await runCli(['doctor', '--pbx-url', pbx.url, '--folder', folder, '--listen', '127.0.0.1:0'], cli.io)).toBe(0);
    expect(cli.out).toEqual([
      `ok    PBX reachable at ${pbx.url} (0 active calls)`,
      'ok    No login needed',
      expect.stringMatching(new RegExp(`^ok    Folder ${folder} is writable, [\\d.]+ [GM]B free$`)),
      `ok    Work folder ${folder}/.ozeki-recorder is empty`,
      expect.stringMatching(/^ok {4}Listener answers on http:\/\/127\.0\.0\.1:\d+ \(give the PBX this address\)$/),
    ]);
  });

  it('refuses a network share as --pbx-recordings-dir and a path as --recordings-origin, saying what to write', async () => {
    const pbx = await startDemoPbx();
    const folder = await tempDir('cli-folder-');
    for (const [flag, value, message] of [
      [
        '--pbx-recordings-dir',
        '\\\\fileserver\\recordings',
        '--pbx-recordings-dir: Write the full path of the folder the PBX saves recordings in (not a network share), or leave it empty.',
      ],
      [
        '--recordings-origin',
        'https://pbx:8443/HttpRecordings',
        '--recordings-origin: Write the address the PBX serves recordings from, like https://192.168.0.10:8443 (no path), or leave it empty.',
      ],
    ] as const) {
      const cli = io();
      expect(await runCli(['run', '--pbx-url', pbx.url, '--folder', folder, '--data-dir', folder, '--listen', '127.0.0.1:0', flag, value], cli.io)).toBe(1);
      expect(cli.err).toEqual([message]);
    }
  });

  it('says what the hidden work folder holds, by recording', async () => {
    const pbx = await startDemoPbx();
    const folder = await tempDir('cli-folder-');
    const id = '0b9c5f0e-4a53-4d43-9d1e-2f4f1f7c1a11';
    await mkdir(join(folder, '.ozeki-recorder'));
    await writeFile(join(folder, '.ozeki-recorder', `${id}.part`), Buffer.alloc(20_000));
    await writeFile(join(folder, '.ozeki-recorder', `${id}.out.wav`), Buffer.alloc(1_000));
    const cli = io();
    expect(await runCli(['doctor', '--pbx-url', pbx.url, '--folder', folder, '--listen', '127.0.0.1:0'], cli.io)).toBe(0);
    expect(cli.out).toContain(`ok    Work folder ${folder}/.ozeki-recorder holds 2 files, 21 KB, of 1 unfinished recording (${id})`);
  });

  it('fails on a wrong password and a missing folder, with exit code 1', async () => {
    const pbx = await startDemoPbx({ auth: { username: 'desk', password: 'right' } });
    const folder = join(await tempDir('cli-folder-'), 'missing');
    const cli = io({ OZEKI_PASSWORD: 'wrong' });
    expect(await runCli(['doctor', '--pbx-url', pbx.url, '--username', 'desk', '--folder', folder, '--listen', '127.0.0.1:0'], cli.io)).toBe(1);
    expect(cli.out.slice(0, 3)).toEqual([
      `ok    PBX reachable at ${pbx.url}`,
      'FAIL  Credentials refused: Authentication failed, bad username or password (Ozeki code 305)',
      expect.stringContaining(`FAIL  The recordings folder ${folder} is missing.`),
    ]);
    expect(cli.err).toEqual(['2 of 4 checks failed.']);
  });
});

describe('ozeki-recorder run as a process', () => {
  it('records calls headless, prints one line per event and stops cleanly on SIGINT', async () => {
    const pbxClock = new FakeClock();
    const pbx = await startDemoPbx({ clock: pbxClock });
    const { args } = await runArgs(pbx.url, { extra: ['--auto-record', 'all', '--poll-interval', '200', '--json'] });
    const run = spawnRecorder(args);
    const event = async (type: string) => JSON.parse(await run.line(new RegExp(`^\\{"time":"[^"]+","type":"${type}"`))) as { type: string; path?: string };
    await event('link');
    const callId = pbx.addCall({ source: '+49 30 1234567', destination: '1001', state: 'InCall' });
    await event('recording-started');
    pbxClock.advance(300);
    await pbx.endCall(callId);
    const saved = await event('recording-saved');
    expect((await readFile(saved.path ?? '')).subarray(0, 3).toString()).toBe('ID3');
    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    const types = run.stdout.map((line) => (JSON.parse(line) as { type: string }).type);
    expect(types).toEqual(expect.arrayContaining(['link', 'call-seen', 'recording-started', 'recording-completed', 'recording-saved']));
  });
});
