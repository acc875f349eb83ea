import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { SCHEMA_VERSION, SETTINGS_DEFAULTS, SETTINGS_SCHEMA } from '../../main/host/settings.ts';
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
    expect(() => store.set({ pollIntervalMs: 5 })).toThrow(/pollIntervalMs.*must be >= 100/);
    expect(store.get().pollIntervalMs).toBe(SETTINGS_DEFAULTS.pollIntervalMs);
  });

  it('migrates settings written by version 1', async () => {
    const cwd = await tempDir('settings-');
    await writeFile(join(cwd, 'settings.json'), JSON.stringify({ pbxUrl: 'http://10.0.0.5:7780', autoRecordAll: true, listen: '10.0.0.20:8000' }));
    expect(openSettingsStore({ cwd }).get()).toMatchObject({
      schemaVersion: 2,
      pbxUrl: 'http://10.0.0.5:7780',
      autoRecord: 'all',
      listenHost: '10.0.0.20',
      listenPort: 8000,
    });
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
