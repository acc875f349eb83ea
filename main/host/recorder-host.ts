import { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { systemClock, type Clock } from '../recorder/clock.ts';
import { stderrLogger, type Logger } from '../recorder/logger.ts';
import type { RecorderService } from '../recorder/service.ts';
import type { RecorderEvent, RecorderState } from '../recorder/state.ts';
import type { TrashBin } from '../recorder/trash.ts';
import { awaitsFile, isSaving } from '../recorder/lifecycle.ts';
import { LIVE_RECORDER_KEYS, RESTART_KEYS, STORED_KEYS, type StoredKey } from '../../preload/settings-schema.ts';
import { HeldDeletes } from './held-deletes.ts';
import type { PasswordVault } from './password-vault.ts';
import { recorderSettingsFrom, type AppSettings } from './settings.ts';
import type { SettingsStore } from './settings-store.ts';
import { startRecorderService, type RunningRecorder } from './start-recorder.ts';

/**
 * A recording whose call ended that is still on its way into the folder: its announcement awaited, its file awaited
 * from the PBX, or being saved. Failed, missed and queued ones wait for something else (the user, the folder).
 */
export const onItsWay = (r: RecorderState['inFlight'][number]): boolean => r.state === 'announcing' || awaitsFile(r.state) || isSaving(r.state);

/** Recordings the running recorder still has to receive from the PBX or bring into the folder. */
export function workInFlight(state: RecorderState): number {
  return state.calls.filter((call) => call.recording).length + state.inFlight.filter(onItsWay).length;
}

/**
 * When a restart may skip waiting for the recordings in flight. Only when the change is to the PBX address or the
 * login (username, password) — the likely cure — and the link is not following the PBX (unreachable, login refused,
 * misconfigured): then the recorder cannot see their calls end anyway. Any other restart (the listener's address,
 * port, callback URL or allowed callers; a restart to update) waits for them whatever the link's state: a
 * recording ends when its call ends and RecordCompleted arrives, or when it is reported missed after the
 * notification wait — and the PBX sends RecordCompleted once, to the listener it was given, so that must stay up.
 */
const mayRestartAtOnce = (state: RecorderState, changesPbxOrLogin: boolean) =>
  changesPbxOrLogin && !(state.link.status === 'connected' || state.link.status === 'connecting' || state.link.status === 'paused');

/** The settings whose change may cure a PBX that cannot be reached or refuses the login (see mayRestartAtOnce). */
const PBX_LOGIN_KEYS: readonly StoredKey[] = ['pbxUrl', 'username'];

/** "recording in progress is" / "3 recordings in progress are". */
export const inProgress = (n: number) => (n === 1 ? 'recording in progress is' : `${n} recordings in progress are`);

/** A restart waiting for the recordings in flight: whether a change it is for is to the PBX address or the login. */
interface PendingRestart {
  pbxOrLogin: boolean;
  check: () => void;
}

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
  /** The restart waiting for the recordings in flight, if any. */
  private pendingRestart: PendingRestart | undefined;
  /** Restarts run one after the other. */
  private restarts: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: {
      dataDir: string;
      defaultFolder: string;
      store: SettingsStore;
      vault: PasswordVault;
      demoPort?: number;
      logger?: Logger;
      /** How long the PBX client waits for an answer (the client's default when not given; tests use less). */
      pbxTimeoutMs?: number;
      /** The system trash (the desktop app); a `.trash` folder in the recordings folder when not given (the preview). */
      trash?: TrashBin;
      /** Times the held deletes (the system clock when not given; tests pass a fake one). */
      clock?: Clock;
    },
  ) {
    super();
    this.deletions = new HeldDeletes({
      clock: options.clock ?? systemClock,
      trash: (recording) => this.service.library.trash(recording),
      changed: () => this.emit('event', { type: 'library-changed' }),
      logger: options.logger ?? stderrLogger,
    });
  }

  /** Deleted recordings the window may still bring back (Undo); they outlive a restart of the recorder. */
  readonly deletions: HeldDeletes;

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

  /** Set by stop(): the app is quitting, so a restart must not start a recorder again. */
  private stopping = false;

  async start(): Promise<void> {
    this.stopping = false;
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
      clientOptions: (pbxUrl) => ({
        baseUrl: pbxUrl,
        username: settings.username,
        ...(password ? { password } : {}),
        ...(this.options.pbxTimeoutMs ? { timeoutMs: this.options.pbxTimeoutMs } : {}),
      }),
      settings: (pbxUrl) => recorderSettingsFrom({ ...settings, folder }, pbxUrl),
      dataDir: join(this.options.dataDir, 'recorder'),
      logger: this.options.logger,
      ...(this.options.trash ? { trash: this.options.trash } : {}),
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

  /** Stops for good (the app quits): a restart under way finishes first, and starts nothing new after. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const check of this.idleWaiters) this.off('state', check);
    this.idleWaiters.clear();
    this.pendingRestart = undefined;
    await this.restarts;
    await this.deletions.flush(); // the user asked for these deletes; no Undo can come once the app is gone
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
      if (!this.stopping) await this.start();
    });
    this.restarts = run.catch(() => undefined);
    return run;
  }

  /**
   * Takes saved settings: the live ones (the settings schema says which) go into the running recorder at once;
   * a change to any other, or a new password (`loginChanged`), restarts it, when no recording is in flight. Returns what the window should say when the
   * restart has to wait.
   */
  async applySettings(before: AppSettings, after: AppSettings, change: { loginChanged?: boolean } = {}): Promise<string | undefined> {
    const changed = changedKeys(before, after);
    // A new password is a new login whatever is stored: where the keyring keeps nothing its cipher stays ''.
    const pbxOrLogin = change.loginChanged === true || changed.some((key) => PBX_LOGIN_KEYS.includes(key));
    if (pbxOrLogin || changed.some((key) => RESTART_KEYS.includes(key))) return this.restartWhenIdle({ pbxOrLogin });
    const live = LIVE_RECORDER_KEYS.filter((key) => changed.includes(key));
    if (live.length > 0) this.current?.service.applySettings(Object.fromEntries(live.map((key) => [key, after[key]])));
    return undefined;
  }

  /**
   * Restarts now when nothing is in flight (or when the change may be the cure for a PBX the recorder cannot
   * follow: see mayRestartAtOnce). Otherwise the restart waits until the last recording in flight is saved: the
   * PBX sends each RecordCompleted once, to the listener it was given, so that listener must stay up. New
   * recordings meanwhile are still made, on the running recorder. `pbxOrLogin`: the change is to the PBX address
   * or the login.
   */
  async restartWhenIdle(change: { pbxOrLogin: boolean }): Promise<string | undefined> {
    const pbxOrLogin = change.pbxOrLogin || this.pendingRestart?.pbxOrLogin === true;
    if (this.waitingFor(pbxOrLogin) === 0) {
      this.cancelPendingRestart(); // the restart reads every saved setting, those it was waiting to take too
      await this.restart();
      return undefined;
    }
    if (this.pendingRestart) {
      this.pendingRestart.pbxOrLogin = pbxOrLogin;
      return this.waitingNote(this.waitingFor(pbxOrLogin));
    }
    const pending: PendingRestart = { pbxOrLogin, check: () => undefined };
    this.pendingRestart = pending;
    const { waiting, check } = this.idleThen(
      () => {
        this.pendingRestart = undefined;
        this.restart().catch((error: unknown) => {
          this.emit('event', {
            type: 'warning',
            kind: 'restart-failed',
            message: `Ozeki Recorder could not restart with the new settings: ${error instanceof Error ? error.message : String(error)}`,
          });
        });
      },
      () => pending.pbxOrLogin,
    );
    pending.check = check;
    return this.waitingNote(waiting);
  }

  private waitingNote(waiting: number): string {
    return `Saved. Ozeki Recorder switches to the new settings once the ${inProgress(waiting)} saved.`;
  }

  private cancelPendingRestart(): void {
    if (!this.pendingRestart) return;
    this.off('state', this.pendingRestart.check);
    this.idleWaiters.delete(this.pendingRestart.check);
    this.pendingRestart = undefined;
  }

  /**
   * Runs `action` once no recording is in flight — at once when none is, else when the last one is saved (checked
   * on every state change), whatever the link's state. Returns how many recordings it waits for. The app's restart
   * to update waits this way.
   */
  whenIdle(action: () => void): number {
    return this.idleThen(action, () => false).waiting;
  }

  /** whenIdle, but `action` may also run at once when mayRestartAtOnce says so for `pbxOrLogin()`. */
  private idleThen(action: () => void, pbxOrLogin: () => boolean): { waiting: number; check: () => void } {
    const check = () => {
      if (this.waitingFor(pbxOrLogin()) > 0) return;
      this.off('state', check);
      this.idleWaiters.delete(check);
      action();
    };
    const waiting = this.waitingFor(pbxOrLogin());
    if (waiting === 0) {
      action();
      return { waiting, check };
    }
    this.idleWaiters.add(check);
    this.on('state', check);
    return { waiting, check };
  }

  /** How many recordings a restart for a change (`pbxOrLogin`: to the PBX address or the login) waits for. */
  private waitingFor(pbxOrLogin: boolean): number {
    const state = this.current?.service.state();
    return state && !mayRestartAtOnce(state, pbxOrLogin) ? workInFlight(state) : 0;
  }

  setMonitoringPaused(paused: boolean): void {
    this.monitoringPaused = paused;
    this.current?.service.setMonitoringPaused(paused);
  }
}
