import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from './clock.ts';
import { readSidecar, scanLibrary, trashRecording, type LibraryItem } from './library.ts';
import { involvesNumber } from './phone-number.ts';
import { printable } from './printable.ts';
import { DAY_MS, type TrashBin } from './trash.ts';

/** The audit of every recording moved by a rule, one line each, in the recordings folder (next to what it is about). */
export const RETENTION_LOG = 'retention.log';

/** Why recordings go: they are older than the days they are kept, or a person asked for their number's to go. */
export type RetentionRule = { kind: 'age'; days: number } | { kind: 'number'; number: string };

/** The rule in the words of the audit line. */
export function ruleText(rule: RetentionRule): string {
  return rule.kind === 'age' ? `kept for ${rule.days} days` : `erase every recording of ${rule.number}`;
}

/** The recordings whose call started more than `days` before `now`; pinned ones are kept. Oldest first. */
export function expiredRecordings(items: readonly LibraryItem[], now: number, days: number): LibraryItem[] {
  const oldest = now - days * DAY_MS;
  return items.filter((item) => !item.sidecar.pinned && Date.parse(item.sidecar.startTime) < oldest).reverse();
}

/** The recordings where `number` called or was called, however it is written (phone-number.ts). Oldest first. */
export function recordingsOfNumber(items: readonly LibraryItem[], number: string): LibraryItem[] {
  return items.filter(({ sidecar }) => involvesNumber(sidecar, number)).reverse();
}

/** The recordings a rule takes from the folder, oldest first; pinned ones are kept by age, not by an erasure. */
export async function recordingsOf(folder: string, rule: RetentionRule, now: number): Promise<LibraryItem[]> {
  const items = await scanLibrary(folder);
  return rule.kind === 'age' ? expiredRecordings(items, now, rule.days) : recordingsOfNumber(items, rule.number);
}

/** "These 37 recordings would be moved to the trash" / "This recording would…" / "No recording would…". */
export function wouldMove(count: number): string {
  if (count === 0) return 'No recording would be moved to the trash.';
  return count === 1 ? 'This recording would be moved to the trash.' : `These ${count} recordings would be moved to the trash.`;
}

/** "Moved 37 recordings to the trash." */
export function movedText(count: number): string {
  return count === 0 ? 'No recording was moved to the trash.' : `Moved ${count === 1 ? 'one recording' : `${count} recordings`} to the trash.`;
}

/** One line of a recording, for lists: its path, when the call began, who called whom. */
export function describeItem(item: LibraryItem): string {
  const { startTime, from, to } = item.sidecar;
  return `${item.relativePath}  (${startTime.slice(0, 16).replace('T', ' ')}, ${from || 'unknown'} -> ${to || 'unknown'})`;
}

/** One audit line: when (ISO), what happened, to what, by which rule; tab-separated, never more than one line. */
export function auditLine(at: number, what: string, subject: string, rule: string): string {
  const field = (text: string) => printable(text).replace(/\t/g, ' ');
  return `${new Date(at).toISOString()}\t${field(what)}\t${field(subject)}\trule: ${field(rule)}\n`;
}

/** Appends audit lines to retention.log in the folder. */
export async function audit(folder: string, lines: readonly string[]): Promise<void> {
  if (lines.length > 0) await appendFile(join(folder, RETENTION_LOG), lines.join(''));
}

export interface MoveOutcome {
  moved: LibraryItem[];
  /** Recordings an age sweep listed that were pinned before their turn to move: kept. */
  pinned: LibraryItem[];
  /** Recordings that could not be moved (kept where they are), with why. */
  failed: { item: LibraryItem; message: string }[];
}

/**
 * Whether an age sweep must leave this recording after all: pinned since it was listed (its sidecar is read again
 * just before the move), or its sidecar can no longer be read (a sweep moves only what it knows is not pinned).
 */
async function keptSinceListed(item: LibraryItem): Promise<string | undefined> {
  const now = await readSidecar(item.path);
  if (!now) return 'Its description file could not be read, so it is kept.';
  return now.pinned ? 'pinned' : undefined;
}

/**
 * Moves each recording with its sidecar to the trash, and audits each move as soon as it is done (a stop half-way
 * leaves a log true to what moved). One that cannot be moved stays, is counted as failed and does not stop the others.
 * By age, one pinned since it was listed stays too (`pinned`): a pin is the user's word that it is kept.
 */
export async function moveToTrash(options: {
  folder: string;
  trash: TrashBin;
  clock: Clock;
  rule: RetentionRule;
  items: readonly LibraryItem[];
}): Promise<MoveOutcome> {
  const outcome: MoveOutcome = { moved: [], pinned: [], failed: [] };
  const rule = ruleText(options.rule);
  for (const item of options.items) {
    const kept = options.rule.kind === 'age' ? await keptSinceListed(item) : undefined;
    if (kept === 'pinned') {
      outcome.pinned.push(item);
      continue;
    }
    if (kept !== undefined) {
      outcome.failed.push({ item, message: kept });
      continue;
    }
    try {
      await trashRecording(options.trash, item.path);
    } catch (error) {
      outcome.failed.push({ item, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    outcome.moved.push(item);
    await audit(options.folder, [auditLine(options.clock.now(), 'moved to the trash', describeItem(item), rule)]);
  }
  return outcome;
}

/** Deletes for good what the trash has held past its expiry (a trash folder of its own only), with an audit line each. */
export async function purgeTrash(folder: string, trash: TrashBin, clock: Clock, keepDays: number): Promise<string[]> {
  const purged = (await trash.purgeExpired?.()) ?? [];
  await audit(
    folder,
    purged.map((name) => auditLine(clock.now(), 'deleted from the trash for good', name, `kept in the trash for ${keepDays} days`)),
  );
  return purged;
}
