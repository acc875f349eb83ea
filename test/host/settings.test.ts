import { describe, expect, it } from 'vitest';
import { openSettingsStore } from '../../main/app/settings-store.ts';
import { recorderSettings } from '../../main/cli/recorder-flags.ts';
import { problemOf, settingsProblems, type AppSettings } from '../../main/host/settings.ts';
import type { SettingsChange } from '../../preload/contract.ts';
import { cliFlagsOf, SETTINGS, settingProblem, type Meta, type SettingKey, type ValueRule } from '../../preload/settings-schema.ts';
import { tempDir } from '../helpers/recorder.ts';
import { stringContaining } from '../helpers/match.ts';

describe('settings checks', () => {
  it('says what is wrong next to each field', () => {
    expect(
      settingsProblems({
        pbxUrl: 'pbx:7780',
        myExtension: 'front desk',
        fileNameTemplate: '{nope}',
        autoRecord: '10[0-9]',
        listenHost: 'my-pc',
        listenPort: 80,
        callbackUrl: 'ftp://x',
        shortcut: 'Ctrl+',
        pollIntervalMs: 10,
      }),
    ).toEqual({
      pbxUrl: 'The PBX address must start with http:// or https://, not pbx://',
      myExtension: 'An extension is a number, like 1001.',
      fileNameTemplate: stringContaining('Unknown token {nope}'),
      autoRecord: '"10[0-9]" is not a number: write all, none, or numbers like +36*, 1003 (* stands for any digits).',
      listenHost: stringContaining('Write an IP address'),
      listenPort: 'The port is a number from 1024 to 65535.',
      callbackUrl: stringContaining('Write the address the PBX should call'),
      shortcut: stringContaining('Write a shortcut'),
      pollIntervalMs: 'Poll every 100 to 60000 milliseconds.',
    });
  });

  it('takes a PBX recordings folder only as a full local path, and a recordings origin only as scheme://host:port', () => {
    const folder = stringContaining('Write the full path of the folder the PBX saves recordings in');
    const origin = stringContaining('Write the address the PBX serves recordings from');
    for (const pbxRecordingsDir of ['recordings', '\\\\fileserver\\recordings', '//fileserver/recordings']) {
      expect(settingsProblems({ pbxRecordingsDir }), pbxRecordingsDir).toEqual({ pbxRecordingsDir: folder });
    }
    for (const recordingsOrigin of ['pbx:8443', 'ftp://pbx', 'https://pbx:8443/HttpRecordings', 'https://user:pw@pbx', 'https://pbx/?x=1']) {
      expect(settingsProblems({ recordingsOrigin }), recordingsOrigin).toEqual({ recordingsOrigin: origin });
    }
    expect(settingsProblems({ pbxRecordingsDir: '', recordingsOrigin: '' })).toEqual({});
    expect(settingsProblems({ pbxRecordingsDir: '/var/lib/ozeki/recordings', recordingsOrigin: 'https://192.168.0.10:8443' })).toEqual({});
    expect(settingsProblems({ pbxRecordingsDir: 'C:\\Ozeki\\Recordings', recordingsOrigin: 'http://pbx.local/' })).toEqual({});
  });

  it('accepts good values and empty optional ones', () => {
    expect(
      settingsProblems({
        pbxUrl: '',
        listenHost: '',
        callbackUrl: '',
        shortcut: 'CommandOrControl+Alt+R',
        listenPort: 7781,
        myExtension: '1001',
        pollIntervalMs: 1000,
      }),
    ).toEqual({});
  });
});

describe('one schema for the window, the command line and the settings file', () => {
  const cliProblem = (flag: string, text: string) => {
    try {
      recorderSettings({ [flag]: text }, 'http://127.0.0.1:7780', false);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };

  it('agree on the bounds of every number, and say them in the same words', async () => {
    const store = openSettingsStore({ cwd: await tempDir('settings-') });
    for (const key of Object.keys(SETTINGS) as SettingKey[]) {
      const row = SETTINGS[key] as Meta & { value: ValueRule<unknown> };
      const { min, max } = row.value;
      if (row.value.kind !== 'integer' || min === undefined || max === undefined) continue;
      const words = settingProblem(key, min - 1);
      expect(words, key).toBeDefined();
      for (const [value, fits] of [
        [min - 1, false],
        [min, true],
        [max, true],
        [max + 1, false],
      ] as const) {
        expect(problemOf(key, value), `${key} = ${value} in the window`).toBe(fits ? undefined : words);
        if (fits) expect(store.set({ [key]: value })[key as keyof AppSettings], `${key} = ${value} in the file`).toBe(value);
        else expect(() => store.set({ [key]: value }), `${key} = ${value} in the file`).toThrow(`\`${key}\``);
        const cli = cliFlagsOf(row)[0];
        if (!cli || key === 'listenPort') continue; // --listen is checked below, with its host
        const text = cli.unit ? cli.unit.show(value) : String(value);
        expect(cliProblem(cli.flag, text), `--${cli.flag} ${text}`).toBe(fits ? undefined : `--${cli.flag}: ${words}`);
      }
    }
  });

  it('refuses on the command line what the window refuses, with the same words after the flag', () => {
    const cases: [flag: string, text: string, key: keyof SettingsChange, value: unknown][] = [
      ['listen', '0.0.0.0:80', 'listenPort', 80],
      ['listen', 'my-pc:7781', 'listenHost', 'my-pc'],
      ['poll-interval', '50', 'pollIntervalMs', 50],
      ['notification-wait', '5', 'missedAfterMs', 5000],
      ['format', 'ogg', 'format', 'ogg'],
      ['template', '{nope}', 'fileNameTemplate', '{nope}'],
      ['auto-record', '10[0-9]', 'autoRecord', '10[0-9]'],
      ['callback-url', 'ftp://x', 'callbackUrl', 'ftp://x'],
      ['allowed-callers', '10.0.0.5, pbx.local', 'allowedCallers', ['10.0.0.5', 'pbx.local']],
      ['recordings-origin', 'https://pbx:8443/HttpRecordings', 'recordingsOrigin', 'https://pbx:8443/HttpRecordings'],
    ];
    for (const [flag, text, key, value] of cases) {
      const words = settingsProblems({ [key]: value })[key];
      expect(words, key).toBeDefined();
      expect(cliProblem(flag, text)).toBe(`--${flag}: ${words}`);
    }
  });

  it("turns a flag's text into the setting as the schema says: seconds into ms, HOST:PORT into two settings", () => {
    const settings = recorderSettings(
      { 'notification-wait': '90', listen: '127.0.0.1:0', 'allowed-callers': '10.0.0.5, 192.168.0.0/16', 'poll-interval': '250' },
      'http://127.0.0.1:7780',
      false,
    );
    expect(settings).toMatchObject({
      missedAfterMs: 90_000,
      listenHost: '127.0.0.1',
      listenPort: 0,
      allowedCallers: ['10.0.0.5', '192.168.0.0/16'],
      pollIntervalMs: 250,
    });
    expect(recorderSettings({ listen: '10.0.0.20' }, 'http://127.0.0.1:7780', false)).toMatchObject({ listenHost: '10.0.0.20', listenPort: 7781 });
    expect(cliProblem('listen', '[::1')).toBe('--listen takes HOST:PORT, not "[::1".');
  });
});
