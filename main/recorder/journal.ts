import { mkdir, open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordFormat } from '../ozeki/client.ts';
import type { KeptSegment } from './segments.ts';
import type { RecordingFailureView, RecordingState } from './state.ts';

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
  /** When the call was seen to end. */
  endedAt?: number;
  segments: KeptSegment[];
  recordUrl?: string;
  downloadedBytes?: number;
  totalBytes?: number;
  failure?: RecordingFailureView;
  /** The final file name, journaled before the file is created (intent, then act). */
  claimedPath?: string;
  savedPath?: string;
  sha256?: string;
  updatedAt: number;
}

type Line = JournalEntry | { id: string; removed: true };

const FILE = 'journal.jsonl';
/** Saved entries are kept this long, so a late duplicate RecordCompleted is still known. */
const KEEP_SAVED_MS = 7 * 24 * 3600_000;

/**
 * The crash-safe record of every recording in flight: an append-only log of JSON lines in the data folder.
 * Each change appends the entry's new state and is fsynced before `put` resolves (changes that arrive together
 * share one fsync). Reading takes the last line of each entry and ignores a torn last line. Opening rewrites
 * the log compactly (temp file, fsync, rename).
 */
export class Journal {
  private readonly entries = new Map<string, JournalEntry>();
  private pending: { line: string; done: () => void; failed: (e: unknown) => void }[] = [];
  private flushing: Promise<void> | undefined;

  private constructor(
    private readonly path: string,
    private file: FileHandle | undefined,
  ) {}

  static async open(dataDir: string): Promise<Journal> {
    await mkdir(dataDir, { recursive: true });
    const path = join(dataDir, FILE);
    const journal = new Journal(path, undefined);
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    for (const raw of text.split('\n')) {
      if (!raw.trim()) continue;
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch {
        continue; // a line torn by a crash mid-write
      }
      if (typeof line?.id !== 'string') continue;
      if ('removed' in line) journal.entries.delete(line.id);
      else journal.entries.set(line.id, line);
    }
    const now = Date.now();
    for (const [id, entry] of journal.entries) if (entry.state === 'saved' && now - entry.updatedAt > KEEP_SAVED_MS) journal.entries.delete(id);
    await journal.compact();
    return journal;
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
    const stored = { ...structuredClone(entry), updatedAt: Date.now() };
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
    const next: JournalEntry = { ...current, ...structuredClone(change), updatedAt: Date.now() };
    this.entries.set(id, next);
    await this.append(next);
    return next;
  }

  /** Forgets an entry (a Record the PBX refused: nothing was ever recorded). */
  remove(id: string): Promise<void> {
    this.entries.delete(id);
    return this.append({ id, removed: true });
  }

  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.file?.close();
    this.file = undefined;
  }

  private async compact(): Promise<void> {
    const temp = `${this.path}.tmp`;
    const out = await open(temp, 'w');
    await out.writeFile([...this.entries.values()].map((e) => `${JSON.stringify(e)}\n`).join(''));
    await out.sync();
    await out.close();
    await rename(temp, this.path);
    this.file = await open(this.path, 'a');
  }

  private append(line: Line): Promise<void> {
    return new Promise((done, failed) => {
      this.pending.push({ line: `${JSON.stringify(line)}\n`, done, failed });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        if (!this.file) throw new Error('The journal is closed.');
        await this.file.write(batch.map((p) => p.line).join(''));
        await this.file.sync();
        for (const p of batch) p.done();
      } catch (error) {
        for (const p of batch) p.failed(error);
      }
    }
    this.flushing = undefined;
  }
}
