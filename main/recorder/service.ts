import { randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Agent } from 'undici';
import type { LiveCall } from '../ozeki/live-call.ts';
import type { OzekiClient } from '../ozeki/client.ts';
import type { RecordCompleted } from '../ozeki/notifications.ts';
import { PbxError } from '../ozeki/errors.ts';
import { parseAutoRecord, shouldAutoRecord, type AutoRecordRule } from './auto-record.ts';
import { BackgroundTasks } from './background.ts';
import { AUTO_RECORD_RETRY, backoffDelay, SAVE_RETRY } from './backoff.ts';
import { asRecordingFailure, RecordingFailure } from './errors.ts';
import { CallbackServer } from './callback-server.ts';
import { crashPoint } from './crash-point.ts';
import { checkFolder } from './folder.ts';
import { Journal, type JournalEntry } from './journal.ts';
import { deleteRecording, scanLibrary, searchLibrary, updateSidecar, type LibraryItem } from './library.ts';
import { awaitsFile, isSaving, moveRecording, nextState, type LifeEvent } from './lifecycle.ts';
import { stderrLogger, type Logger } from './logger.ts';
import { CallMonitor, followedCalls, linkFromError } from './monitor.ts';
import { isPaused, keptMs, toggleSegments } from './segments.ts';
import type { RecorderSettings } from './settings.ts';
import type { CallView, InFlightView, RecorderEvent, RecorderState, ToggleResult } from './state.ts';
import { saveRecording } from './save-recording.ts';
import { discardWork } from './work-folder.ts';
import type { DownloadLimits } from './download-limits.ts';

export interface RecorderServiceOptions {
  settings: RecorderSettings;
  client: OzekiClient;
  /** The app's data folder: journal and listener secret. */
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
}

/** Asked for, and its call still going: the PBX is (or may be) recording it now. */
const isRecordingNow = (e: Readonly<JournalEntry>) => awaitsFile(e.state) && e.endedAt === undefined;

const UNCONFIRMED = 'Starting — no answer from the PBX yet. The PBX may be recording; no second Record is sent for this call.';
const MISSED = 'The call ended but the PBX never said the recording was ready. Check that the PBX can reach this computer (see Test listener).';
const MISSED_UNCONFIRMED = 'The PBX never answered the Record command, and no recording came when the call ended.';
const MISSED_WHILE_STOPPED = 'Missed — the PBX finished it while Ozeki Recorder was not running, and the PBX does not send a recording twice.';

/**
 * The one owner of the truth: PBX link, live calls, recordings in flight, the library.
 * The tray, the window, the CLI and the preview only send it commands and listen to its events.
 * Every state change of a recording goes through `move`, which follows the life-cycle table (lifecycle.ts).
 */
export class RecorderService extends EventEmitter<{ state: [RecorderState]; event: [RecorderEvent] }> {
  private readonly settings: RecorderSettings;
  private readonly client: OzekiClient;
  private readonly monitor: CallMonitor;
  private readonly downloads = new Agent({ keepAliveTimeout: 4000, connect: { timeout: 10_000 } });
  private readonly stopping = new AbortController();
  private readonly autoRule: AutoRecordRule;
  private readonly logger: Logger;
  private readonly tasks: BackgroundTasks;
  private journal: Journal | undefined;
  private readonly callbacks: CallbackServer;
  private calls: LiveCall[] = [];
  private callsTotal = 0;
  private seenCallIds = new Set<string>();
  /** The latest poll not handled yet: polls that come while one is handled replace each other. */
  private pendingCalls: LiveCall[] | undefined;
  private handlingCalls = false;
  /** Recordings of the last run whose call was going when it stopped: checked against the first poll. */
  private carriedOver: Set<string> | undefined;
  private readonly starting = new Set<string>();
  /** Auto-record of a call the PBX refused: when to try again. */
  private readonly autoRecordRetry = new Map<string, { attempt: number; notBefore: number }>();
  private readonly progress = new Map<string, { bytes: number; total?: number }>();
  private readonly queue: string[] = [];
  private readonly working = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly retryAttempts = new Map<string, number>();
  private warnings: string[] = [];
  private stateTimer: NodeJS.Timeout | undefined;
  private stopped: Promise<void> | undefined;

  constructor(private readonly options: RecorderServiceOptions) {
    super();
    this.settings = options.settings;
    this.client = options.client;
    this.logger = options.logger ?? stderrLogger;
    this.tasks = new BackgroundTasks(this.logger);
    this.monitor = new CallMonitor(this.client, options.settings.pollIntervalMs);
    this.callbacks = new CallbackServer(options.settings, { pbxHost: this.client.baseUrl.hostname, dataDir: options.dataDir, dispatcher: this.downloads });
    const rule = parseAutoRecord(options.settings.autoRecord);
    this.autoRule = 'error' in rule ? { kind: 'none' } : rule;
    if ('error' in rule) this.warn(`Auto-record is off: ${rule.error}`);
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
    this.journal = await Journal.open(this.options.dataDir);
    for (const warning of this.journal.warnings) this.warn(warning);
    await this.callbacks.start({
      secretOf: (id) => this.journal?.get(id)?.secret,
      onRecordCompleted: (id, n) => this.onRecordCompleted(id, n),
      onCallChanged: () => void this.monitor.refresh(),
      onRefused: (reason, from) => this.warn(`Refused a notification from ${from}: ${reason}.`),
    });
    if (this.callbacks.error) this.warn(`The listener for finished recordings could not start: ${this.callbacks.error}.`);
    this.monitor.on('link', (link) => {
      this.emitEvent({ type: 'link', link });
      this.changed();
    });
    this.monitor.on('calls', (calls) => {
      this.pendingCalls = calls;
      if (!this.handlingCalls) this.tasks.run('Handling the list of calls', () => this.handlePendingCalls());
    });
    this.carriedOver = new Set();
    for (const entry of this.journal.all()) await this.resume(entry);
    this.monitor.start();
    this.every(this.options.folderCheckMs ?? 5000, 'Checking the recordings folder', () => this.retryWaitingForFolder());
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
    this.stopping.abort();
    for (const timer of this.timers) clearTimeout(timer);
    clearTimeout(this.stateTimer);
    await this.monitor.stop();
    await this.callbacks.stop();
    await this.tasks.settled();
    await this.journal?.close();
    await this.downloads.close();
  }

  state(): RecorderState {
    const entries = this.journal?.all() ?? [];
    const now = Date.now();
    const recording = new Map(entries.filter(isRecordingNow).map((e) => [e.callId, e]));
    const calls: CallView[] = this.calls.map((call) => {
      const entry = recording.get(call.callId);
      if (!entry) return { ...call };
      const elapsed = entry.ackAt === undefined ? 0 : now - entry.ackAt;
      return {
        ...call,
        recording: {
          recordingId: entry.id,
          status: entry.state === 'requested' ? 'starting' : entry.state === 'unconfirmed' ? 'unconfirmed' : isPaused(entry.segments) ? 'paused' : 'recording',
          ...(entry.ackAt === undefined ? {} : { since: entry.ackAt }),
          segments: entry.segments,
          keptMs: keptMs(entry.segments, elapsed),
        },
      };
    });
    const inFlight = entries
      .filter((e) => e.state !== 'saved' && e.state !== 'dismissed' && !isRecordingNow(e))
      .map((e): InFlightView => {
        const progress = this.progress.get(e.id);
        return {
          id: e.id,
          callId: e.callId,
          from: e.call.source,
          to: e.call.destination,
          callerName: e.call.callerId,
          state: e.state,
          ...(progress ? { downloadedBytes: progress.bytes, totalBytes: progress.total } : {}),
          ...(e.failure ? { failure: e.failure } : {}),
          canRetry: e.recordUrl !== undefined && nextState(e.state, 'retried') !== undefined,
          canDismiss: nextState(e.state, 'dismissed') !== undefined,
        };
      });
    return {
      link: this.monitor.link,
      pbxUrl: this.client.displayUrl,
      usingDemoPbx: this.options.usingDemoPbx ?? false,
      calls,
      ...(this.callsTotal > this.calls.length ? { callsCapped: { shown: this.calls.length, total: this.callsTotal } } : {}),
      inFlight,
      listener: { ...(this.callbacks.baseUrl ? { url: `${this.callbacks.baseUrl}/ozeki/record-completed/…` } : {}), ...(this.callbacks.error ? { error: this.callbacks.error } : {}) },
      warnings: [...this.warnings],
    };
  }

  refreshCalls(): Promise<void> {
    return this.monitor.refresh();
  }

  setMonitoringPaused(paused: boolean): void {
    this.monitor.setPaused(paused);
    this.changed();
  }

  // ---- the record toggle ----

  /**
   * First press: Record on the PBX, a kept segment opens. Next presses: pause (the segment closes at this
   * moment) and resume (a new one opens); the PBX goes on recording, the paused parts are cut when saving.
   */
  async toggle(callId: string): Promise<ToggleResult> {
    const journal = this.requireJournal();
    const active = journal.all().find((e) => e.callId === callId && isRecordingNow(e));
    if (active) {
      if (active.state === 'unconfirmed') return { ok: false, message: UNCONFIRMED };
      if (active.state === 'requested' || active.ackAt === undefined) return { ok: false, message: 'The recording is starting, one moment…' };
      const segments = toggleSegments(active.segments, Date.now() - active.ackAt);
      await journal.update(active.id, { segments });
      const paused = isPaused(segments);
      this.emitEvent({ type: paused ? 'recording-paused' : 'recording-resumed', id: active.id, callId });
      this.changed();
      return { ok: true, status: paused ? 'paused' : 'recording', recordingId: active.id };
    }
    return this.startRecording(callId, false);
  }

  /** Toggles the call my extension takes part in (the tray's "Record my call"). */
  async toggleMine(): Promise<ToggleResult> {
    const mine = this.settings.myExtension.trim();
    if (!mine) return { ok: false, message: 'Set "My extension" in the settings first.' };
    const candidates = this.calls.filter((c) => c.source === mine || c.destination === mine);
    const call = candidates.find((c) => c.state === 'InCall') ?? candidates.find((c) => c.state === 'Hold') ?? candidates[0];
    if (!call) return { ok: false, message: `No call on extension ${mine} right now.` };
    return this.toggle(call.callId);
  }

  /**
   * Journals the recording, then sends Record. The PBX's answer decides: success → recording; an error → nothing
   * was recorded (the entry is dismissed); no answer in time → unconfirmed: the PBX may be recording, so the entry
   * and its secret stay, its RecordCompleted is accepted, and no second Record is sent for the call.
   */
  private async startRecording(callId: string, auto: boolean): Promise<ToggleResult> {
    const journal = this.requireJournal();
    const call = this.calls.find((c) => c.callId === callId);
    if (!call) return { ok: false, message: 'That call has ended or is not on the PBX any more.' };
    if (this.starting.has(callId)) return { ok: false, message: 'The recording is starting, one moment…' };
    if (!this.callbacks.baseUrl) return { ok: false, message: `Recording cannot start: the listener for finished recordings is not running (${this.callbacks.error ?? 'unknown reason'}).` };
    this.starting.add(callId);
    const entry: JournalEntry = {
      id: randomUUID(),
      secret: randomBytes(24).toString('base64url'),
      callId,
      call: { source: call.source, destination: call.destination, callerId: call.callerId, startTime: call.startTime.toISOString() },
      format: this.settings.format,
      state: 'requested',
      requestedAt: Date.now(),
      segments: [],
      updatedAt: Date.now(),
    };
    try {
      await journal.create(entry); // journaled before the PBX hears of it: a crash now still finds the recording
      this.changed();
      try {
        await this.client.record(callId, { format: entry.format, finishedUrl: this.callbacks.finishedUrl(entry.id, entry.secret), signal: this.stopping.signal });
      } catch (error) {
        if (this.stopping.signal.aborted) return { ok: false, message: 'Ozeki Recorder is stopping.' }; // resumed as unconfirmed
        if (error instanceof PbxError && error.kind === 'timeout') {
          await this.move(entry.id, 'unanswered');
          this.logger.warn(`Record for call ${callId}: ${error.message} The recording is kept as unconfirmed.`);
          this.emitEvent({ type: 'recording-unconfirmed', id: entry.id, callId, auto });
          this.changed();
          return { ok: true, status: 'unconfirmed', recordingId: entry.id };
        }
        const message = `Could not start recording: ${linkFromError(error).message}`;
        await this.move(entry.id, 'refused', { failure: { kind: 'refused', message, retryable: false } });
        this.changed();
        return { ok: false, message };
      }
      // A slow answer may come after RecordCompleted (even after the file was saved): the table then refuses it.
      const acknowledged = await this.move(entry.id, 'acknowledged', { ackAt: Date.now(), segments: toggleSegments([], 0) });
      if (!acknowledged) return { ok: false, message: 'The call ended before the PBX answered; its recording is on its way to the folder.' };
      this.emitEvent({ type: 'recording-started', id: entry.id, callId, auto });
      this.changed();
      return { ok: true, status: 'recording', recordingId: entry.id };
    } finally {
      this.starting.delete(callId);
    }
  }

  // ---- calls ----

  /** Handles the latest poll, then the one that came meanwhile, if any: a slow poll never queues up stale ones. */
  private async handlePendingCalls(): Promise<void> {
    this.handlingCalls = true;
    try {
      while (this.pendingCalls) {
        const calls = this.pendingCalls;
        this.pendingCalls = undefined;
        await this.onCalls(calls);
      }
    } finally {
      this.handlingCalls = false;
    }
  }

  private async onCalls(all: LiveCall[]): Promise<void> {
    const journal = this.requireJournal();
    const now = Date.now();
    const live = new Set(all.map((c) => c.callId));
    const recordingNow = new Set(journal.all().filter(isRecordingNow).map((e) => e.callId));
    const calls = followedCalls(all, recordingNow);
    for (const call of calls) {
      if (!this.seenCallIds.has(call.callId)) this.emitEvent({ type: 'call-seen', call });
    }
    const followed = new Set(calls.map((c) => c.callId));
    for (const id of this.seenCallIds) if (!followed.has(id)) this.emitEvent({ type: 'call-ended', callId: id });
    this.seenCallIds = followed;
    this.calls = calls;
    this.callsTotal = all.length;
    for (const id of this.autoRecordRetry.keys()) if (!live.has(id)) this.autoRecordRetry.delete(id);
    // Recordings of the last run whose call ended while the recorder was stopped: the PBX's one POST was refused.
    const carriedOver = this.carriedOver;
    this.carriedOver = undefined;
    for (const id of carriedOver ?? []) {
      const entry = journal.get(id);
      if (entry && isRecordingNow(entry) && !live.has(entry.callId)) await this.markMissed(id, MISSED_WHILE_STOPPED, { endedAt: now });
    }
    // A recording whose call is gone: the PBX will now write the file. Wait for RecordCompleted, or call it missed.
    for (const entry of journal.all()) {
      if (isRecordingNow(entry) && !live.has(entry.callId)) {
        await journal.update(entry.id, { endedAt: now });
        this.scheduleMissed(entry.id, this.settings.missedAfterMs);
      }
    }
    const recorded = new Set(journal.all().map((e) => e.callId));
    for (const call of calls) {
      const retry = this.autoRecordRetry.get(call.callId);
      if (recorded.has(call.callId) || this.starting.has(call.callId) || (retry && retry.notBefore > now)) continue;
      if (shouldAutoRecord(this.autoRule, call)) this.tasks.run(`Auto-record of call ${call.callId}`, () => this.autoRecord(call));
    }
    this.changed();
  }

  /** Records a call by the auto-record rule; a refused Record is tried again with backoff, not on every poll. */
  private async autoRecord(call: LiveCall): Promise<void> {
    const result = await this.startRecording(call.callId, true);
    if (result.ok || this.stopping.signal.aborted) {
      this.autoRecordRetry.delete(call.callId);
      return;
    }
    const attempt = (this.autoRecordRetry.get(call.callId)?.attempt ?? 0) + 1;
    const delay = backoffDelay(AUTO_RECORD_RETRY, attempt);
    this.autoRecordRetry.set(call.callId, { attempt, notBefore: delay === undefined ? Infinity : Date.now() + delay });
    const next = delay === undefined ? 'It is not tried again for this call.' : `Trying again in ${Math.ceil(delay / 1000)} s.`;
    this.warn(`Auto-record of ${call.source} → ${call.destination} failed: ${result.message} ${next}`);
  }

  private scheduleMissed(id: string, delayMs: number): void {
    this.after(delayMs, 'Reporting a missed recording', async () => {
      const entry = this.journal?.get(id);
      if (entry && awaitsFile(entry.state)) await this.markMissed(id, entry.state === 'unconfirmed' ? MISSED_UNCONFIRMED : MISSED);
    });
  }

  private async markMissed(id: string, message: string, change: Partial<JournalEntry> = {}): Promise<void> {
    const entry = await this.move(id, 'missed', { ...change, failure: { kind: 'missed', message, retryable: false } });
    if (!entry) return;
    this.emitEvent({ type: 'recording-missed', id, callId: entry.callId, message });
    this.changed();
  }

  // ---- notifications ----

  /**
   * RecordCompleted for one of our recordings. Resolves once it is journaled (fsynced): the listener answers the
   * PBX only then, so a crash before that point is the PBX's failed delivery, never a recording lost after a 200.
   */
  private async onRecordCompleted(id: string, notification: RecordCompleted): Promise<void> {
    const journal = this.requireJournal();
    const entry = journal.get(id);
    if (!entry) return;
    // Notifications are idempotent: the first one with a file's address wins.
    const moved = entry.recordUrl === undefined && (await this.move(id, 'notified', { recordUrl: notification.recordUrl, endedAt: entry.endedAt ?? Date.now(), failure: undefined }));
    if (!moved) {
      this.emitEvent({ type: 'duplicate-notification', id });
      return;
    }
    crashPoint('after-notification-journaled');
    this.emitEvent({ type: 'recording-completed', id, callId: entry.callId });
    this.enqueue(id);
    this.tasks.run('Reading the calls after a recording finished', () => this.monitor.refresh());
    this.changed();
  }

  // ---- saving ----

  /** Puts a failed recording back in the queue (the Retry button), where that can help. */
  async retry(id: string): Promise<{ ok: boolean; message: string }> {
    const entry = this.journal?.get(id);
    if (!entry) return { ok: false, message: 'No such recording.' };
    if (entry.state === 'saved') return { ok: false, message: 'This recording is already saved.' };
    if (!entry.recordUrl) return { ok: false, message: 'The PBX never sent this recording, so there is nothing to fetch. Dismiss it to clear it from the list.' };
    if (isSaving(entry.state)) return { ok: true, message: 'It is being saved now.' };
    if (!(await this.move(id, 'retried', { failure: undefined }))) return { ok: false, message: 'This recording cannot be tried again.' };
    this.retryAttempts.delete(id);
    this.enqueue(id);
    this.changed();
    return { ok: true, message: 'Trying again.' };
  }

  /** Clears a failed or missed recording from the window and the tray (the journal keeps the fact until compaction). */
  async dismiss(id: string): Promise<{ ok: boolean; message: string }> {
    const entry = this.journal?.get(id);
    if (!entry) return { ok: false, message: 'No such recording.' };
    if (!(await this.move(id, 'dismissed'))) return { ok: false, message: 'Only a failed or missed recording can be dismissed.' };
    this.retryAttempts.delete(id);
    if (this.settings.folder) await discardWork(this.settings.folder, id); // its download is of no use any more
    this.emitEvent({ type: 'recording-dismissed', id, callId: entry.callId });
    this.changed();
    return { ok: true, message: 'Dismissed.' };
  }

  /** Picks a recording of the last run up where it stopped. */
  private async resume(entry: Readonly<JournalEntry>): Promise<void> {
    // A Record whose answer was never seen: the PBX may have started; do as if it did not answer.
    if (entry.state === 'requested') await this.move(entry.id, 'unanswered');
    if (awaitsFile(entry.state) && entry.endedAt !== undefined) {
      this.scheduleMissed(entry.id, Math.max(0, entry.endedAt + this.settings.missedAfterMs - Date.now()));
    } else if (awaitsFile(entry.state)) {
      this.carriedOver?.add(entry.id);
    } else if (isSaving(entry.state) || (entry.state === 'failed' && entry.failure?.retryable)) {
      this.enqueue(entry.id);
    }
  }

  private enqueue(id: string): void {
    if (this.stopping.signal.aborted || this.queue.includes(id) || this.working.has(id)) return;
    this.queue.push(id);
    this.pump();
  }

  private pump(): void {
    const limit = this.options.downloadConcurrency ?? 3;
    while (this.working.size < limit && this.queue.length > 0 && !this.stopping.signal.aborted) {
      const id = this.queue.shift() as string;
      this.working.add(id);
      this.tasks.run(`Saving recording ${id}`, () =>
        this.save(id).finally(() => {
          this.working.delete(id);
          this.pump();
        }),
      );
    }
  }

  private async save(id: string): Promise<void> {
    const journal = this.requireJournal();
    const entry = journal.get(id);
    if (!entry?.recordUrl || entry.state === 'saved' || entry.state === 'dismissed') return;
    let lastEmit = 0;
    try {
      const path = await saveRecording(id, {
        journal,
        settings: this.settings,
        pbxUrl: this.client.baseUrl,
        dispatcher: this.downloads,
        signal: this.stopping.signal,
        ...(this.options.downloadLimits ? { limits: this.options.downloadLimits } : {}),
        move: (event, change) => this.move(id, event, change),
        onStep: () => this.changed(),
        onProgress: (bytes, total) => {
          this.progress.set(id, { bytes, ...(total === undefined ? {} : { total }) });
          if (Date.now() - lastEmit > 250) {
            lastEmit = Date.now();
            this.changed();
          }
        },
      });
      this.progress.delete(id);
      this.retryAttempts.delete(id);
      this.emitEvent({ type: 'recording-saved', id, callId: entry.callId, path });
      this.emitEvent({ type: 'library-changed' });
      this.changed();
    } catch (error) {
      if (this.stopping.signal.aborted) return; // stopped mid-way: the journal says where to pick up
      await this.fail(id, error);
    }
  }

  /**
   * Records why a save failed. Only known transient failures are tried again by themselves: a network problem
   * with backoff (until the policy gives up), a folder problem when the folder is back (retryWaitingForFolder).
   */
  private async fail(id: string, error: unknown): Promise<void> {
    const failure = asRecordingFailure(error);
    if (failure.kind === 'internal') this.logger.error(`Saving recording ${id} failed unexpectedly`, error);
    let message = failure.message;
    let retryAt: number | undefined;
    if (failure.kind === 'network') {
      const attempt = (this.retryAttempts.get(id) ?? 0) + 1;
      this.retryAttempts.set(id, attempt);
      retryAt = this.options.retryDelayMs ? this.options.retryDelayMs(attempt) : backoffDelay(SAVE_RETRY, attempt);
      if (retryAt === undefined) message = `${message.replace(/ It will be tried again\.$/, '')} Gave up after ${attempt} tries; press Retry to try again.`;
    }
    const entry = await this.move(id, 'failed', { failure: { kind: failure.kind, message, retryable: retryAt !== undefined || failure.kind === 'folder' } });
    if (!entry) return;
    this.emitEvent({ type: 'recording-failed', id, callId: entry.callId, message, retryable: entry.failure?.retryable ?? false });
    this.changed();
    if (retryAt !== undefined) this.after(retryAt, `Retrying recording ${id}`, () => this.enqueue(id));
  }

  private async retryWaitingForFolder(): Promise<void> {
    const waiting = (this.journal?.all() ?? []).filter((e) => e.state === 'failed' && e.failure?.kind === 'folder');
    if (waiting.length === 0) return;
    if (!(await checkFolder(this.settings.folder).then(() => true, () => false))) return;
    for (const entry of waiting) this.enqueue(entry.id);
  }

  /** Changes a recording's state by the life-cycle table; a move the table refuses is logged and skipped. */
  private async move(id: string, event: LifeEvent, change: Partial<Omit<JournalEntry, 'id' | 'state'>> = {}): Promise<Readonly<JournalEntry> | undefined> {
    const moved = await moveRecording(this.requireJournal(), id, event, change);
    if (moved.ok) {
      this.logger.info(`Recording ${id}: ${event} → ${moved.entry.state}.`);
      return moved.entry;
    }
    this.logger.warn(`Recording ${id}: ${moved.reason}.`);
    return undefined;
  }

  // ---- library ----

  async library(query = ''): Promise<LibraryItem[]> {
    if (!this.settings.folder) return [];
    const items = await scanLibrary(this.settings.folder);
    return query.trim() ? searchLibrary(items, query) : items;
  }

  /** Finds a saved recording by its path relative to the folder: the UI never hands us an absolute path. */
  async libraryItem(relativePath: string): Promise<LibraryItem> {
    const item = (await this.library()).find((i) => i.relativePath === relativePath);
    if (!item) throw new RecordingFailure('gone', 'That recording is no longer in the folder.');
    return item;
  }

  async setNote(relativePath: string, note: string): Promise<void> {
    await updateSidecar((await this.libraryItem(relativePath)).path, { note: note.slice(0, 2000) });
    this.emitEvent({ type: 'library-changed' });
  }

  async setPinned(relativePath: string, pinned: boolean): Promise<void> {
    await updateSidecar((await this.libraryItem(relativePath)).path, { pinned });
    this.emitEvent({ type: 'library-changed' });
  }

  async deleteSaved(relativePath: string): Promise<void> {
    await deleteRecording((await this.libraryItem(relativePath)).path);
    this.emitEvent({ type: 'library-changed' });
  }

  // ---- listener ----

  /** The base of every FinishedURL, e.g. http://192.168.0.20:7781 */
  get callbackUrl(): string | undefined {
    return this.callbacks.baseUrl;
  }

  /** The URL to give the PBX for CallChanged notifications (a global setting on the PBX). */
  get callChangedUrl(): string | undefined {
    return this.callbacks.callChangedUrl;
  }

  /** Checks that the listener answers on its callback URL from this machine. */
  selfTest(): Promise<{ ok: boolean; message: string }> {
    return this.callbacks.selfTest();
  }

  // ---- plumbing ----

  private requireJournal(): Journal {
    if (!this.journal) throw new Error('The recorder has not started.');
    return this.journal;
  }

  private warn(message: string): void {
    this.warnings = [...this.warnings.slice(-9), message];
    this.emitEvent({ type: 'warning', message });
    this.changed();
  }

  private emitEvent(event: RecorderEvent): void {
    this.emit('event', event);
  }

  /** State changes come in bursts; listeners get one snapshot per tick. */
  private changed(): void {
    if (this.stateTimer) return;
    this.stateTimer = setTimeout(() => {
      this.stateTimer = undefined;
      this.emit('state', this.state());
    }, 0);
  }

  /** Runs `action` as a background task after `ms`, unless the service stops first. */
  private after(ms: number, name: string, action: () => unknown): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopping.signal.aborted) this.tasks.run(name, action);
    }, ms);
    this.timers.add(timer);
  }

  private every(ms: number, name: string, action: () => Promise<void>): void {
    this.after(ms, name, async () => {
      try {
        await action();
      } finally {
        this.every(ms, name, action);
      }
    });
  }
}
