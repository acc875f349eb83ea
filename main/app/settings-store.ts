import Store from 'electron-store';
import { migrateSettings, SETTINGS_DEFAULTS, SETTINGS_SCHEMA, type AppSettings } from '../host/settings.ts';
import type { SettingsStore } from '../host/settings-store.ts';

/** The settings file (electron-store, in the app's data folder), checked against the schema on every write. */
export function openSettingsStore(options: { cwd?: string } = {}): SettingsStore {
  const store = new Store<AppSettings>({
    name: 'settings',
    schema: SETTINGS_SCHEMA,
    defaults: SETTINGS_DEFAULTS,
    // A damaged settings file is replaced by the defaults rather than keeping the app from starting;
    // recordings are unaffected (they live in the journal and the folder).
    clearInvalidConfig: true,
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  // Migrate, then keep only the keys of this version (settings that were renamed leave no trace).
  const migrated: Record<string, unknown> = { ...store.store, ...migrateSettings(store.store) };
  store.store = Object.fromEntries(Object.keys(SETTINGS_DEFAULTS).map((key) => [key, migrated[key]])) as unknown as AppSettings;
  return {
    get: () => ({ ...store.store }),
    set: (change) => {
      const next = { ...store.store, ...change };
      store.store = next; // validated as a whole: an invalid value throws before anything is written
      return { ...store.store };
    },
  };
}
