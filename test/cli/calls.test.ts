import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/main.ts';
import { onCleanup, startDemoPbx } from '../helpers/demo.ts';

async function cli(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env, stop: new AbortController().signal });
  return { code, out, err };
}

describe('ozeki-recorder calls', () => {
  it('prints the active calls as a table', async () => {
    const pbx = await startDemoPbx();
    pbx.addCall({ source: '+36 1 111 111', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    pbx.addCall({ source: '1002', destination: '1003' });
    const { code, out, err } = await cli(['calls', '--pbx-url', pbx.url]);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out[0]).toMatch(/^State\s+Call ID\s+From\s+To\s+Started\s+Ring\s+Talk$/);
    expect(out[2]).toMatch(/^InCall\s+\w{6}\s+Kovács Zoltán <\+36 1 111 111>\s+1001\s+\d\d:\d\d:\d\d\s+00:00\s+00:00$/);
    expect(out[3]).toMatch(/^Ringing\s+\w{6}\s+1002\s+1003\s/);
  });

  it('prints the calls as JSON with exactly the LiveCall fields', async () => {
    const pbx = await startDemoPbx();
    const callId = pbx.addCall({ source: '0036', destination: '1001', callerId: 'Ann & Bob' });
    const { code, out } = await cli(['calls', '--pbx-url', pbx.url, '--json']);
    expect(code).toBe(0);
    const calls = JSON.parse(out.join('\n')) as Record<string, unknown>[];
    expect(calls).toHaveLength(1);
    expect(Object.keys(calls[0] ?? {}).sort()).toEqual(['callId', 'callerId', 'destination', 'ringSeconds', 'source', 'startTime', 'state', 'talkSeconds']);
    expect(calls[0]).toMatchObject({ callId, source: '0036', callerId: 'Ann & Bob', state: 'Ringing' });
    expect(new Date(String(calls[0]?.['startTime'])).toISOString()).toBe(calls[0]?.['startTime']);
  });

  it('says "No active calls." when there are none', async () => {
    const pbx = await startDemoPbx();
    expect((await cli(['calls', '--pbx-url', pbx.url])).out).toEqual(['No active calls.']);
  });

  it('takes the password from OZEKI_PASSWORD and reports a wrong one in one line with its code', async () => {
    const pbx = await startDemoPbx({ auth: { username: 'desk', password: 'right' } });
    expect((await cli(['calls', '--pbx-url', pbx.url, '--username', 'desk'], { OZEKI_PASSWORD: 'right' })).code).toBe(0);
    expect(await cli(['calls', '--pbx-url', pbx.url, '--username', 'desk'], { OZEKI_PASSWORD: 'wrong' })).toEqual({
      code: 1,
      out: [],
      err: ['Authentication failed, bad username or password (Ozeki code 305)'],
    });
  });

  it('has no password flag', async () => {
    const { code, err } = await cli(['calls', '--pbx-url', 'http://127.0.0.1:7780', '--password', 'x']);
    expect(code).toBe(1);
    expect(err).toEqual([expect.stringContaining("Unknown option '--password'")]);
  });

  it.each([
    [['calls'], 'Say which PBX to use with --pbx-url'],
    [['calls', '--pbx-url', 'nonsense'], '"nonsense" is not a PBX address'],
    [['frobnicate'], 'Unknown command "frobnicate"'],
  ])('fails with one clear line for %j', async (argv, message) => {
    const { code, err } = await cli(argv);
    expect(code).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(message);
  });

  it('reports an unreachable PBX', async () => {
    const pbx = await startDemoPbx();
    await pbx.refuseConnections();
    expect((await cli(['calls', '--pbx-url', pbx.url])).err).toEqual([`Cannot reach the PBX at ${pbx.url}: connection refused.`]);
  });
});

describe('the built ozeki-recorder command', () => {
  it('runs the demo PBX in one process and lists its calls from another', async () => {
    const demo = spawn(process.execPath, ['dist/cli/index.cjs', 'demo-pbx', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    onCleanup(async () => {
      if (demo.exitCode === null) {
        demo.kill('SIGTERM');
        await once(demo, 'exit');
      }
    });
    const lines = createInterface({ input: demo.stdout });
    let url = '';
    for await (const line of lines) {
      const match = /^Demo PBX listening on (http:\/\/\S+)$/.exec(line);
      if (match?.[1]) {
        url = match[1];
        break;
      }
    }
    const calls = spawn(process.execPath, ['dist/cli/index.cjs', 'calls', '--pbx-url', url, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    calls.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [exitCode] = await once(calls, 'exit');
    expect(exitCode).toBe(0);
    const listed = JSON.parse(output) as { callId: string }[];
    expect(listed.length).toBeGreaterThanOrEqual(2);
    demo.kill('SIGINT');
    const [demoExit] = await once(demo, 'exit');
    expect(demoExit).toBe(0);
  });
});
