import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { COMMAND_LINE_OPTIONS, SETTING_FLAGS } from '../../main/cli/recorder-flags.ts';
import { normalizeNumber } from '../../main/recorder/phone-number.ts';
import { cli } from '../helpers/cli.ts';

describe('ozeki-recorder <command> --help', () => {
  // Without --help, each of these would run (and most would fail for a missing --pbx-url or --folder).
  it.each([
    ['run', '--notification-wait SECONDS'],
    ['record', '--notification-wait SECONDS'],
    ['doctor', '--callback-url URL'],
    ['calls', '--json'],
    ['demo-pbx', '--require-login USER'],
  ])('%s --help prints its usage and options and exits 0', async (command, option) => {
    for (const flag of ['--help', '-h']) {
      const { code, out, err } = await cli([command, flag]);
      expect({ code, err }).toEqual({ code: 0, err: [] });
      expect(out[0]).toMatch(new RegExp(`^Usage: ozeki-recorder ${command} `));
      expect(out.join('\n')).toContain(option);
      expect(out.at(-1)).toBe('The PBX password is read from the OZEKI_PASSWORD environment variable.');
    }
  });

  it.each([
    ['prune', '--keep-days DAYS'],
    ['erase', '--number N'],
    ['export', '--out FILE.zip'],
  ])('%s --help, a command that never talks to the PBX, says nothing of its password', async (command, option) => {
    const { code, out } = await cli([command, '--help']);
    expect(code).toBe(0);
    expect(out.join('\n')).toContain(option);
    expect(out.join('\n')).not.toContain('OZEKI_PASSWORD');
  });

  it.each(['run', 'record', 'doctor'])('%s --help explains every option the settings schema gives, with its default', async (command) => {
    const { out } = await cli([command, '--help']);
    for (const option of [...SETTING_FLAGS, ...COMMAND_LINE_OPTIONS]) {
      const line = out.find((l) => l.trimStart().startsWith(`--${option.flag} `) || l.trim() === `--${option.flag}`);
      expect(line, `--${option.flag}`).toBeDefined();
      expect(line).toContain(option.meaning.replace(/\*\*|`/g, ''));
      expect(line).toContain(`(default: ${option.defaultText.replace(/\*\*|`/g, '')})`);
    }
    expect(out).toContainEqual(
      expect.stringMatching(
        /^ {2}--notification-wait SECONDS +how long after a recorded call ends to wait for the PBX's RecordCompleted before the recording is reported missed \(default: 300\)$/,
      ),
    );
  });

  it.each(['erase', 'export'])('%s --help says how a number is matched, as the code matches it', async (command) => {
    const { out } = await cli([command, '--help']);
    const text = out.join('\n');
    expect(text).toContain('spaces, dashes, dots, slashes and brackets ignored, and so is a leading +, or a leading 00 before 7 or more digits');
    expect(text).not.toContain('+ and 00 ignored');
    const digits = Number(/a leading 00 before (\d+) or more digits/.exec(text)?.[1]);
    expect(normalizeNumber(`+(36) 1-234.5/678`)).toBe('3612345678');
    expect(normalizeNumber(`00${'1'.repeat(digits)}`)).toBe('1'.repeat(digits));
    expect(normalizeNumber(`00${'1'.repeat(digits - 1)}`)).toBe(`00${'1'.repeat(digits - 1)}`);
  });

  it('wins over the other options, which are not acted on', async () => {
    const { code, out } = await cli(['run', '--pbx-url', 'http://127.0.0.1:1', '--folder', '/nonexistent', '--help']);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^Usage: ozeki-recorder run /);
  });

  it('the list of commands says how to get there', async () => {
    const { code, out } = await cli(['help']);
    expect(code).toBe(0);
    expect(out.at(-1)).toContain('ozeki-recorder <command> --help');
  });
});

describe('ozeki-recorder --version', () => {
  it('prints the version of package.json', async () => {
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    expect(await cli(['--version'])).toEqual({ code: 0, out: [pkg.version], err: [] });
  });
});
