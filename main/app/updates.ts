import type { MenuItemConstructorOptions } from 'electron';
import { EventEmitter } from 'node:events';
import type { Clock } from '../recorder/clock.ts';
import type { Logger } from '../recorder/logger.ts';
import { inProgress } from '../host/recorder-host.ts';

/**
 * The part of electron-updater's autoUpdater the app uses. Injected, so the policy below runs in tests with a real
 * updater pointed at a local server, without Electron.
 */
export interface Updater {
  /** electron-updater downloads an update it finds in the background when this is on (its default). */
  autoDownload: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** What the tray and the window show: nothing, or "Restart to update", or that the restart waits. */
export type UpdateStatus = { kind: 'none' } | { kind: 'ready'; version: string } | { kind: 'waiting'; version: string; message: string };

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When to look for an update and when to restart into it: at start and then daily while an update address is set
 * (none: never), the download in the background, and the restart only when the user asks — and, because the PBX
 * sends each RecordCompleted once, to the listener of this run, only once no recording is in flight (`whenIdle`,
 * the recorder host's, runs the restart then and says how many it waits for).
 */
export class Updates extends EventEmitter<{ changed: [UpdateStatus] }> {
  private current: UpdateStatus = { kind: 'none' };
  private url = '';
  private cancelDaily: (() => void) | undefined;

  constructor(private readonly options: { updater: Updater; clock: Clock; logger: Logger; whenIdle: (action: () => void) => number; everyMs?: number }) {
    super();
    options.updater.autoDownload = true;
    options.updater.on('update-downloaded', (info) => {
      if (this.current.kind === 'none') this.set({ kind: 'ready', version: info.version });
    });
    // A failed check or download is logged only: the next daily check tries again, and nothing else depends on it.
    options.updater.on('error', (error) => options.logger.warn(`Update check failed: ${error.message}`));
  }

  get status(): UpdateStatus {
    return this.current;
  }

  /** Takes the update address setting: checks at once and then daily; empty stops checking. */
  configure(url: string): void {
    if (url === this.url) return;
    this.url = url;
    this.cancelDaily?.();
    this.cancelDaily = undefined;
    if (!url) return;
    this.options.updater.setFeedURL({ provider: 'generic', url });
    this.check();
  }

  private check(): void {
    this.cancelDaily = this.options.clock.after(this.options.everyMs ?? DAY_MS, () => this.check());
    // Errors also reach the 'error' listener, which logs them.
    this.options.updater.checkForUpdates().catch(() => undefined);
  }

  /** "Restart to update": now when no recording is in flight, else once the last one is saved. Returns what to say. */
  restartToUpdate(): string {
    const status = this.current;
    if (status.kind === 'none') return 'There is no update to restart into.';
    if (status.kind === 'waiting') return status.message;
    const waiting = this.options.whenIdle(() => {
      this.options.logger.info(`Restarting to update to ${status.version}.`);
      this.options.updater.quitAndInstall();
    });
    if (waiting === 0) return `Restarting to update to ${status.version}…`;
    const message = `Ozeki Recorder restarts to update to ${status.version} once the ${inProgress(waiting)} saved.`;
    this.set({ kind: 'waiting', version: status.version, message });
    return message;
  }

  /** Stops the daily check (the app quits). */
  stop(): void {
    this.cancelDaily?.();
    this.cancelDaily = undefined;
  }

  private set(status: UpdateStatus): void {
    this.current = status;
    this.emit('changed', status);
  }
}

/** The tray's update item, first in its menu: "Restart to update", or what the restart waits for. */
export function updateMenuItems(status: UpdateStatus, restart: () => void): MenuItemConstructorOptions[] {
  if (status.kind === 'none') return [];
  const item: MenuItemConstructorOptions =
    status.kind === 'ready'
      ? { label: `Restart to update to ${status.version}`, click: restart }
      : { label: `Update to ${status.version} waits for the recordings in progress`, enabled: false };
  return [item, { type: 'separator' }];
}
