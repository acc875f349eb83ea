import { describe, expect, it } from 'vitest';
import { printable } from '../../main/recorder/printable.ts';
import { runArgs, spawnRecorder } from '../helpers/child-recorder.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { cli } from '../helpers/cli.ts';

// A caller id that, printed raw, erases the line, returns to its start and forges a "saved" line of its own;
// then a right-to-left override, a C1 control (NEL) and DEL.
const FORGED = 'Ann\u001b[2K\r\nsaved    FAKE /etc/shadow\u202e\u0085\u007f';
// Every character a terminal acts on; none may reach the terminal.
// eslint-disable-next-line no-control-regex -- matching control characters is what this test is about
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('text from the PBX in the terminal', () => {
  it('shows control characters as escapes, so a caller id stays on its own line in the calls table', async () => {
    const pbx = await startDemoPbx();
    pbx.addCall({ source: '1000', destination: '1001', callerId: FORGED, state: 'InCall' });
    pbx.addCall({ source: '1002', destination: '1003', callerId: 'Bob', state: 'InCall' });
    const { code, out } = await cli(['calls', '--pbx-url', pbx.url]);
    expect(code).toBe(0);
    expect(out).toHaveLength(4);
    for (const line of out) expect(line).not.toMatch(CONTROL);
    expect(out[2]).toContain('Ann\\x1b[2K\\nsaved    FAKE /etc/shadow\\u202e\\x85\\x7f <1000>  1001');
    // The columns still line up: the second row's destination starts where the first row's does.
    expect(out[3]?.indexOf('1003')).toBe(out[2]?.indexOf('1001'));
  });

  it('keeps the exact caller id in JSON output, with nothing a terminal acts on', async () => {
    const pbx = await startDemoPbx();
    pbx.addCall({ source: '1000', destination: '1001', callerId: FORGED, state: 'InCall' });
    const { out } = await cli(['calls', '--pbx-url', pbx.url, '--json']);
    expect(out).toHaveLength(1);
    expect(out[0]).not.toMatch(CONTROL);
    const [call] = JSON.parse(out[0] ?? '') as { callerId: string }[];
    expect(call?.callerId).toBe(FORGED.replace('\r\n', '\n')); // XML turns a CR LF into LF
  });

  it('escapes error lines too', async () => {
    expect(await cli(['frob\u001b]0;owned\u0007'])).toEqual({
      code: 1,
      out: [],
      err: ['Unknown command "frob\\x1b]0;owned\\x07". Run "ozeki-recorder help" for the list.'],
    });
  });

  it('prints a forged caller id in "run" as one escaped event line', async () => {
    const pbx = await startDemoPbx();
    const recorder = spawnRecorder((await runArgs(pbx.url, { extra: ['--poll-interval', '200'] })).args);
    await recorder.line(/^pbx /);
    const callId = pbx.addCall({ source: '1000', destination: '1001', callerId: FORGED, state: 'InCall' });
    const line = await recorder.line(new RegExp(`^call\\s+${callId}`));
    expect(line).toBe(`call     ${callId}  Ann\\x1b[2K\\nsaved    FAKE /etc/shadow\\u202e\\x85\\x7f <1000> -> 1001 (InCall)`);
    recorder.child.kill('SIGINT');
    expect(await recorder.exited).toEqual({ code: 0, signal: null });
    expect(recorder.lines.filter((l) => l.startsWith('saved') || CONTROL.test(l))).toEqual([]);
  });
});

describe('printable', () => {
  it('escapes C0, DEL, C1, line separators and bidi controls, leaves other text alone, and is idempotent', () => {
    const text = 'a\u0000b\tc\rd\ne\u001bf\u007fg\u0080h\u009fi\u2028j\u2029k\u202al\u202em\u2066n\u2069o Kovács 🎧 \\x1b';
    const shown = printable(text);
    expect(shown).toBe('a\\x00b\\tc\\rd\\ne\\x1bf\\x7fg\\x80h\\x9fi\\u2028j\\u2029k\\u202al\\u202em\\u2066n\\u2069o Kovács 🎧 \\x1b');
    expect(printable(shown)).toBe(shown);
  });
});
