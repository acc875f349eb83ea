import { describe, expect, it } from 'vitest';
import { spawnRecorder } from '../helpers/child-recorder.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { cli } from '../helpers/cli.ts';

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

  it('lines the columns up when an accent is written as its own code point', async () => {
    const pbx = await startDemoPbx();
    pbx.addCall({ source: '1002', destination: '1001', callerId: 'Zoé', state: 'InCall' }); // é: one code point
    pbx.addCall({ source: '1003', destination: '1001', callerId: 'Zoe\u0301', state: 'InCall' }); // e and a combining accent
    const { code, out } = await cli(['calls', '--pbx-url', pbx.url]);
    expect(code).toBe(0);
    const [composed, decomposed] = [out[2] ?? '', out[3] ?? ''];
    expect(composed).toContain('Zoé <1002>');
    expect(decomposed).toContain('Zoe\u0301 <1003>');
    // Both names are three characters: the To column starts at the same place on both rows.
    expect(decomposed.split('<1003>')[1]?.match(/^ +/)?.[0]).toBe(composed.split('<1002>')[1]?.match(/^ +/)?.[0]);
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

describe('ozeki-recorder as a process', () => {
  it('runs the demo PBX in one process and lists its calls from another', async () => {
    const demo = spawnRecorder(['demo-pbx', '--port', '0']);
    const url = /^Demo PBX listening on (http:\/\/\S+)$/.exec(await demo.line(/^Demo PBX listening on /))?.[1] ?? '';
    const calls = spawnRecorder(['calls', '--pbx-url', url, '--json']);
    expect(await calls.exited).toEqual({ code: 0, signal: null });
    const listed = JSON.parse(calls.stdout.join('\n')) as { callId: string }[];
    expect(listed.length).toBeGreaterThanOrEqual(2);
    demo.child.kill('SIGINT');
    expect(await demo.exited).toEqual({ code: 0, signal: null });
  });
});
