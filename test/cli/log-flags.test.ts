import { describe, expect, it } from 'vitest';
import { escapingIo } from '../../main/cli/io.ts';
import { cliLogger } from '../../main/cli/log-flags.ts';
import { runCli } from '../../main/cli/main.ts';

function terminal() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: escapingIo({ out: (l) => out.push(l), err: (l) => err.push(l), env: {}, stop: new AbortController().signal }) };
}

const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('the command line log (--log-level, --json)', () => {
  it('writes warnings and errors by default, as text lines on standard error', () => {
    const { out, err, io } = terminal();
    const log = cliLogger({}, io);
    log.info('Recording 1f0c: notified → completed.');
    log.warn('Refused a notification from 10.0.0.5: Wrong secret.');
    log.error('Saving recording 1f0c failed unexpectedly', new Error('disk on fire'));
    expect(out).toEqual([]);
    expect(err).toEqual([
      expect.stringMatching(/^\S+Z warn {2}Refused a notification from 10\.0\.0\.5: Wrong secret\.$/),
      expect.stringMatching(/^\S+Z error Saving recording 1f0c failed unexpectedly: Error: disk on fire\\n {4}at /),
    ]);
  });

  it('writes every entry at info, and only errors at error', () => {
    const info = terminal();
    cliLogger({ 'log-level': 'info' }, info.io).info('Recording 1f0c: notified → completed.');
    expect(info.err).toEqual([expect.stringMatching(/^\S+Z info {2}Recording 1f0c: notified → completed\.$/)]);
    const errorOnly = terminal();
    const log = cliLogger({ 'log-level': 'error' }, errorOnly.io);
    log.info('moved');
    log.warn('refused');
    log.error('broken');
    expect(errorOnly.err).toEqual([expect.stringMatching(/^\S+Z error broken$/)]);
  });

  it('writes one JSON object a line with --json, {time, level, message}, safe to print and read back as written', () => {
    const { err, io } = terminal();
    cliLogger({ json: true, 'log-level': 'info' }, io).warn('caller "\u202eevil\u001b[2K" refused');
    expect(err).toHaveLength(1);
    expect(err[0]).not.toContain('\u202e');
    expect(err[0]).not.toContain('\u001b');
    const entry = JSON.parse(err[0] ?? '') as { time: string; level: string; message: string };
    expect(Object.keys(entry)).toEqual(['time', 'level', 'message']);
    expect(entry).toMatchObject({ level: 'warn', message: 'caller "\\u202eevil\\x1b[2K" refused' });
    expect(entry.time).toMatch(TIME);
  });

  it('refuses an unknown level before anything starts, and run --help lists the flag', async () => {
    const { out, err, io } = terminal();
    expect(() => cliLogger({ 'log-level': 'debug' }, io)).toThrow('--log-level is error, warn, info (the default is warn), not "debug".');
    const cli = terminal();
    expect(
      await runCli(['run', '--log-level', 'verbose'], {
        out: (l) => cli.out.push(l),
        err: (l) => cli.err.push(l),
        env: {},
        stop: new AbortController().signal,
      }),
    ).toBe(1);
    expect(cli.err).toEqual(['--log-level is error, warn, info (the default is warn), not "verbose".']);
    for (const command of ['run', 'record', 'doctor']) {
      const help = terminal();
      await runCli([command, '--help'], { out: (l) => help.out.push(l), err: (l) => help.err.push(l), env: {}, stop: new AbortController().signal });
      expect(help.out.join('\n'), command).toContain('--log-level error|warn|info');
    }
    expect([out, err]).toEqual([[], []]);
  });
});
