import { RecordingFailure } from './errors.ts';
import { libraryByCall, type LibraryCall } from './library-calls.ts';
import { scanLibrary, searchLibrary, trashRecording, updateSidecar, type LibraryItem } from './library.ts';
import type { TrashBin } from './trash.ts';

/**
 * The saved recordings as the UIs see them: the folder's sidecars (library.ts), found by their path relative to
 * the folder — the UI never hands the recorder an absolute path. Every change is announced (`onChange`).
 */
export class SavedRecordings {
  constructor(
    /** The recordings folder, read at each call: it may change while the recorder runs. */
    private readonly folder: () => string,
    private readonly onChange: () => void,
    /** Where a deleted recording goes (read at each call, like the folder). */
    private readonly trash: () => TrashBin,
  ) {}

  /** Every saved recording, newest first; those matching `query` when one is given. */
  async list(query = ''): Promise<LibraryItem[]> {
    const folder = this.folder();
    if (!folder) return [];
    const items = await scanLibrary(folder);
    return query.trim() ? searchLibrary(items, query) : items;
  }

  /**
   * The library by PBX call (library-calls.ts): a call several desks recorded is one item with every desk that
   * saved it; `desk` keeps the calls that desk saved. What the window and the CLI list.
   */
  async calls(query = '', filter: { desk?: string } = {}): Promise<LibraryCall[]> {
    const folder = this.folder();
    if (!folder) return [];
    const all = await scanLibrary(folder);
    return libraryByCall(query.trim() ? searchLibrary(all, query) : all, all, filter.desk);
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

  /** Moves a recording and its sidecar to the trash: a deletion that can be undone from there. */
  async delete(relativePath: string): Promise<void> {
    await trashRecording(this.trash(), (await this.item(relativePath)).path);
    this.onChange();
  }
}
