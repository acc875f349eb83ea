import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/main.ts';
import { commandsReceived, startDemoPbx } from '../helpers/demo.ts';
import { tempDir } from '../helpers/recorder.ts';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const stop = new AbortController();
  return { out, err, stop, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env: {}, stop: stop.signal } };
}

describe('announcements on the command line', () => {
  it('run --announce-text has the PBX say the text to the party chosen before each recording, and prints it', async () => {
    const pbx = await startDemoPbx();
    const folder = await tempDir('cli-folder-');
    const cli = io();
    const text = 'Good morning, this call is recorded.';
    const run = runCli(
      [
        'run',
        ...['--pbx-url', pbx.url, '--folder', folder, '--data-dir', folder, '--listen', '127.0.0.1:0', '--poll-interval', '100'],
        ...['--auto-record', 'all', '--announce-text', text, '--announce-party', 'caller'],
      ],
      cli.io,
    );
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await commandsReceived(pbx, 'Record', 1);
    const sent = pbx.received.filter((r) => r.command === 'Speak' || r.command === 'Record');
    expect(sent.map((r) => r.command)).toEqual(['Speak', 'Record']);
    expect(sent[0]?.params).toMatchObject({ callid: callId, text, party: 'caller' });
    const notified = new Promise<void>((resolve) => pbx.once('notification', () => resolve()));
    await pbx.endCall(callId);
    await notified;
    cli.stop.abort();
    expect(await run).toBe(0);
    expect(cli.out).toContain(`announce ${callId}  the call was told it is recorded (text said)`);
  });

  it('refuses --announce-text with --announce-file, a party it does not know, and a file that is not audio', async () => {
    const pbx = await startDemoPbx();
    const folder = await tempDir('cli-folder-');
    const base = ['run', '--pbx-url', pbx.url, '--folder', folder, '--data-dir', folder, '--listen', '127.0.0.1:0'];
    for (const [flags, words] of [
      [['--announce-text', 'Hello', '--announce-file', '/srv/hello.wav'], 'Give --announce-text or --announce-file, not both.'],
      [['--announce-party', 'everyone'], '--announce-party: Choose caller, callee or both.'],
      [['--announce-file', '/srv/hello.ogg'], '--announce-file: Choose a WAV or MP3 file for the announcement.'],
    ] as const) {
      const cli = io();
      expect(await runCli([...base, ...flags], cli.io)).toBe(1);
      expect(cli.err).toEqual([words]);
    }
  });
});
