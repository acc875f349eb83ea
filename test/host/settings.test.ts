import { describe, expect, it } from 'vitest';
import { settingsProblems } from '../../main/host/settings.ts';

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
