import { BackgroundTasks } from './background.ts';
import type { Clock } from './clock.ts';
import type { Journal, JournalEntry } from './journal.ts';
import { moveRecording, type LifeEvent } from './lifecycle.ts';
import type { Logger } from './logger.ts';
import type { RecorderSettings } from './settings.ts';
import type { RecorderEvent, RecorderWarning, WarningNotice } from './state.ts';
import { warningText } from './warning-text.ts';

/**
 * How many warnings of one kind are kept for the UIs (the newest): a burst of one kind (a caller hammering the
 * listener, a call auto-record keeps failing on) does not push a warning of another kind out of sight.
 */
const KEPT_PER_KIND = 5;

/** How the core reaches the RecorderService's listeners. */
export interface CoreOutlets {
  /** Tells the UIs something happened. */
  event(event: RecorderEvent): void;
  /** The state changed: the UIs get a new snapshot soon. */
  changed(): void;
}

/**
 * What every part of the RecorderService shares (the save queue, the toggle, call reconciliation): the journal,
 * the settings, the logger, the clock (every moment and timer of the service comes from it), background tasks and
 * timers that end with the service, the warnings shown to the user, and `move`, the one way a recording's state
 * changes (by the life-cycle table, logged with its id).
 */
export class RecorderCore {
  /** Aborted when the service stops: a Record, a download or a timer in flight gives up. */
  readonly stopping = new AbortController();
  readonly tasks: BackgroundTasks;
  /** Read at the moment of use, never kept: settings that apply live replace this. */
  settings: RecorderSettings;
  private openJournal: Journal | undefined;
  /** Cancels the timers not fired yet. */
  private readonly timers = new Set<() => void>();
  private recentWarnings: RecorderWarning[] = [];

  constructor(
    settings: RecorderSettings,
    readonly logger: Logger,
    readonly clock: Clock,
    private readonly outlets: CoreOutlets,
  ) {
    this.settings = settings;
    this.tasks = new BackgroundTasks(logger);
  }

  /** The moment, on the service's clock (epoch ms). */
  now(): number {
    return this.clock.now();
  }

  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** The journal, once the service has opened it. */
  get journal(): Journal {
    if (!this.openJournal) throw new Error('The recorder has not started.');
    return this.openJournal;
  }

  /** Every journaled recording; none before the service started. */
  entries(): readonly Readonly<JournalEntry>[] {
    return this.openJournal?.all() ?? [];
  }

  /** Hands over the opened journal at start; its warnings are shown. */
  useJournal(journal: Journal): void {
    this.openJournal = journal;
    for (const warning of journal.warnings) this.warn(warning);
  }

  /** The service stops: what is in flight gives up, no timer fires any more. */
  abort(): void {
    this.stopping.abort();
    for (const cancel of this.timers) cancel();
    this.timers.clear();
  }

  /** Flushes and closes the journal (the service has stopped). */
  async closeJournal(): Promise<void> {
    await this.openJournal?.close();
  }

  /** Changes a recording's state by the life-cycle table; a move the table refuses is logged and skipped. */
  async move(id: string, event: LifeEvent, change: Partial<Omit<JournalEntry, 'id' | 'state'>> = {}): Promise<Readonly<JournalEntry> | undefined> {
    const moved = await moveRecording(this.journal, id, event, change);
    if (moved.ok) {
      this.logger.info(`Recording ${id}: ${event} → ${moved.entry.state}.`);
      return moved.entry;
    }
    this.logger.warn(`Recording ${id}: ${moved.reason}.`);
    return undefined;
  }

  /**
   * Ends a recording whose file is of no use before it is saved (the life cycle's `discarded`): its call was never
   * answered, or its announcement failed and the settings say not to record. Nothing goes into the folder; the
   * journal keeps why (its failure, and `notSavedBecause`), the log and the UIs are told in `message` — once: a
   * recording a late RecordCompleted brought back and discarded again for the same reason is not told again (no
   * second toast, no second notification). False when the table refuses.
   */
  async discard(id: string, message: string, change: Partial<Omit<JournalEntry, 'id' | 'state'>> = {}): Promise<boolean> {
    const told = this.openJournal?.get(id)?.notSavedBecause === message;
    const entry = await this.move(id, 'discarded', { ...change, failure: { kind: 'refused', message, retryable: false }, notSavedBecause: message });
    if (!entry) return false;
    this.logger.info(`Recording ${id} for call ${entry.callId} is not saved: ${message}${told ? ' (as it was told before)' : ''}`);
    if (!told) this.emit({ type: 'recording-not-saved', id, callId: entry.callId, message });
    this.changed();
    return true;
  }

  emit(event: RecorderEvent): void {
    this.outlets.event(event);
  }

  changed(): void {
    this.outlets.changed();
  }

  /** Shows the user a warning (the newest few of each kind are kept in the state), and logs it whole. */
  warn(notice: WarningNotice): void {
    this.logger.warn(warningText(notice));
    const kept = [...this.recentWarnings, { ...notice, at: this.now() }];
    const sameKind = kept.filter((warning) => warning.kind === notice.kind);
    const oldest = sameKind.length > KEPT_PER_KIND ? sameKind[0] : undefined;
    this.recentWarnings = kept.filter((warning) => warning !== oldest);
    this.emit({ type: 'warning', ...notice });
    this.changed();
  }

  /** Oldest first. */
  get warnings(): readonly RecorderWarning[] {
    return this.recentWarnings;
  }

  /** Runs `action` as a background task after `ms`, unless the service stops first. */
  after(ms: number, name: string, action: () => unknown): void {
    if (this.stopped) return; // a repeating task that ends during stop must not set a timer nobody cancels
    const cancel = this.clock.after(ms, () => {
      this.timers.delete(cancel);
      if (!this.stopped) this.tasks.run(name, action);
    });
    this.timers.add(cancel);
  }

  /** Runs `action` every `ms` (counted from the end of the last run) until the service stops. */
  every(ms: number, name: string, action: () => Promise<void>): void {
    this.after(ms, name, async () => {
      try {
        await action();
      } finally {
        this.every(ms, name, action);
      }
    });
  }
}
