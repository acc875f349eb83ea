import type { LibraryItem } from './library.ts';
import { normalizeNumber } from './phone-number.ts';
import type { RecorderCore } from './recorder-core.ts';
import type { RetentionWaiting } from './state.ts';
import { confirmRetention, retentionConfirmed } from './retention-confirmation.ts';
import { moveToTrash, movedText, purgeTrash, recordingsOf, wouldMove, type MoveOutcome, type RetentionRule } from './retention.ts';
import { DAY_MS, TRASH_KEEP_DAYS, type TrashBin } from './trash.ts';

/** Where the user confirms the first sweep: the window's Settings, or `ozeki-recorder prune` (the CLI's run). */
export type RetentionConfirmedBy = 'settings' | 'prune';

const noMove: MoveOutcome = { moved: [], pinned: [], failed: [] };

/**
 * The recorder's part of retention and erasure (rules, moves and audit in retention.ts): the sweep at start, daily
 * (on the core's clock) and when the days or the folder change, which purges the trash folder's expired items and
 * moves expired recordings to the trash — once the folder's first dry run is confirmed (retention-confirmation.ts);
 * until then it only says what would go. Erasing a number's recordings needs no such confirmation: the user asks
 * for it with the list in front of them. One sweep or erasure runs at a time.
 */
export class RetentionSweep {
  private waitingNow: RetentionWaiting | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly core: RecorderCore,
    private readonly deps: { dataDir: string; trash: () => TrashBin; confirmedBy: RetentionConfirmedBy },
  ) {}

  /** The first sweep waiting for its dry run to be confirmed, if one is. */
  get waiting(): RetentionWaiting | undefined {
    return this.waitingNow;
  }

  /** Sweeps now, then every day until the service stops. */
  start(): void {
    this.sweepSoon();
    this.core.every(DAY_MS, 'retention sweep', async () => {
      await this.sweep();
    });
  }

  /** Sweeps in the background (the days or the folder changed). */
  sweepSoon(): void {
    this.core.tasks.run('retention sweep', () => this.sweep());
  }

  /** What a sweep keeping `days` days would move now (Settings shows it for the value typed); none for 0. */
  async preview(days: number): Promise<LibraryItem[]> {
    const folder = this.core.settings.folder;
    return folder && days > 0 ? recordingsOf(folder, { kind: 'age', days }, this.core.now()) : [];
  }

  /** Every saved recording of `number` as caller or callee, oldest first: what erase would move. */
  async ofNumber(number: string): Promise<LibraryItem[]> {
    const folder = this.core.settings.folder;
    return folder ? recordingsOf(folder, { kind: 'number', number }, this.core.now()) : [];
  }

  /** The user saw the dry run and agrees: kept for this folder, and the sweep runs at once. */
  async confirm(): Promise<{ ok: boolean; message: string }> {
    const { folder, keepDays } = this.core.settings;
    if (!folder || keepDays === 0) return { ok: false, message: 'Keeping recordings for a number of days is off: there is nothing to confirm.' };
    await confirmRetention(this.deps.dataDir, folder, keepDays, this.core.now());
    const outcome = await this.sweep();
    return this.said(outcome);
  }

  /** Moves every recording of `number` (as caller or callee) to the trash, with an audit line each. */
  async erase(number: string): Promise<{ ok: boolean; message: string }> {
    const folder = this.core.settings.folder;
    if (normalizeNumber(number) === '') return { ok: false, message: 'Write the phone number whose recordings should be erased.' };
    if (!folder) return { ok: false, message: 'No recordings folder is set.' };
    const outcome = await this.serially(() => this.move(folder, { kind: 'number', number: number.trim() }));
    return this.said(outcome);
  }

  /** Runs one sweep after any under way; resolves with what it moved. */
  sweep(): Promise<MoveOutcome> {
    return this.serially(() => this.sweepOnce());
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async sweepOnce(): Promise<MoveOutcome> {
    const { folder, keepDays } = this.core.settings;
    if (!folder) return noMove;
    await purgeTrash(folder, this.deps.trash(), this.core.clock, TRASH_KEEP_DAYS);
    if (keepDays === 0) return this.wait(undefined);
    const rule: RetentionRule = { kind: 'age', days: keepDays };
    const expired = await recordingsOf(folder, rule, this.core.now());
    if (expired.length === 0) return this.wait(undefined);
    if (!(await retentionConfirmed(this.deps.dataDir, folder, keepDays))) {
      const message = `${wouldMove(expired.length)} ${expired.length === 1 ? 'It is' : 'They are'} older than ${keepDays} days. ${this.howToConfirm(folder, keepDays)}`;
      const before = this.waitingNow;
      this.wait({ count: expired.length, days: keepDays, message });
      if (before?.message !== message) this.core.warn({ kind: 'retention-waiting', message });
      return noMove;
    }
    this.wait(undefined);
    return this.move(folder, rule, expired);
  }

  private async move(folder: string, rule: RetentionRule, items?: LibraryItem[]): Promise<MoveOutcome> {
    const outcome = await moveToTrash({
      folder,
      trash: this.deps.trash(),
      clock: this.core.clock,
      rule,
      items: items ?? (await recordingsOf(folder, rule, this.core.now())),
    });
    if (outcome.moved.length > 0) {
      this.core.logger.info(`${movedText(outcome.moved.length)} (${rule.kind === 'age' ? `older than ${rule.days} days` : 'erasure of a number'})`);
      this.core.emit({ type: 'library-changed' });
    }
    const [first] = outcome.failed;
    if (first) {
      const n = outcome.failed.length;
      this.core.warn({
        kind: 'retention-failed',
        message: `${n === 1 ? '1 recording' : `${n} recordings`} could not be moved to the trash and ${n === 1 ? 'stays' : 'stay'} in the folder.`,
        detail: first.message,
      });
    }
    return outcome;
  }

  /**
   * Where this recorder's confirmation is read from: the window's Settings, or prune with this data folder (prune
   * keeps its confirmation in the data folder it is given; another one is never read by this recorder).
   */
  private howToConfirm(folder: string, keepDays: number): string {
    if (this.deps.confirmedBy === 'settings') return 'Nothing is moved until you confirm it in Settings.';
    const quoted = (path: string) => JSON.stringify(path);
    return `Nothing is moved until you confirm it: ozeki-recorder prune --folder ${quoted(folder)} --keep-days ${keepDays} --data-dir ${quoted(this.deps.dataDir)} (with --dry-run first to see the list).`;
  }

  private wait(waiting: RetentionWaiting | undefined): MoveOutcome {
    if (waiting?.message !== this.waitingNow?.message) {
      this.waitingNow = waiting;
      this.core.changed();
    }
    return noMove;
  }

  private said(outcome: MoveOutcome): { ok: boolean; message: string } {
    const failed = outcome.failed.length;
    return {
      ok: failed === 0,
      message: failed === 0 ? movedText(outcome.moved.length) : `${movedText(outcome.moved.length)} ${failed} could not be moved and stay in the folder.`,
    };
  }
}
