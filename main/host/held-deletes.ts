import { randomUUID } from 'node:crypto';
import type { Clock } from '../recorder/clock.ts';
import type { Logger } from '../recorder/logger.ts';

/** How long the window offers Undo after a delete (its toast). */
export const UNDO_WINDOW_MS = 10_000;
/**
 * How long main holds a delete before it moves the files to the trash: the toast's time plus a margin, so an Undo
 * pressed as the toast closes still arrives in time, whatever the delay between the window and main.
 */
export const HOLD_MS = UNDO_WINDOW_MS + 2_000;

/**
 * A recording held for deletion, pinned down when the delete is asked for: its recordings folder then and its
 * absolute path. The folder may be changed within the hold; what is trashed is still this file, never one of the
 * same relative path in the new folder.
 */
export interface HeldRecording {
  folder: string;
  path: string;
}

interface Held {
  recordings: HeldRecording[];
  cancel: () => void;
}

/**
 * Deletions the user may still undo. The system trash has no restore API, so a delete is held here, in main, for
 * HOLD_MS: the recordings stay where they are but the library no longer lists them (`isHeld`); Undo drops the hold,
 * and when the time is up they go to the trash. Main owns the timer, so a window that is hidden, reloaded or closed
 * meanwhile changes nothing: the delete happens unless Undo was pressed. The holds belong to the host, so they outlive
 * a recorder rebuilt for new settings. Quitting moves what is held to the trash at once (`flush`): the user asked for
 * it, and no Undo can come any more. Only a crash within those seconds leaves the recordings where they were.
 */
export class HeldDeletes {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly deps: {
      clock: Clock;
      /** Moves one recording and its sidecar to the trash (of the folder it was deleted from). */
      trash: (recording: HeldRecording) => Promise<void>;
      /** The library as the window sees it changed (a hold began, ended or was undone). */
      changed: () => void;
      logger: Logger;
    },
  ) {}

  /** Whether the recording at this absolute path is held. */
  isHeld(path: string): boolean {
    for (const { recordings } of this.held.values()) if (recordings.some((r) => r.path === path)) return true;
    return false;
  }

  /** Holds these recordings for deletion; returns the id that undoes it. A recording held already stays in its first hold. */
  hold(recordings: readonly HeldRecording[]): string {
    const id = randomUUID();
    const unique = recordings.filter((r, i) => !this.isHeld(r.path) && recordings.findIndex((o) => o.path === r.path) === i);
    const cancel = this.deps.clock.after(HOLD_MS, () => void this.delete(id));
    this.held.set(id, { recordings: unique, cancel });
    this.deps.changed();
    return id;
  }

  /** Drops the hold: the recordings are listed again. False when it is too late (already moved) or unknown. */
  undo(id: string): boolean {
    const held = this.held.get(id);
    if (!held) return false;
    held.cancel();
    this.held.delete(id);
    this.deps.changed();
    return true;
  }

  /** Moves everything held to the trash now (the app quits). */
  async flush(): Promise<void> {
    await Promise.all([...this.held.keys()].map((id) => this.delete(id)));
  }

  private async delete(id: string): Promise<void> {
    const held = this.held.get(id);
    if (!held) return;
    held.cancel();
    for (const recording of held.recordings) {
      // One recording that cannot be moved (removed by hand meanwhile, a trash that refuses) does not keep the others.
      await this.deps.trash(recording).catch((error: unknown) => this.deps.logger.warn(`Could not move ${recording.path} to the trash: ${reason(error)}`));
    }
    // The hold ends only once the files moved: the library never lists them in between.
    this.held.delete(id);
    this.deps.changed();
  }
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
