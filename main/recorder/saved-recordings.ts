import type { Clock } from './clock.ts';
import { RecordingFailure } from './errors.ts';
import { libraryByCall, type LibraryCall } from './library-calls.ts';
import { scanLibrary, searchLibrary, trashRecording, updateSidecar, type LibraryItem } from './library.ts';
import { SidecarCache } from './sidecar-cache.ts';
import type { TrashBin } from './trash.ts';

/**
 * The saved recordings as the UIs see them: the folder's sidecars (library.ts), found by their path relative to
 * the folder — the UI never hands the recorder an absolute path. Every change is announced (`onChange`).
 */
export class SavedRecordings {
  /** The sidecars of the folder in use as last read (a new folder starts a new cache). */
  private cache: { folder: string; sidecars: SidecarCache } | undefined;

  constructor(
    /** The recordings folder, read at each call: it may change while the recorder runs. */
    private readonly folder: () => string,
    private readonly onChange: () => void,
    /** Where a recording deleted from `folder` goes (a trash folder belongs to its recordings folder). */
    private readonly trashOf: (folder: string) => TrashBin,
    /** This computer's clock, which tells when a sidecar read before may be trusted again (sidecar-cache.ts). */
    private readonly clock: Pick<Clock, 'now'>,
  ) {}

  /** The recordings folder in use now ('' when none is set). */
  get folderInUse(): string {
    return this.folder();
  }

  /** Every saved recording, newest first; those matching `query` when one is given. */
  async list(query = ''): Promise<LibraryItem[]> {
    const folder = this.folder();
    if (!folder) return [];
    const items = await this.scan(folder);
    return query.trim() ? searchLibrary(items, query) : items;
  }

  /**
   * The library by PBX call (library-calls.ts): a call several desks recorded is one item with every desk that
   * saved it; `desk` keeps the calls that desk saved. What the window and the CLI list.
   */
  async calls(query = '', filter: { desk?: string } = {}): Promise<LibraryCall[]> {
    const folder = this.folder();
    if (!folder) return [];
    const all = await this.scan(folder);
    return libraryByCall(query.trim() ? searchLibrary(all, query) : all, all, filter.desk);
  }

  /** The library of `folder`, reading only the sidecars that changed since the last listing. */
  private scan(folder: string): Promise<LibraryItem[]> {
    if (this.cache?.folder !== folder) this.cache = { folder, sidecars: new SidecarCache(this.clock) };
    return scanLibrary(folder, this.cache.sidecars);
  }

  async item(relativePath: string): Promise<LibraryItem> {
    const item = (await this.list()).find((i) => i.relativePath === relativePath);
    if (!item) throw new RecordingFailure('gone', 'That recording is no longer in the folder.');
    return item;
  }

  async setNote(relativePath: string, note: string): Promise<void> {
    await updateSidecar((await this.item(relativePath)).path, { note: note.slice(0, 2000) });
    this.onChange();
  }

  async setPinned(relativePath: string, pinned: boolean): Promise<void> {
    await updateSidecar((await this.item(relativePath)).path, { pinned });
    this.onChange();
  }

  /**
   * Moves the recording at `path` (absolute, found in `folder` when the delete was asked for) and its sidecar to
   * that folder's trash: a deletion that can be undone from there. The folder in use may have changed since; the
   * recording that was deleted is the one moved, never one of the same name in the new folder.
   */
  async trash(recording: { folder: string; path: string }): Promise<void> {
    await trashRecording(this.trashOf(recording.folder), recording.path);
    this.onChange();
  }
}
