import { EventEmitter } from 'node:events';
import type { OzekiClient } from '../ozeki/client.ts';
import type { RecordCompleted } from '../ozeki/notifications.ts';
import { Announcer } from './announcement.ts';
import { AutoRecorder } from './auto-recorder.ts';
import { endedUnanswered } from './call-answered.ts';
import { CallReconciler } from './call-reconciler.ts';
import { CallbackServer, sameListener, type ListenerSettings } from './callback-server.ts';
import { systemClock, type Clock } from './clock.ts';
import { crashPoint } from './crash-point.ts';
import type { DownloadLimits } from './download-limits.ts';
import { Journal, type JournalEntry } from './journal.ts';
import { awaitsFile, isSaving } from './lifecycle.ts';
import { stderrLogger, type Logger } from './logger.ts';
import { CallMonitor } from './monitor.ts';
import { projectState } from './project-state.ts';
import { RecordToggle } from './record-toggle.ts';
import { RecorderCore } from './recorder-core.ts';
import { SaveQueue } from './save-queue.ts';
import { ListenerReach } from './listener-reach.ts';
import { LazyAgent } from './lazy-agent.ts';
import { queueDirOf } from './local-queue.ts';
import { SavedRecordings } from './saved-recordings.ts';
import { folderTrashBin, TRASH_KEEP_DAYS, type TrashBin } from './trash.ts';
import { RetentionSweep, type RetentionConfirmedBy } from './retention-sweep.ts';
import type { LiveRecorderSettings, RecorderSettings } from './settings.ts';
import type { RecorderEvent, RecorderState, ToggleResult } from './state.ts';

export interface RecorderServiceOptions {
  settings: RecorderSettings;
  client: OzekiClient;
  /** The app's data folder: journal, listener secret, and the recordings kept while the folder cannot be reached. */
  dataDir: string;
  usingDemoPbx?: boolean;
  /** Downloads running at once. */
  downloadConcurrency?: number;
  /** Pause before retrying a failed save, by attempt; undefined gives up. The shared SAVE_RETRY by default. */
  retryDelayMs?: (attempt: number) => number | undefined;
  /** How often a waiting folder is checked again. */
  folderCheckMs?: number;
  /** Download time and throughput limits; DEFAULT_LIMITS otherwise (tests make them small). */
  downloadLimits?: Partial<Omit<DownloadLimits, 'maxBytes'>>;
  logger?: Logger;
  /** Where every moment and timer of the recorder comes from; the system clock by default (tests pass a fake one). */
  clock?: Clock;
  /**
   * Where deleted and expired recordings go: the system trash in the desktop app; by default a `.trash` folder
   * inside the recordings folder (CLI, preview), which deletes for good what it has held for TRASH_KEEP_DAYS.
   */
  trash?: TrashBin;
  /**
   * Where the user confirms the first retention sweep: in Settings (the app and the preview, the default), or with
   * `ozeki-recorder prune` naming this data folder (the CLI's run, which has no Settings). The sweep's warning says so.
   */
  confirmRetentionBy?: RetentionConfirmedBy;
}

/**
 * The one owner of the truth: PBX link, live calls, recordings in flight, the library. The tray, the window, the
 * CLI and the preview only send it commands and listen to its events. It puts the parts together and starts and
 * stops them: the call monitor and call reconciliation (call-reconciler.ts, auto-recorder.ts), the record toggle
 * (record-toggle.ts), the save queue (save-queue.ts), the listener (callback-server.ts), the saved recordings
 * (saved-recordings.ts); the state it shows is projectState() of theirs. Every state change of a recording goes
 * through RecorderCore.move, which follows the life-cycle table (lifecycle.ts).
 * (A little over 250 lines: as the UIs' one entry point it keeps every public method, most of them one-line
 * forwards to the parts, each with its documentation.)
 */
export class RecorderService extends EventEmitter<{ state: [RecorderState]; event: [RecorderEvent] }> {
  /** The saved recordings in the folder: list, note, pin, delete. */
  readonly library: SavedRecordings;
  /** Recordings kept for a number of days, and a number's recordings erased: dry run, confirmation, sweep. */
  readonly retention: RetentionSweep;
  private readonly core: RecorderCore;
  private readonly client: OzekiClient;
  private readonly monitor: CallMonitor;
  private readonly downloads = new LazyAgent({ keepAliveTimeout: 4000, connect: { timeout: 10_000 } });
  private readonly callbacks: CallbackServer;
  private readonly toggler: RecordToggle;
  private readonly reconciler: CallReconciler;
  private readonly saves: SaveQueue;
  private readonly autoRecorder: AutoRecorder;
  /** Tells the user when a firewall most likely keeps the PBX's notifications out. */
  private readonly reach: ListenerReach;
  private stateQueued: NodeJS.Immediate | undefined;
  private stopped: Promise<void> | undefined;

  constructor(private readonly options: RecorderServiceOptions) {
    super();
    const core = new RecorderCore(options.settings, options.logger ?? stderrLogger, options.clock ?? systemClock, {
      event: (e) => {
        this.emit('event', e);
        this.reach.see(e);
      },
      changed: () => this.changed(),
    });
    this.core = core;
    this.reach = new ListenerReach({
      port: () => (this.callbacks.baseUrl ? Number(new URL(this.callbacks.baseUrl).port) : core.settings.listenPort),
      warn: (message) => core.warn({ kind: 'listener-unreachable', message }),
    });
    this.client = options.client;
    this.monitor = new CallMonitor(this.client, options.settings.pollIntervalMs, core.clock);
    this.callbacks = new CallbackServer(options.settings, this.callbackOptions());
    const announcer = new Announcer({ client: this.client, files: this.callbacks.announcementFiles, signal: core.stopping.signal });
    this.toggler = new RecordToggle(core, {
      client: this.client,
      callbacks: this.callbacks,
      announcer,
      calls: () => this.reconciler.calls,
      announcementSettled: (id) => this.saves.enqueue(id),
    });
    const autoRecorder = new AutoRecorder(core, (callId) => this.toggler.start(callId, true));
    this.autoRecorder = autoRecorder;
    const unanswered = (callId: string) => endedUnanswered(this.client, callId, { signal: core.stopping.signal, logger: core.logger });
    this.reconciler = new CallReconciler(core, {
      autoRecorder,
      isStarting: (callId) => this.toggler.isStarting(callId),
      endedUnanswered: unanswered,
    });
    this.saves = new SaveQueue(core, {
      pbxUrl: this.client.baseUrl,
      dispatcher: () => this.downloads.get(),
      concurrency: options.downloadConcurrency ?? 3,
      folderCheckMs: options.folderCheckMs ?? 5000,
      queueDir: queueDirOf(options.dataDir),
      ...(options.retryDelayMs ? { retryDelayMs: options.retryDelayMs } : {}),
      ...(options.downloadLimits ? { downloadLimits: options.downloadLimits } : {}),
      announcing: (id) => this.toggler.isAnnouncing(id),
      endedUnanswered: unanswered,
    });
    this.library = new SavedRecordings(
      () => core.settings.folder,
      () => core.emit({ type: 'library-changed' }),
      (folder) => this.trash(folder),
      core.clock,
    );
    this.retention = new RetentionSweep(core, { dataDir: options.dataDir, trash: () => this.trash(), confirmedBy: options.confirmRetentionBy ?? 'settings' });
  }

  /** The trash of the recordings folder in use (the folder may change while the recorder runs), or of `folder`. */
  trash(folder = this.core.settings.folder): TrashBin {
    return this.options.trash ?? folderTrashBin(folder, { clock: this.core.clock, keepDays: TRASH_KEEP_DAYS });
  }

  /**
   * Takes the settings a running recorder applies at once (the settings schema says which; the others need a new
   * service). The next Record, save, poll and missed-recording timer use them; a save in flight finishes with the
   * settings it started with, and a timer already set keeps its time.
   */
  applySettings(change: Partial<LiveRecorderSettings>): void {
    this.core.settings = { ...this.core.settings, ...change };
    if (change.autoRecord !== undefined) this.autoRecorder.readRule();
    if (change.pollIntervalMs !== undefined) this.monitor.setIntervalMs(change.pollIntervalMs);
    if (change.keepDays !== undefined || change.folder !== undefined) this.retention.sweepSoon();
    this.changed();
  }

  // ---- life cycle ----

  /** Starts everything; if a part fails, what already started is stopped again (the lock, the listener) first. */
  async start(): Promise<void> {
    try {
      await this.startParts();
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  private async startParts(): Promise<void> {
    const { core } = this;
    core.useJournal(await Journal.open(this.options.dataDir, { now: () => core.now() }));
    await this.callbacks.start({
      secretOf: (id) => core.journal.get(id)?.secret,
      onRecordCompleted: (id, n) => this.onRecordCompleted(id, n),
      onCallChanged: () => {
        this.reach.notified();
        void this.monitor.pushed();
      },
      onRefused: (reason, from) => {
        this.reach.refused(from);
        core.warn({
          kind: 'notification-refused',
          message: 'Ozeki Recorder refused a message that did not come from the PBX.',
          detail: `Refused a notification from ${from}: ${reason}.`,
        });
      },
      onNotKept: (reason, from) => {
        core.warn({
          kind: 'notification-not-kept',
          message: "Ozeki Recorder could not keep the PBX's notice that a recording finished, and asked the PBX to send it again.",
          detail: `The notification from ${from} could not be journaled: ${reason}.`,
        });
      },
    });
    if (this.callbacks.error)
      core.warn({ kind: 'listener-not-started', message: `The listener for finished recordings could not start: ${this.callbacks.error}.` });
    this.monitor.on('link', (link) => {
      core.emit({ type: 'link', link });
      this.changed();
    });
    this.monitor.on('calls', (polled) => this.reconciler.offer(polled));
    for (const entry of core.journal.all()) await this.resume(entry);
    this.monitor.start();
    this.saves.start();
    this.retention.start();
    this.changed();
  }

  /**
   * Stops at once: a poll, a Record or a download in flight is abandoned, retry pauses are cancelled, the journal is
   * flushed. Nothing is lost: the next start picks every recording up from the journal. Stopping twice is one stop.
   */
  stop(): Promise<void> {
    this.stopped ??= this.stopParts();
    return this.stopped;
  }

  private async stopParts(): Promise<void> {
    this.core.abort();
    clearImmediate(this.stateQueued);
    await this.monitor.stop();
    await this.callbacks.stop();
    await this.core.tasks.settled();
    await this.core.closeJournal();
    await this.downloads.close();
  }

  state(): RecorderState {
    return projectState({
      entries: this.core.entries(),
      calls: this.reconciler.calls,
      callsTotal: this.reconciler.callsTotal,
      progress: this.saves.progress,
      link: this.monitor.link,
      pbxUrl: this.client.displayUrl,
      usingDemoPbx: this.options.usingDemoPbx ?? false,
      listener: { baseUrl: this.callbacks.baseUrl, error: this.callbacks.error },
      warnings: this.core.warnings,
      myExtension: this.core.settings.myExtension.trim(),
      autoRecordProblem: (callId) => this.autoRecorder.problemOf(callId),
      announcing: (id) => this.toggler.isAnnouncing(id),
      announce: { mode: this.core.settings.announce, canSkip: this.core.settings.announce !== 'off' && this.core.settings.announceSkippable },
      retention: this.retention.waiting,
      folder: this.core.settings.folder,
      now: this.core.now(),
    });
  }

  /**
   * Resolves once the work started so far has ended: handling a poll, an auto-record, a save, the action of a timer
   * that fired. With a fake clock, a test advances it and then waits here, instead of sleeping.
   */
  settled(): Promise<void> {
    return this.core.tasks.settled();
  }

  refreshCalls(): Promise<void> {
    return this.monitor.refresh();
  }

  /**
   * After the computer slept: polls at once (calls may have ended meanwhile: their recordings are reported as they
   * are, see CallReconciler) and checks that the listener still answers; if it does not, the user is told why.
   */
  async wake(): Promise<void> {
    const [, listener] = await Promise.all([this.monitor.refresh(), this.callbacks.selfTest()]);
    if (!listener.ok) {
      this.core.warn({
        kind: 'listener-not-answering',
        message: `After the computer woke up, the listener for finished recordings did not answer: ${listener.message}`,
      });
    }
  }

  /** Before the computer sleeps: resolves once every journal change so far is on disk. */
  flushJournal(): Promise<void> {
    return this.core.journal.flushed();
  }

  setMonitoringPaused(paused: boolean): void {
    this.monitor.setPaused(paused);
    this.changed();
  }

  // ---- commands ----

  /** The record toggle: record, pause, resume (record-toggle.ts). */
  toggle(callId: string): Promise<ToggleResult> {
    return this.toggler.toggle(callId);
  }

  /** Toggles the call my extension takes part in (the tray's "Record my call"). */
  toggleMine(): Promise<ToggleResult> {
    return this.toggler.toggleMine();
  }

  /** Starts recording one call without the announcement, where the settings allow it (record-toggle.ts). */
  recordWithoutAnnouncement(callId: string): Promise<ToggleResult> {
    return this.toggler.recordWithoutAnnouncement(callId);
  }

  /** Puts a failed recording back in the queue (the Retry button), where that can help. */
  retry(id: string): Promise<{ ok: boolean; message: string }> {
    return this.saves.retry(id);
  }

  /** Clears a failed or missed recording from the window and the tray. */
  dismiss(id: string): Promise<{ ok: boolean; message: string }> {
    return this.saves.dismiss(id);
  }

  // ---- listener ----

  /** The base of every FinishedURL, e.g. http://192.168.0.20:7781 */
  get callbackUrl(): string | undefined {
    return this.callbacks.baseUrl;
  }

  /** How to write the URL to give the PBX for CallChanged notifications, without its secret (see CallbackServer). */
  get callChangedUrlHint(): string | undefined {
    return this.callbacks.callChangedUrlHint;
  }

  /** Checks that the listener answers on its callback URL from this machine. */
  selfTest(): Promise<{ ok: boolean; message: string }> {
    return this.callbacks.selfTest();
  }

  /** The self-test for listener settings typed but not saved: the running listener's when they are its own. */
  testListener(typed: ListenerSettings): Promise<{ ok: boolean; message: string }> {
    const { settings } = this.options;
    if (sameListener(typed, settings)) return this.callbacks.selfTest();
    return CallbackServer.trial({ ...settings, ...typed }, this.callbackOptions());
  }

  /** What a listener of this recorder is built with, the one for a test of new settings too. */
  private callbackOptions() {
    return { pbxHost: this.client.baseUrl.hostname, dataDir: this.options.dataDir, dispatcher: () => this.downloads.get(), clock: this.core.clock };
  }

  // ---- wiring ----

  /**
   * RecordCompleted for one of our recordings. Resolves once it is journaled (fsynced): the listener answers the
   * PBX only then, so a crash before that point is the PBX's failed delivery, never a recording lost after a 200.
   */
  private async onRecordCompleted(id: string, notification: RecordCompleted): Promise<void> {
    const { core } = this;
    const entry = core.journal.get(id);
    if (!entry) return;
    if (entry.announcement?.notRecorded) {
      // The PBX had started recording when the announcement failed, and the settings said not to record: its file
      // is acknowledged (so the PBX does not send it again) and left on the PBX.
      core.logger.info(`Recording ${id}: the PBX finished it; it is not saved, as the call could not be announced.`);
      return;
    }
    // Notifications are idempotent: the first one with a file's address wins.
    const moved =
      entry.recordUrl === undefined &&
      (await core.move(id, 'notified', { recordUrl: notification.recordUrl, endedAt: entry.endedAt ?? core.now(), failure: undefined }));
    if (!moved) {
      // Answered only once the first one is on disk: a duplicate's 200 must not run ahead of the original's fsync.
      await core.journal.flushed();
      core.emit({ type: 'duplicate-notification', id });
      return;
    }
    crashPoint('after-notification-journaled');
    core.emit({ type: 'recording-completed', id, callId: entry.callId });
    this.saves.enqueue(id);
    core.tasks.run('Reading the calls after a recording finished', () => this.monitor.refresh());
    this.changed();
  }

  /** Picks a recording of the last run up where it stopped. */
  private async resume(entry: Readonly<JournalEntry>): Promise<void> {
    // A Record whose answer was never seen: the PBX may have started; do as if it did not answer.
    if (entry.state === 'requested') await this.core.move(entry.id, 'unanswered');
    if (awaitsFile(entry.state)) this.reconciler.resume(entry);
    else if (isSaving(entry.state) || (entry.state === 'failed' && entry.failure?.retryable)) this.saves.enqueue(entry.id);
  }

  /**
   * State changes come in bursts; listeners get one snapshot per tick. With no listener (the CLI listens to events
   * only) no snapshot is made: an idle poll then costs nothing here.
   */
  private changed(): void {
    if (this.stateQueued || this.listenerCount('state') === 0) return;
    this.stateQueued = setImmediate(() => {
      this.stateQueued = undefined;
      this.emit('state', this.state());
    });
  }
}
