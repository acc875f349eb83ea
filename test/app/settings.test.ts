
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { SCHEMA_VERSION, SETTINGS_DEFAULTS, SETTINGS_SCHEMA, settingsProblems } from '../../main/app/settings.ts';
import { openSettingsStore } from '../../main/app/settings-store.ts';
import { tempDir } from '../helpers/recorder.ts';

describe('settings store', () => {
  it('has a schema entry for every setting and starts from the defaults', async () => {
    expect(Object.keys(SETTINGS_SCHEMA).sort()).toEqual(Object.keys(SETTINGS_DEFAULTS).sort());
    const store = openSettingsStore({ cwd: await tempDir('settings-') });
    expect(store.get()).toEqual({ ...SETTINGS_DEFAULTS, schemaVersion: SCHEMA_VERSION });
  });

  it('keeps what is saved across a reopen', async () => {
    const cwd = await tempDir('settings-');
    openSettingsStore({ cwd }).set({ pbxUrl: 'http://192.168.0.10:7780', listenPort: 9000 });
    expect(openSettingsStore({ cwd }).get()).toMatchObject({ pbxUrl: 'http://192.168.0.10:7780', listenPort: 9000 });
  });

  it('refuses a value the schema does not allow, in words, and writes nothing', async () => {
    const cwd = await tempDir('settings-');
    const store = openSettingsStore({ cwd });
    expect(() => store.set({ pollIntervalMs: 5 })).toThrow(/pollIntervalMs.*must be >= 250/);
    expect(store.get().pollIntervalMs).toBe(SETTINGS_DEFAULTS.pollIntervalMs);
  });

  it('migrates settings written by version 1', async () => {
    const cwd = await tempDir('settings-');
    await writeFile(join(cwd, 'settings.json'), JSON.stringify({ pbxUrl: 'http://10.0.0.5:7780', autoRecordAll: true, listen: '10.0.0.20:8000' }));
    expect(openSettingsStore({ cwd }).get()).toMatchObject({ schemaVersion: 2, pbxUrl: 'http://10.0.0.5:7780', autoRecord: 'all', listenHost: '10.0.0.20', listenPort: 8000 });
    const file = JSON.parse(await readFile(join(cwd, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(file['autoRecordAll']).toBeUndefined();
    expect(file['listen']).toBeUndefined();
  });

  it('starts from the defaults when the file is damaged', async () => {
    const cwd = await tempDir('settings-');
    await writeFile(join(cwd, 'settings.json'), '{ not json');
    expect(openSettingsStore({ cwd }).get()).toEqual({ ...SETTINGS_DEFAULTS, schemaVersion: SCHEMA_VERSION });
  });
});

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
      fileNameTemplate: expect.stringContaining('Unknown token {nope}'),
      autoRecord: expect.stringContaining('is not a number pattern'),
      listenHost: expect.stringContaining('Write an IP address'),
      listenPort: 'The port is a number from 1024 to 65535.',
      callbackUrl: expect.stringContaining('Write the address the PBX should call'),
      shortcut: expect.stringContaining('Write a shortcut'),
      pollIntervalMs: 'Poll every 250 to 60000 milliseconds.',
    });
  });

  it('takes a PBX recordings folder only as a full local path, and a recordings origin only as scheme://host:port', () => {
    const folder = expect.stringContaining('Write the full path of the folder the PBX saves recordings in');
    const origin = expect.stringContaining('Write the address the PBX serves recordings from');
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
    expect(settingsProblems({ pbxUrl: '', listenHost: '', callbackUrl: '', shortcut: 'CommandOrControl+Alt+R', listenPort: 7781, myExtension: '1001', pollIntervalMs: 1000 })).toEqual({});
  });
});
