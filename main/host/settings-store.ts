import type { AppSettings } from './settings.ts';

/**
 * Where the app's settings are kept between runs. The desktop app keeps them in electron-store (main/app), the
 * preview in memory; both check every write against the settings schema.
 */
export interface SettingsStore {
  get(): AppSettings;
  /** Throws with the schema's words when a value does not fit; nothing is written then. */
  set(change: Partial<AppSettings>): AppSettings;
}
