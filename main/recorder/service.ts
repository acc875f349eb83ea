import { randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Agent } from 'undici';
import type { LiveCall } from '../ozeki/live-call.ts';
import type { OzekiClient } from '../ozeki/client.ts';
import type { RecordCompleted } from '../ozeki/notifications.ts';
import { parseAutoRecord, shouldAutoRecord, type AutoRecordRule } from './auto-record.ts';
import { RecordingFailure } from './errors.ts';
import { CallbackServer } from './callback-server.ts';
import { checkFolder } from './folder.ts';
import { Journal, type JournalEntry } from './journal.ts';
import { deleteRecording, scanLibrary, searchLibrary, updateSidecar, type LibraryItem } from './library.ts';
import { CallMonitor, linkFromError } from './monitor.ts';
import { isPaused, keptMs, toggleSegments } from './segments.ts';
import type { RecorderSettings } from './settings.ts';
import type { CallView, InFlightView, RecorderEvent, RecorderState, RecordingState, ToggleResult } from './state.ts';
import { saveRecording } from './save-recording.ts';
import { TrimError } from './trim/trim-error.ts';

export interface RecorderServiceOptions {
  settings: RecorderSettings;
  client: OzekiClient;
  /** The app's data folder: journal and listener secret. */
  dataDir: string;
  usingDemoPbx?: boolean;
  /** Downloads running at once. */
  downloadConcurrency?: number;
  /** Pause before retrying a network failure, by attempt. */
  retryDelayMs?: (attempt: number) => number;
  /** How often a waiting folder is checked again. */
  folderCheckMs?: number;
}

const ACTIVE = new Set<RecordingState>(['requested', 'recording']);
/** Asked for, and its call still going: the PBX is recording it now. */
const isRecordingNow = (e: Readonly<JournalEntry>) => ACTIVE.has(e.state) && e.endedAt === undefined;
const HAS_FILE = new Set<RecordingState>(['completed', 'downloading', 'saving', 'saved']);

/**
 * The one owner of the truth: PBX link, live calls, recordings in flight, the library.
 * The tray, the window, the CLI and the preview only send it commands and listen to its events.
 */
export class RecorderService extends EventEmitter<{ state: [RecorderState]; event: [RecorderEvent] }> {
  private readonly settings: RecorderSettings;
  private readonly client: OzekiClient;
  private readonly monitor: CallMonitor;
  private readonly downloads = new Agent({ keepAliveTimeout: 4000, connect: { timeout: 10_000 } });
  private readonly stopping = new AbortController();
  private readonly autoRule: AutoRecordRule;
  private journal: Journal | undefined;
  private readonly callbacks: CallbackServer;
  private calls: LiveCall[] = [];
  private seenCallIds = new Set<string>();
  private readonly starting = new Set<string>();
  private readonly progress = new Map<string, { bytes: number; total?: number }>();
  private readonly queue: string[] = [];
  private readonly working = new Set<string>();
  private readonly workers = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly retryAttempts = new Map<string, number>();
  private warnings: string[] = [];
  private stateTimer: NodeJS.Timeout | undefined;
  private callsHandled: Promise<void> = Promise.resolve();

  constructor(private readonly options: RecorderServiceOptions) {
    super();
    this.settings = options.settings;
    this.client = options.client;
    this.monitor = new CallMonitor(this.client, options.settings.pollIntervalMs);
    this.callbacks = new CallbackServer(options.settings, { pbxHost: this.client.baseUrl.hostname, dataDir: options.dataDir, dispatcher: this.downloads });
    const rule = parseAutoRecord(options.settings.autoRecord);
    this.autoRule = 'error' in rule ? { kind: 'none' } : rule;
    if ('error' in rule) this.warn(`Auto-record is off: ${rule.error}`);
  }

  // ---- life cycle ----

  async start(): Promise<void> {
    this.journal = await Journal.open(this.options.dataDir);
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
    // One poll's calls are handled after the previous poll's: auto-record never sees a call twice at once.
    this.monitor.on('calls', (calls) => {
      this.callsHandled = this.callsHandled
        .then(() => this.onCalls(calls))
        .catch((error: unknown) => this.warn(`The list of calls could not be processed: ${error instanceof Error ? error.message : String(error)}`));
    });
    for (const entry of this.journal.all()) this.resume(entry);
    this.monitor.start();
    this.every(this.options.folderCheckMs ?? 5000, () => void this.retryWaitingForFolder());
    this.changed();
  }

  /** Stops cleanly: no new work, downloads aborted (they resume at the next start), the journal flushed. */
  async stop(): Promise<void> {
    this.stopping.abort();
    for (const timer of this.timers) clearTimeout(timer);
    clearTimeout(this.stateTimer);
    await this.monitor.stop();
    await this.callbacks.stop();
    await Promise.allSettled([...this.workers]);
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
          status: entry.state === 'requested' ? 'starting' : isPaused(entry.segments) ? 'paused' : 'recording',
          ...(entry.ackAt === undefined ? {} : { since: entry.ackAt }),
          segments: entry.segments,
          keptMs: keptMs(entry.segments, elapsed),
        },
      };
    });
    const inFlight = entries
      .filter((e) => e.state !== 'saved' && !isRecordingNow(e))
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
        };
      });
    return {
      link: this.monitor.link,
      pbxUrl: this.client.displayUrl,
      usingDemoPbx: this.options.usingDemoPbx ?? false,
      calls,
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
        await this.client.record(callId, { format: entry.format, finishedUrl: this.callbacks.finishedUrl(entry.id, entry.secret) });
      } catch (error) {
        await journal.remove(entry.id);
        this.changed();
        const link = linkFromError(error);
        return { ok: false, message: `Could not start recording: ${link.message}` };
      }
      const ackAt = Date.now();
      await journal.update(entry.id, { state: 'recording', ackAt, segments: toggleSegments([], 0) });
      this.emitEvent({ type: 'recording-started', id: entry.id, callId, auto });
      this.changed();
      return { ok: true, status: 'recording', recordingId: entry.id };
    } finally {
      this.starting.delete(callId);
    }
  }

  // ---- calls ----

  private async onCalls(calls: LiveCall[]): Promise<void> {
    const journal = this.journal;
    if (!journal) return;
    const now = Date.now();
    const live = new Set(calls.map((c) => c.callId));
    for (const call of calls) {
      if (!this.seenCallIds.has(call.callId)) this.emitEvent({ type: 'call-seen', call });
    }
    for (const id of this.seenCallIds) if (!live.has(id)) this.emitEvent({ type: 'call-ended', callId: id });
    this.seenCallIds = live;
    this.calls = calls;
    // A recording whose call is gone: the PBX will now write the file. Wait for RecordCompleted, or call it missed.
    for (const entry of journal.all()) {
      if (isRecordingNow(entry) && !live.has(entry.callId)) {
        await journal.update(entry.id, { endedAt: now });
        this.scheduleMissed(entry.id, this.settings.missedAfterMs);
      }
    }
    const recorded = new Set(journal.all().map((e) => e.callId));
    for (const call of calls) {
      if (!recorded.has(call.callId) && shouldAutoRecord(this.autoRule, call)) {
        const result = await this.startRecording(call.callId, true);
        if (!result.ok) this.warn(`Auto-record of ${call.source} → ${call.destination} failed: ${result.message}`);
      }
    }
    this.changed();
  }

  private scheduleMissed(id: string, delayMs: number): void {
    this.after(delayMs, async () => {
      const entry = this.journal?.get(id);
      if (!entry || !ACTIVE.has(entry.state)) return;
      const message = 'The call ended but the PBX never said the recording was ready. Check that the PBX can reach this computer (see Test listener).';
      await this.journal?.update(id, { state: 'missed', failure: { kind: 'missed', message, retryable: false } });
      this.emitEvent({ type: 'recording-missed', id, callId: entry.callId });
      this.changed();
    });
  }

  // ---- notifications ----

  private onRecordCompleted(id: string, notification: RecordCompleted): void {
    void (async () => {
      const journal = this.requireJournal();
      const entry = journal.get(id);
      if (!entry) return;
      if (HAS_FILE.has(entry.state) || (entry.state === 'failed' && entry.recordUrl)) {
        this.emitEvent({ type: 'duplicate-notification', id });
        return;
      }
      // A late RecordCompleted rescues a recording marked missed.
      await journal.update(id, { state: 'completed', recordUrl: notification.recordUrl, endedAt: entry.endedAt ?? Date.now(), failure: undefined });
      this.emitEvent({ type: 'recording-completed', id, callId: entry.callId });
      this.enqueue(id);
      void this.monitor.refresh();
      this.changed();
    })();
  }

  // ---- saving ----

  /** Puts a failed or waiting recording back in the queue (the Retry button). */
  retry(id: string): { ok: boolean; message: string } {
    const entry = this.journal?.get(id);
    if (!entry) return { ok: false, message: 'No such recording.' };
    if (!entry.recordUrl) return { ok: false, message: 'The PBX has not sent this recording; there is nothing to fetch yet.' };
    if (entry.state === 'saved') return { ok: false, message: 'This recording is already saved.' };
    this.enqueue(id);
    return { ok: true, message: 'Trying again.' };
  }

  private resume(entry: JournalEntry): void {
    if (ACTIVE.has(entry.state) && entry.endedAt !== undefined) {
      this.scheduleMissed(entry.id, Math.max(0, entry.endedAt + this.settings.missedAfterMs - Date.now()));
    } else if (['completed', 'downloading', 'saving'].includes(entry.state) || (entry.state === 'failed' && entry.failure?.retryable)) {
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
      const worker = this.save(id).finally(() => {
        this.working.delete(id);
        this.workers.delete(worker);
        this.pump();
      });
      this.workers.add(worker);
    }
  }

  private async save(id: string): Promise<void> {
    const journal = this.requireJournal();
    const entry = journal.get(id);
    if (!entry?.recordUrl || entry.state === 'saved') return;
    let lastEmit = 0;
    try {
      const path = await saveRecording(id, {
        journal,
        settings: this.settings,
        pbxUrl: this.client.baseUrl,
        dispatcher: this.downloads,
        signal: this.stopping.signal,
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
      await this.fail(entry, error);
    }
  }

  private async fail(entry: Readonly<JournalEntry>, error: unknown): Promise<void> {
    const failure =
      error instanceof RecordingFailure
        ? error
        : error instanceof TrimError
          ? new RecordingFailure('damaged', `The recording from the PBX is damaged: ${error.message}`)
          : new RecordingFailure('network', `Saving failed: ${error instanceof Error ? error.message : String(error)}. It will be tried again.`);
    await this.journal?.update(entry.id, { state: 'failed', failure: { kind: failure.kind, message: failure.message, retryable: failure.retryable } });
    this.emitEvent({ type: 'recording-failed', id: entry.id, callId: entry.callId, message: failure.message, retryable: failure.retryable });
    this.changed();
    if (failure.kind === 'network') {
      const attempt = (this.retryAttempts.get(entry.id) ?? 0) + 1;
      this.retryAttempts.set(entry.id, attempt);
      const delay = this.options.retryDelayMs?.(attempt) ?? Math.min(300_000, 15_000 * 2 ** (attempt - 1));
      this.after(delay, () => this.enqueue(entry.id));
    }
  }

  private async retryWaitingForFolder(): Promise<void> {
    const waiting = (this.journal?.all() ?? []).filter((e) => e.state === 'failed' && e.failure?.kind === 'folder');
    if (waiting.length === 0) return;
    if (!(await checkFolder(this.settings.folder).then(() => true, () => false))) return;
    for (const entry of waiting) this.enqueue(entry.id);
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

  private after(ms: number, action: () => void | Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopping.signal.aborted) void action();
    }, ms);
    this.timers.add(timer);
  }

  private every(ms: number, action: () => void): void {
    const tick = () => {
      action();
      this.after(ms, tick);
    };
    this.after(ms, tick);
  }
}
