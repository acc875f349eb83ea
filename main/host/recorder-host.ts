import { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../recorder/logger.ts';
import type { RecorderService } from '../recorder/service.ts';
import type { RecorderEvent, RecorderState } from '../recorder/state.ts';
import { awaitsFile, isSaving } from '../recorder/lifecycle.ts';
import { LIVE_RECORDER_KEYS, RESTART_KEYS, STORED_KEYS } from '../../preload/settings-schema.ts';
import type { PasswordVault } from './password-vault.ts';
import { recorderSettingsFrom, type AppSettings } from './settings.ts';
import type { SettingsStore } from './settings-store.ts';
import { startRecorderService, type RunningRecorder } from './start-recorder.ts';

/** Recordings the running recorder still has to receive from the PBX or bring into the folder. */
export function workInFlight(state: RecorderState): number {
  return state.calls.filter((call) => call.recording).length + state.inFlight.filter((r) => awaitsFile(r.state) || isSaving(r.state)).length;
}

/**
 * Whether waiting for the recordings in flight can help: not while the PBX cannot be reached or refuses the
 * login, for then the recorder cannot see their calls end (and a new address or login is likely the cure).
 */
const followsPbx = (state: RecorderState) => state.link.status === 'connected' || state.link.status === 'connecting' || state.link.status === 'paused';

/** "recording in progress is" / "3 recordings in progress are". */
export const inProgress = (n: number) => (n === 1 ? 'recording in progress is' : `${n} recordings in progress are`);

const changedKeys = (before: AppSettings, after: AppSettings) => STORED_KEYS.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));

/**
 * Owns the running RecorderService of the desktop app: built from the settings, on the demo PBX when no PBX is
 * configured, and rebuilt when a setting it cannot take live changes. The journal carries recordings across a rebuild.
 */
export class RecorderHost extends EventEmitter<{ state: [RecorderState]; event: [RecorderEvent] }> {
  private current: RunningRecorder | undefined;
  private monitoringPaused = false;
  /** Actions waiting for the recordings in flight (whenIdle): each checks on every state change. */
  private readonly idleWaiters = new Set<() => void>();
  private restartPending = false;
  /** Restarts run one after the other. */
  private restarts: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: { dataDir: string; defaultFolder: string; store: SettingsStore; vault: PasswordVault; demoPort?: number; logger?: Logger },
  ) {
    super();
  }

  get service(): RecorderService {
    if (!this.current) throw new Error('The recorder is not running.');
    return this.current.service;
  }

  /** The running recorder's state; undefined before it started. */
  state(): RecorderState | undefined {
    return this.current?.service.state();
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
      logger: this.options.logger,
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
    for (const check of this.idleWaiters) this.off('state', check);
    this.idleWaiters.clear();
    this.restartPending = false;
    await this.stopService();
  }

  private async stopService(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (!current) return;
    await current.close();
  }

  async restart(): Promise<void> {
    const run = this.restarts.then(async () => {
      await this.stopService();
      await this.start();
    });
    this.restarts = run.catch(() => undefined);
    return run;
  }

  /**
   * Takes saved settings: the live ones (the settings schema says which) go into the running recorder at once;
   * a change to any other restarts it, when no recording is in flight. Returns what the window should say when the
   * restart has to wait.
   */
  async applySettings(before: AppSettings, after: AppSettings): Promise<string | undefined> {
    const changed = changedKeys(before, after);
    if (changed.some((key) => RESTART_KEYS.includes(key))) return this.restartWhenIdle();
    const live = LIVE_RECORDER_KEYS.filter((key) => changed.includes(key));
    if (live.length > 0) this.current?.service.applySettings(Object.fromEntries(live.map((key) => [key, after[key]])));
    return undefined;
  }

  /**
   * Restarts now when nothing is in flight. Otherwise the restart waits until the last recording in flight is
   * saved: the PBX sends each RecordCompleted once, to the listener it was given, so that listener must stay up.
   * New recordings meanwhile are still made, on the running recorder.
   */
  async restartWhenIdle(): Promise<string | undefined> {
    if (this.waitingFor() === 0) {
      await this.restart();
      return undefined;
    }
    const waiting = this.restartPending
      ? this.waitingFor()
      : this.whenIdle(() => {
          this.restartPending = false;
          this.restart().catch((error: unknown) => {
            this.emit('event', {
              type: 'warning',
              message: `Ozeki Recorder could not restart with the new settings: ${error instanceof Error ? error.message : String(error)}`,
            });
          });
        });
    this.restartPending = true;
    return `Saved. Ozeki Recorder switches to the new settings once the ${inProgress(waiting)} saved.`;
  }

  /**
   * Runs `action` once no recording is in flight — at once when none is, else when the last one is saved (checked
   * on every state change). Returns how many recordings it waits for. The recorder's restart and the app's restart
   * to update both wait this way.
   */
  whenIdle(action: () => void): number {
    const waiting = this.waitingFor();
    if (waiting === 0) {
      action();
      return 0;
    }
    const check = () => {
      if (this.waitingFor() > 0) return;
      this.off('state', check);
      this.idleWaiters.delete(check);
      action();
    };
    this.idleWaiters.add(check);
    this.on('state', check);
    return waiting;
  }

  private waitingFor(): number {
    const state = this.current?.service.state();
    return state && followsPbx(state) ? workInFlight(state) : 0;
  }

  setMonitoringPaused(paused: boolean): void {
    this.monitoringPaused = paused;
    this.current?.service.setMonitoringPaused(paused);
  }
}
