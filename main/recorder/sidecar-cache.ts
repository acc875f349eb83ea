import { stat } from 'node:fs/promises';
import type { Sidecar } from './sidecar.ts';

/**
 * A file changed this recently (or stamped in the future, by a file server whose clock runs ahead) is read again
 * even when its size and time look unchanged: a file system with coarse times (FAT's 2 s, some network shares)
 * gives a rewrite within the same tick the same time, and a note of the same length the same size.
 */
const SETTLING_MS = 2000;

interface Cached {
  size: bigint;
  mtimeNs: bigint;
  /** Undefined: the file is no sidecar (a claim's placeholder, a foreign .json). */
  sidecar: Sidecar | undefined;
}

/**
 * The sidecars of one recordings folder as last read, by path, each with the size and the nanosecond time of the
 * file it was read from: a listing reads only the sidecars that changed and looks at the rest with a stat. Another
 * desk may write the shared folder at any time, so an entry is used only while its file has the same size and
 * time, and that time is older than SETTLING_MS. It holds the parsed fields only, never audio.
 */
export class SidecarCache {
  private readonly entries = new Map<string, Cached>();

  constructor(
    /** The wall clock, which the file times are compared with (not the recorder's clock: they come from the disk). */
    private readonly now: () => number = Date.now,
  ) {}

  /** The sidecar at `path`, from the cache when its file is unchanged, else from `load`; undefined when it is gone. */
  async read(path: string, load: (path: string) => Promise<Sidecar | undefined>): Promise<Sidecar | undefined> {
    // The time is taken before the read: a write in between leaves a newer time on disk, and the next listing reads again.
    const stats = await stat(path, { bigint: true }).catch(() => undefined);
    if (!stats) {
      this.entries.delete(path);
      return undefined;
    }
    const cached = this.entries.get(path);
    const settled = Number(stats.mtimeMs) < this.now() - SETTLING_MS;
    if (cached && settled && cached.size === stats.size && cached.mtimeNs === stats.mtimeNs) return cached.sidecar;
    const sidecar = await load(path);
    this.entries.set(path, { size: stats.size, mtimeNs: stats.mtimeNs, sidecar });
    return sidecar;
  }

  /** Forgets every file but `paths` (those a listing found): a deleted recording leaves the cache with its file. */
  keepOnly(paths: ReadonlySet<string>): void {
    for (const path of this.entries.keys()) if (!paths.has(path)) this.entries.delete(path);
  }
}
