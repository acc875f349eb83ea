import type { Dispatcher } from 'undici';
import { backoffDelay, SAVE_RETRY } from './backoff.ts';
import type { DownloadLimits } from './download-limits.ts';
import { thisDesk } from './desk.ts';
import { NEVER_ANSWERED } from './call-answered.ts';
import { asRecordingFailure } from './errors.ts';
import { checkFolder } from './folder.ts';
import { isSaving } from './lifecycle.ts';
import { moveQueued } from './local-queue.ts';
import type { DownloadProgress } from './project-state.ts';
import type { RecorderCore } from './recorder-core.ts';
import { cannotReach, namedIn, saveRecording } from './save-recording.ts';
import { discardWork } from './work-folder.ts';

/** Download progress reaches the UIs at most this often. */
const PROGRESS_EVERY_MS = 250;

/**
 * A state update at most every `ms`: the first at once, later ones at the end of their interval, so the last
 * progress before a download stalls is shown too.
 */
function everyAtMost(ms: number, core: RecorderCore, name: string): () => void {
  let last = -Infinity;
  let queued = false;
  const show = () => {
    queued = false;
    last = core.now();
    core.changed();
  };
  return () => {
    const wait = last + ms - core.now();
    if (wait <= 0) show();
    else if (!queued) {
      queued = true;
      core.after(wait, name, show);
    }
  };
}

export interface SaveQueueOptions {
  pbxUrl: URL;
  /** The downloads' connection pool (made at the first save). */
  dispatcher: () => Promise<Dispatcher>;
  /** Saves running at once. */
  concurrency: number;
  /** Pause before retrying a failed save, by attempt; undefined gives up. The shared SAVE_RETRY by default. */
  retryDelayMs?: (attempt: number) => number | undefined;
  /** How often a waiting folder is checked again (and whether recordings kept on this computer can be moved). */
  folderCheckMs: number;
  /** The local queue, where finished recordings wait while the folder cannot be reached (local-queue.ts). */
  queueDir?: string;
  downloadLimits?: Partial<Omit<DownloadLimits, 'maxBytes'>>;
  /** Whether recording `id` is being announced now (RecordToggle.isAnnouncing): its save waits until that is over. */
  announcing?: (id: string) => boolean;
  /**
   * Whether the PBX says call `callId` ended without being answered (call-answered.ts), asked before saving a
   * recording started while its call rang and never seen answered.
   */
  endedUnanswered?: (callId: string) => Promise<boolean>;
}

/**
 * Brings completed recordings into the folder (completed → downloading → saving → saved, see save-recording.ts),
 * a few at a time. A save that fails for a network problem is tried again with backoff; one that fails for the
 * folder (missing, full, read-only) waits until the folder is back — unless the folder cannot be reached and there
 * is a local queue: then the recording is kept on this computer (queued) and moved into the folder when it is back,
 * checked on a timer and before each save. The user's Retry and Dismiss end here too.
 */
export class SaveQueue {
  private readonly waiting: string[] = [];
  private readonly working = new Set<string>();
  private readonly attempts = new Map<string, number>();
  private readonly downloaded = new Map<string, DownloadProgress>();
  /** Recordings whose save waits for their announcement to be over (enqueued again then). */
  private readonly heldBack = new Set<string>();
  /** The pass moving queued recordings into the folder, while one runs: one at a time. */
  private moving: Promise<void> | undefined;

  constructor(
    private readonly core: RecorderCore,
    private readonly options: SaveQueueOptions,
  ) {}

  /** Download progress of the saves running now. */
  get progress(): ReadonlyMap<string, DownloadProgress> {
    return this.downloaded;
  }

  /** Moves recordings kept on this computer now, then checks every folderCheckMs whether a missing folder is back. */
  start(): void {
    this.core.tasks.run('Moving recordings kept on this computer', () => this.moveQueued());
    this.core.every(this.options.folderCheckMs, 'Checking the recordings folder', () => this.retryWaitingForFolder());
  }

  /**
   * Moves every recording kept on this computer into the folder, if it can be reached now (local-queue.ts). One
   * pass at a time: a call during a pass waits for it.
   */
  moveQueued(): Promise<void> {
    this.moving ??= this.moveAllQueued().finally(() => {
      this.moving = undefined;
    });
    return this.moving;
  }

  private async moveAllQueued(): Promise<void> {
    const { core } = this;
    const queued = core.entries().filter((e) => e.state === 'queued');
    if (queued.length === 0 || (await this.folderProblem()) !== undefined) return;
    for (const { id, callId } of queued) {
      if (core.stopped) return;
      try {
        const path = await moveQueued(id, {
          journal: core.journal,
          folder: core.settings.folder,
          fileNameTemplate: core.settings.fileNameTemplate,
          move: (event, change) => core.move(id, event, change),
          desk: thisDesk(core.settings.deskName),
          pausedParts: core.settings.pausedParts,
          clock: core.clock,
        });
        core.emit({ type: 'recording-saved', id, callId, path });
        core.emit({ type: 'library-changed' });
      } catch (error) {
        if (core.stopping.signal.aborted) return; // stopped mid-way: the journal says where to pick up
        const failure = asRecordingFailure(error);
        core.logger.warn(`Recording ${id} stays on this computer: ${failure.message}`);
        if (failure.kind === 'folder') return; // the folder went away again: the next check tries again
      } finally {
        core.changed();
      }
    }
  }

  /** Why the recordings folder cannot take a recording now; undefined when it can. */
  private folderProblem(): Promise<unknown> {
    return checkFolder(this.core.settings.folder).then(
      () => undefined,
      (error: unknown) => error,
    );
  }

  enqueue(id: string): void {
    if (this.core.stopped || this.waiting.includes(id) || this.working.has(id)) return;
    this.waiting.push(id);
    this.pump();
  }

  /** Puts a failed recording back in the queue (the Retry button), where that can help. */
  async retry(id: string): Promise<{ ok: boolean; message: string }> {
    const entry = this.core.journal.get(id);
    if (!entry) return { ok: false, message: 'No such recording.' };
    if (entry.state === 'saved') return { ok: false, message: 'This recording is already saved.' };
    if (!entry.recordUrl)
      return { ok: false, message: 'The PBX never sent this recording, so there is nothing to fetch. Dismiss it to clear it from the list.' };
    if (isSaving(entry.state)) return { ok: true, message: 'It is being saved now.' };
    if (!(await this.core.move(id, 'retried', { failure: undefined }))) return { ok: false, message: 'This recording cannot be tried again.' };
    this.attempts.delete(id);
    this.enqueue(id);
    this.core.changed();
    return { ok: true, message: 'Trying again.' };
  }

  /** Clears a failed or missed recording from the window and the tray (the journal keeps the fact until compaction). */
  async dismiss(id: string): Promise<{ ok: boolean; message: string }> {
    const entry = this.core.journal.get(id);
    if (!entry) return { ok: false, message: 'No such recording.' };
    if (!(await this.core.move(id, 'dismissed'))) return { ok: false, message: 'Only a failed or missed recording can be dismissed.' };
    this.attempts.delete(id);
    const folder = this.core.settings.folder;
    if (folder) await discardWork(folder, id); // its download is of no use any more
    this.core.emit({ type: 'recording-dismissed', id, callId: entry.callId });
    this.core.changed();
    return { ok: true, message: 'Dismissed.' };
  }

  private pump(): void {
    while (this.working.size < this.options.concurrency && this.waiting.length > 0 && !this.core.stopped) {
      const id = this.waiting.shift() as string;
      this.working.add(id);
      this.core.tasks.run(`Saving recording ${id}`, () =>
        this.save(id).finally(() => {
          this.working.delete(id);
          // Its announcement may have ended while this save was finding it held back: its enqueue found it working.
          if (this.heldBack.has(id) && !this.options.announcing?.(id)) this.enqueue(id);
          this.pump();
        }),
      );
    }
  }

  private async save(id: string): Promise<void> {
    const { core } = this;
    await this.moveQueued(); // those kept on this computer go first, in the order they were made
    const entry = core.journal.get(id);
    if (!entry?.recordUrl || entry.state === 'saved' || entry.state === 'queued' || entry.state === 'dismissed') return;
    if (this.options.announcing?.(id)) {
      this.heldBack.add(id); // the call ended while it was announced: whether it may be saved is not known yet
      return;
    }
    this.heldBack.delete(id);
    if (entry.announcement?.notRecorded) return this.notRecorded(id, entry.failure?.message);
    if (entry.keptFromAnswer && (await this.options.endedUnanswered?.(entry.callId))) {
      // Recorded while it rang, and the PBX says nobody ever answered: nothing was said, so nothing is kept.
      if (!core.stopped) await core.discard(id, NEVER_ANSWERED);
      return;
    }
    const showProgress = everyAtMost(PROGRESS_EVERY_MS, core, `Showing the progress of recording ${id}`);
    try {
      const { path, queued } = await saveRecording(id, {
        journal: core.journal,
        settings: core.settings,
        desk: thisDesk(core.settings.deskName),
        ...(this.options.queueDir ? { queueDir: this.options.queueDir } : {}),
        pbxUrl: this.options.pbxUrl,
        dispatcher: await this.options.dispatcher(),
        signal: core.stopping.signal,
        clock: core.clock,
        ...(this.options.downloadLimits ? { limits: this.options.downloadLimits } : {}),
        move: (event, change) => core.move(id, event, change),
        onStep: () => core.changed(),
        onRetry: (delayMs, problem) => core.logger.info(`Recording ${id}: the download is tried again in ${delayMs} ms (${problem}).`),
        onProgress: (bytes, total) => {
          this.downloaded.set(id, { bytes, ...(total === undefined ? {} : { total }) });
          showProgress();
        },
      });
      this.downloaded.delete(id);
      this.attempts.delete(id);
      if (queued) core.emit({ type: 'recording-queued', id, callId: entry.callId, path, folder: core.settings.folder });
      else {
        core.emit({ type: 'recording-saved', id, callId: entry.callId, path });
        core.emit({ type: 'library-changed' });
      }
      core.changed();
    } catch (error) {
      if (core.stopped) return; // stopped mid-way: the journal says where to pick up
      await this.fail(id, error);
    }
  }

  /**
   * A recording whose announcement failed after its call ended, with the settings saying not to record then: it is
   * not saved (its file stays on the PBX, whose RecordCompleted was answered) and leaves the list, as one whose
   * announcement failed before the call ended does (RecordToggle). Its failure says why in the journal.
   */
  private async notRecorded(id: string, message = 'Not saved, because the call could not be announced.'): Promise<void> {
    await this.core.discard(id, message);
  }

  /**
   * Records why a save failed. Only known transient failures are tried again by themselves: a network problem
   * with backoff (until the policy gives up), a folder problem when the folder is back (retryWaitingForFolder).
   */
  private async fail(id: string, error: unknown): Promise<void> {
    const failure = asRecordingFailure(error);
    if (failure.kind === 'internal') this.core.logger.error(`Saving recording ${id} failed unexpectedly`, error);
    else this.core.logger.warn(`Saving recording ${id} failed (${failure.kind}): ${failure.message}`);
    let message = failure.message;
    let retryAt: number | undefined;
    if (failure.kind === 'network') {
      const attempt = (this.attempts.get(id) ?? 0) + 1;
      this.attempts.set(id, attempt);
      retryAt = this.options.retryDelayMs ? this.options.retryDelayMs(attempt) : backoffDelay(SAVE_RETRY, attempt);
      if (retryAt === undefined) message = `${message.replace(/ It will be tried again\.$/, '')} Gave up after ${attempt} tries; press Retry to try again.`;
    }
    const entry = await this.core.move(id, 'failed', {
      failure: { kind: failure.kind, message, retryable: retryAt !== undefined || failure.kind === 'folder' },
    });
    if (!entry) return;
    this.core.emit({ type: 'recording-failed', id, callId: entry.callId, message, retryable: entry.failure?.retryable ?? false });
    this.core.changed();
    if (retryAt !== undefined) {
      this.core.logger.info(`Recording ${id}: saving is tried again in ${retryAt} ms.`);
      this.core.after(retryAt, `Retrying recording ${id}`, () => this.enqueue(id));
    }
  }

  private async retryWaitingForFolder(): Promise<void> {
    await this.moveQueued();
    const waiting = this.core.entries().filter((e) => e.state === 'failed' && e.failure?.kind === 'folder');
    if (waiting.length === 0) return;
    const problem = await this.folderProblem();
    // A recording waiting for a folder that cannot be reached is kept on this computer at its next try, unless it
    // already named its file in the folder (saveRecording waits for the folder then).
    const queueable = this.options.queueDir !== undefined && problem !== undefined && cannotReach(problem);
    for (const entry of waiting) {
      if (problem === undefined || (queueable && !namedIn(entry, this.core.settings.folder))) this.enqueue(entry.id);
    }
  }
}
