import { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecorderService } from '../recorder/service.ts';
import type { RecorderEvent, RecorderState } from '../recorder/state.ts';
import type { PasswordVault } from './password-vault.ts';
import { recorderSettingsFrom, type AppSettings } from './settings.ts';
import type { SettingsStore } from './settings-store.ts';
import { startRecorderService, type RunningRecorder } from './start-recorder.ts';

// Settings the running service reads only when it starts: changing one restarts it.
const RESTART_KEYS: readonly (keyof AppSettings)[] = ['pbxUrl', 'username', 'passwordCipher', 'format', 'folder', 'fileNameTemplate', 'pausedParts', 'autoRecord', 'myExtension', 'listenHost', 'listenPort', 'callbackUrl', 'allowedCallers', 'pollIntervalMs', 'missedAfterMs', 'pbxRecordingsDir', 'recordingsOrigin'];

export function needsRestart(before: AppSettings, after: AppSettings): boolean {
  return RESTART_KEYS.some((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/**
 * Owns the running RecorderService of the desktop app: built from the settings, on the demo PBX when no PBX is
 * configured, and rebuilt when a setting it depends on changes. The journal carries recordings across a rebuild.
 */
export class RecorderHost extends EventEmitter<{ state: [RecorderState]; event: [RecorderEvent] }> {
  private current: RunningRecorder | undefined;
  private monitoringPaused = false;

  constructor(
    private readonly options: { dataDir: string; defaultFolder: string; store: SettingsStore; vault: PasswordVault; demoPort?: number },
  ) {
    super();
  }

  get service(): RecorderService {
    if (!this.current) throw new Error('The recorder is not running.');
    return this.current.service;
  }

  get isMonitoringPaused(): boolean {
    return this.monitoringPaused;
  }

  async start(): Promise<void> {
    const settings = this.options.store.get();
    const folder = settings.folder || this.options.defaultFolder;
    if (!settings.folder) {
      await mkdir(folder, { recursive: true }).catch(() => undefined);
      this.options.store.set({ folder });
    }
    const password = await this.options.vault.open(settings.passwordCipher);
    const { service } = await startRecorderService({
      pbxUrl: settings.pbxUrl,
      demoPort: this.options.demoPort,
      clientOptions: (pbxUrl) => ({ baseUrl: pbxUrl, username: settings.username, ...(password ? { password } : {}) }),
      settings: (pbxUrl) => recorderSettingsFrom({ ...settings, folder }, pbxUrl),
      dataDir: join(this.options.dataDir, 'recorder'),
      beforeStart: (recorder) => {
        recorder.service.on('state', (state) => this.emit('state', state));
        recorder.service.on('event', (event) => this.emit('event', event));
        this.current = recorder; // before start: its first state event may ask for it
      },
    }).catch((error: unknown) => {
      this.current = undefined; // already stopped by the factory
      throw error;
    });
    if (this.monitoringPaused) service.setMonitoringPaused(true);
  }

  async stop(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (!current) return;
    await current.close();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  setMonitoringPaused(paused: boolean): void {
    this.monitoringPaused = paused;
    this.current?.service.setMonitoringPaused(paused);
  }
}
