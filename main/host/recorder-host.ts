import { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DemoPbx } from '../demo-pbx/server.ts';
import { OzekiClient } from '../ozeki/client.ts';
import { RecorderService } from '../recorder/service.ts';
import type { RecorderEvent, RecorderState } from '../recorder/state.ts';
import type { PasswordVault } from './password-vault.ts';
import { recorderSettingsFrom, type AppSettings } from './settings.ts';
import type { SettingsStore } from './settings-store.ts';

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
  private current: { service: RecorderService; client: OzekiClient; demo: DemoPbx | undefined } | undefined;
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
    let demo: DemoPbx | undefined;
    if (!settings.pbxUrl) {
      demo = new DemoPbx({ traffic: true, port: this.options.demoPort ?? 0 });
      await demo.start();
    }
    const password = await this.options.vault.open(settings.passwordCipher);
    const client = new OzekiClient({ baseUrl: demo?.url ?? settings.pbxUrl, username: settings.username, ...(password ? { password } : {}) });
    const service = new RecorderService({
      settings: recorderSettingsFrom({ ...settings, folder }, client.baseUrl.origin),
      client,
      dataDir: join(this.options.dataDir, 'recorder'),
      usingDemoPbx: demo !== undefined,
    });
    service.on('state', (state) => this.emit('state', state));
    service.on('event', (event) => this.emit('event', event));
    this.current = { service, client, demo }; // before start: its first state event may ask for it
    try {
      await service.start();
    } catch (error) {
      await this.stop();
      throw error;
    }
    if (this.monitoringPaused) service.setMonitoringPaused(true);
  }

  async stop(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (!current) return;
    await current.service.stop();
    await current.client.close();
    await current.demo?.stop();
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
