import { open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordFormat } from '../ozeki/client.ts';
import type { AnnouncementRecord } from './announcement.ts';
import { DATA_FILES, PRIVATE_FILE_MODE, preparePrivateDataDir } from './data-dir.ts';
import { lockDataDir, type DataDirLock, type LockOptions } from './data-dir-lock.ts';
import { parseJournalLine, type JournalLine } from './journal-schema.ts';
import type { KeptSegment } from './segments.ts';
import type { RecordingFailureView, RecordingState, WarningNotice } from './state.ts';

/** One recording the user asked for, from the first press until its file is in the folder. */
export interface JournalEntry {
  id: string;
  /** Part of this recording's FinishedURL; only the PBX we gave it to knows it. */
  secret: string;
  callId: string;
  call: { source: string; destination: string; callerId: string; startTime: string };
  format: RecordFormat;
  state: RecordingState;
  requestedAt: number;
  /** When the PBX acknowledged Record: offset 0 of the kept segments. */
  ackAt?: number;
  /** Started by the auto-record setting, not by a press of the user's. */
  auto?: boolean;
  /**
   * Record was acknowledged while the call still rang: the kept segments are moved to start where the call was
   * answered, once a poll shows it answered (the ringing is no part of the conversation kept).
   */
  keptFromAnswer?: boolean;
  /** When the call was seen to end. */
  endedAt?: number;
  segments: KeptSegment[];
  recordUrl?: string;
  downloadedBytes?: number;
  totalBytes?: number;
  failure?: RecordingFailureView;
  /**
   * Why the user was told this recording is not saved (RecorderCore.discard): a late RecordCompleted brings it back
   * to be saved, and a second discard for the same reason is not told again.
   */
  notSavedBecause?: string;
  /** The final file name, journaled before the file is created (intent, then act). */
  claimedPath?: string;
  /** The size of the file to be created at claimedPath (its sha256 is `sha256`): how a restart recognises it. */
  claimedBytes?: number;
  savedPath?: string;
  /** The finished file kept on this computer (the local queue) while the folder cannot be reached. */
  queuedPath?: string;
  sha256?: string;
  /** Whether and how the call is announced as recorded (announcement.ts); absent when announcements were off. */
  announcement?: AnnouncementRecord;
  updatedAt: number;
}

/** Entries the journal forgets when it is rewritten: their story is over (a saved one's sidecar is in the folder). */
const FINISHED = new Set<RecordingState>(['saved', 'dismissed']);

/**
 * The crash-safe record of every recording in flight: an append-only log of JSON lines in the data folder, which
 * it owns (a lock file: one process at a time). Each change appends the entry's new state and is fsynced before
 * `put` resolves (changes that arrive together share one fsync).
 *
 * Opening reads the last line of each entry, checked against the entry schema (journal-schema.ts), and rewrites
 * the log compactly (temp file, fsync, rename), leaving out saved and dismissed entries: a duplicate RecordCompleted
 * for one of those is then refused (403), which is harmless, and their secrets leave the disk. Lines that cannot be
 * read are never dropped: they are appended to `journal.rejected` before the rewrite. A damaged complete line is
 * counted in `rejectedCount` and reported in `warnings`; a torn last line (no newline: a crash mid-write, whose
 * write was never acknowledged) is set aside the same way but not reported, as it is the expected trace of a crash.
 */
export class Journal {
  private readonly entries = new Map<string, JournalEntry>();
  private pending: { id: string; entry: JournalEntry | undefined; line: string; done: () => void; failed: (e: unknown) => void }[] = [];
  /**
   * Each entry as the journal file holds it (undefined: not in the file). A write that fails puts its entries back
   * to this, so what is read in memory never runs ahead of the disk: a notification answered 503 is not taken for
   * a duplicate when the PBX sends it again.
   */
  private readonly durable = new Map<string, JournalEntry | undefined>();
  private flushing: Promise<void> | undefined;
  private file: FileHandle | undefined;
  private readonly path: string;
  private setAside = 0;
  /** What the user should hear about the data folder: damaged lines set aside, files that could not be made private. */
  readonly warnings: WarningNotice[] = [];

  private constructor(
    private readonly dataDir: string,
    private readonly lock: DataDirLock,
    /** The moment an entry is written (its updatedAt). */
    private readonly now: () => number,
  ) {
    this.path = join(dataDir, DATA_FILES.journal);
  }

  /** Opens the journal of a data folder, created private (0700) if missing; throws DataDirBusy if another process has it. */
  static async open(dataDir: string, options: LockOptions & { now?: () => number } = {}): Promise<Journal> {
    const warnings = await preparePrivateDataDir(dataDir);
    const journal = new Journal(dataDir, await lockDataDir(dataDir, options), options.now ?? Date.now);
    journal.warnings.push(...warnings);
    try {
      await journal.load();
      return journal;
    } catch (error) {
      await journal.close();
      throw error;
    }
  }

  /** Complete lines that could not be read at open and were set aside in journal.rejected. */
  get rejectedCount(): number {
    return this.setAside;
  }

  // Entries are handed out as stored, read-only: changes go through update().
  all(): readonly Readonly<JournalEntry>[] {
    return [...this.entries.values()];
  }

  get(id: string): Readonly<JournalEntry> | undefined {
    return this.entries.get(id);
  }

  /** Writes a new entry; resolves once it is on disk. */
  create(entry: JournalEntry): Promise<void> {
    const stored = { ...structuredClone(entry), updatedAt: this.now() };
    this.entries.set(entry.id, stored);
    return this.append(stored);
  }

  /**
   * Changes an entry: the change is merged into its current state at the moment of the call, never into a copy
   * read before an await, so two writers cannot undo each other. Resolves with the new state once it is on disk.
   */
  async update(id: string, change: Partial<Omit<JournalEntry, 'id'>>): Promise<Readonly<JournalEntry>> {
    const current = this.entries.get(id);
    if (!current) throw new Error(`No recording ${id} in the journal.`);
    const next: JournalEntry = { ...current, ...structuredClone(change), updatedAt: this.now() };
    this.entries.set(id, next);
    await this.append(next);
    return next;
  }

  /** Forgets an entry (a Record the PBX refused: nothing was ever recorded). */
  remove(id: string): Promise<void> {
    this.entries.delete(id);
    return this.append({ id, removed: true });
  }

  /** Resolves once every change made so far is on disk (fsynced). */
  async flushed(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Flushes what is pending, closes the file and gives the data folder up. */
  async close(): Promise<void> {
    try {
      await this.flushed();
      await this.file?.close();
      this.file = undefined;
    } finally {
      this.lock.release();
    }
  }

  private async load(): Promise<void> {
    const bytes = await readFile(this.path).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
      throw error;
    });
    const { lines, unreadable } = splitLines(bytes);
    for (const line of lines) {
      if ('removed' in line) this.entries.delete(line.id);
      else this.entries.set(line.id, line);
    }
    if (unreadable.length > 0) {
      // Set aside (and on disk) before the rewrite below leaves them out.
      await appendPrivate(
        join(this.dataDir, DATA_FILES.rejected),
        unreadable.map((u) => u.bytes),
      );
      const n = (this.setAside = unreadable.filter((u) => u.complete).length);
      if (n > 0) {
        this.warnings.push({
          kind: 'journal-damaged',
          message: `Ozeki Recorder found ${n === 1 ? '1 damaged line' : `${n} damaged lines`} in its records and set ${n === 1 ? 'it' : 'them'} aside.`,
          detail: `The journal had ${n === 1 ? '1 line' : `${n} lines`} that could not be read; ${n === 1 ? 'it is' : 'they are'} in ${join(this.dataDir, DATA_FILES.rejected)}.`,
        });
      }
    }
    for (const [id, entry] of this.entries) if (FINISHED.has(entry.state)) this.entries.delete(id);
    await this.compact();
    for (const [id, entry] of this.entries) this.durable.set(id, entry);
  }

  private async compact(): Promise<void> {
    const temp = join(this.dataDir, DATA_FILES.journalTemp);
    const out = await open(temp, 'w', PRIVATE_FILE_MODE);
    try {
      await out.writeFile([...this.entries.values()].map((e) => `${JSON.stringify(e)}\n`).join(''));
      await out.sync();
    } finally {
      await out.close();
    }
    await rename(temp, this.path);
    // The appends that follow are fsynced into the new file; until the folder itself is synced, a power cut may
    // bring back the old name → old file, and with it lose those acknowledged appends.
    await syncDir(this.dataDir);
    this.file = await open(this.path, 'a', PRIVATE_FILE_MODE);
  }

  private append(line: JournalLine): Promise<void> {
    if (!this.file) {
      this.restore([line.id]);
      return Promise.reject(new Error('The journal is closed.'));
    }
    return new Promise((done, failed) => {
      this.pending.push({ id: line.id, entry: 'removed' in line ? undefined : line, line: `${JSON.stringify(line)}\n`, done, failed });
      this.flushing ??= this.flush();
    });
  }

  /** Puts entries whose write failed back to what the file holds, unless a later write of theirs is still to come. */
  private restore(ids: string[]): void {
    for (const id of new Set(ids)) {
      if (this.pending.some((p) => p.id === id)) continue;
      const onDisk = this.durable.get(id);
      if (onDisk) this.entries.set(id, onDisk);
      else this.entries.delete(id);
    }
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        if (!this.file) throw new Error('The journal is closed.');
        await this.file.write(batch.map((p) => p.line).join(''));
        await this.file.sync();
        for (const p of batch) {
          this.durable.set(p.id, p.entry);
          p.done();
        }
      } catch (error) {
        this.restore(batch.map((p) => p.id));
        for (const p of batch) p.failed(error);
      }
    }
    this.flushing = undefined;
  }
}

/**
 * The journal's lines, in order, that are JSON and pass the schema; and the raw bytes of every other non-blank line,
 * `complete` when it ended with a newline (the last line may be torn by a crash mid-write).
 */
function splitLines(bytes: Buffer): { lines: JournalLine[]; unreadable: { bytes: Buffer; complete: boolean }[] } {
  const lines: JournalLine[] = [];
  const unreadable: { bytes: Buffer; complete: boolean }[] = [];
  for (let start = 0; start < bytes.length;) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    const raw = bytes.subarray(start, end);
    start = end + 1;
    const text = raw.toString('utf8');
    if (text.trim() === '') continue;
    const line = parseJournalLine(text);
    if (line) lines.push(line);
    else unreadable.push({ bytes: raw, complete: newline !== -1 });
  }
  return { lines, unreadable };
}

/** Appends lines to a private (0600) file and fsyncs it. */
async function appendPrivate(path: string, lines: Buffer[]): Promise<void> {
  const file = await open(path, 'a', PRIVATE_FILE_MODE);
  try {
    await file.writeFile(Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')])));
    await file.sync();
  } finally {
    await file.close();
  }
}

/** fsyncs a folder, so a rename in it survives a power cut. Windows cannot open a folder for this (NTFS journals renames itself). */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
