import { stat } from 'node:fs/promises';
import type { Clock } from './clock.ts';
import type { Sidecar } from './sidecar.ts';

/**
 * How long after a file's (size, time) pair is first seen another write may still leave the same pair: a file
 * system with coarse times (FAT's 2 s, some network shares) gives a rewrite within the same tick the same time, and
 * a note of the same length the same size. A read begun this long after the pair was first seen holds the last
 * write that pair stands for.
 */
const SETTLING_MS = 2000;

interface Cached {
  size: bigint;
  mtimeNs: bigint;
  /** When this (size, time) pair was first seen, on this computer's clock. */
  firstSeenAt: number;
  /** When the file was last read for it (the moment its stat was taken, before the read), on this computer's clock. */
  readAt: number;
  /** Undefined: the file is no sidecar (a claim's placeholder, a foreign .json). */
  sidecar: Sidecar | undefined;
}

/**
 * The sidecars of one recordings folder as last read, by path, each with the size and the nanosecond time of the
 * file it was read from: a listing reads only the sidecars that changed and looks at the rest with a stat. Another
 * desk may write the shared folder at any time, so an entry is used only while its file has the same size and time,
 * and only once it was read at least SETTLING_MS after that pair was first seen. Both moments come from this
 * computer's clock: the file's time comes from the file server's, which may run behind or ahead, so it is compared
 * with nothing but itself. It holds the parsed fields only, never audio.
 */
export class SidecarCache {
  private readonly entries = new Map<string, Cached>();

  constructor(private readonly clock: Pick<Clock, 'now'>) {}

  /** The sidecar at `path`, from the cache when its file is unchanged and settled, else from `load`; undefined when it is gone. */
  async read(path: string, load: (path: string) => Promise<Sidecar | undefined>): Promise<Sidecar | undefined> {
    // The time is taken before the read: a write in between leaves a newer time on disk, and the next listing reads again.
    const stats = await stat(path, { bigint: true }).catch(() => undefined);
    const now = this.clock.now();
    if (!stats) {
      this.entries.delete(path);
      return undefined;
    }
    const cached = this.entries.get(path);
    const samePair = cached !== undefined && cached.size === stats.size && cached.mtimeNs === stats.mtimeNs;
    if (samePair && cached.readAt - cached.firstSeenAt >= SETTLING_MS) return cached.sidecar;
    const sidecar = await load(path);
    this.entries.set(path, { size: stats.size, mtimeNs: stats.mtimeNs, firstSeenAt: samePair ? cached.firstSeenAt : now, readAt: now, sidecar });
    return sidecar;
  }

  /** Forgets every file but `paths` (those a listing found): a deleted recording leaves the cache with its file. */
  keepOnly(paths: ReadonlySet<string>): void {
    for (const path of this.entries.keys()) if (!paths.has(path)) this.entries.delete(path);
  }
}
