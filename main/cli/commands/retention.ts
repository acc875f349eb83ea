import { stat } from 'node:fs/promises';
import { systemClock } from '../../recorder/clock.ts';
import { NUMBER_MATCHING_WORDS } from '../../../preload/number-words.ts';
import { confirmRetention } from '../../recorder/retention-confirmation.ts';
import { describeItem, movedText, moveToTrash, purgeTrash, recordingsOf, wouldMove, type MoveOutcome, type RetentionRule } from '../../recorder/retention.ts';
import { folderTrashBin, TRASH_KEEP_DAYS } from '../../recorder/trash.ts';
import { CliError, type CliIo } from '../io.ts';
import { defaultDataDir, recorderSettings } from '../recorder-flags.ts';

export const pruneHelp =
  "prune --folder DIR --keep-days DAYS [--data-dir DIR] [--dry-run]   move recordings older than DAYS days (pinned ones kept) to the folder's .trash, audited in retention.log";
export const eraseHelp = `erase --folder DIR --number N [--dry-run]   move every recording of a phone number (${NUMBER_MATCHING_WORDS}) to the folder's .trash, audited in retention.log`;

export const PRUNE_FLAG_SPEC = {
  folder: { type: 'string' },
  'keep-days': { type: 'string' },
  'data-dir': { type: 'string' },
  'dry-run': { type: 'boolean' },
} as const;

export const ERASE_FLAG_SPEC = {
  folder: { type: 'string' },
  number: { type: 'string' },
  'dry-run': { type: 'boolean' },
} as const;

export interface TrashFlags {
  folder?: string | undefined;
  'keep-days'?: string | undefined;
  'data-dir'?: string | undefined;
  number?: string | undefined;
  'dry-run'?: boolean | undefined;
}

/** The recordings folder of --folder, checked with the settings' words; it must exist (an absent drive is not an empty library). */
async function recordingsFolder(flags: TrashFlags): Promise<string> {
  const { folder } = recorderSettings({ folder: flags.folder }, '', true);
  const isFolder = await stat(folder).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isFolder) throw new CliError(`The recordings folder ${folder} is missing.`);
  return folder;
}

/** Lists what a rule takes; with --dry-run, that is all; otherwise `beforeMove` runs, then each is moved to the trash. */
async function moveByRule(folder: string, rule: RetentionRule, flags: TrashFlags, io: CliIo, beforeMove: () => Promise<void>): Promise<void> {
  const items = await recordingsOf(folder, rule, systemClock.now());
  if (flags['dry-run']) {
    for (const item of items) io.out(`would move  ${describeItem(item)}`);
    io.out(`${wouldMove(items.length)}${items.length > 0 ? ' Run the same command without --dry-run to move them.' : ''}`);
    return;
  }
  await beforeMove();
  const trash = folderTrashBin(folder, { clock: systemClock, keepDays: TRASH_KEEP_DAYS });
  await purgeTrash(folder, trash, systemClock, TRASH_KEEP_DAYS);
  const outcome: MoveOutcome = await moveToTrash({ folder, trash, clock: systemClock, rule, items });
  for (const item of outcome.moved) io.out(`moved  ${describeItem(item)}`);
  for (const item of outcome.pinned) io.out(`kept   ${describeItem(item)}: pinned meanwhile`);
  for (const { item, message } of outcome.failed) io.err(`kept   ${item.relativePath}: ${message}`);
  io.out(movedText(outcome.moved.length));
  if (outcome.failed.length > 0) throw new CliError(`${outcome.failed.length} recordings could not be moved to the trash and stay in the folder.`);
}

/**
 * `prune`: the sweep of "Keep recordings for N days", by hand. Without --dry-run it is also the confirmation a
 * running recorder with the same data folder waits for before its first sweep moves anything.
 */
export async function pruneCommand(flags: TrashFlags, io: CliIo): Promise<void> {
  const folder = await recordingsFolder(flags);
  const { keepDays } = recorderSettings({ folder, 'keep-days': flags['keep-days'] }, '', true);
  if (!flags['keep-days'] || keepDays === 0) throw new CliError('Say how many days recordings are kept with --keep-days DAYS (1 to 3650).');
  const dataDir = flags['data-dir'] ?? defaultDataDir(io.env);
  await moveByRule(folder, { kind: 'age', days: keepDays }, flags, io, () => confirmRetention(dataDir, folder, keepDays, systemClock.now()));
}

/** `erase`: every recording of a number to the trash (a person's request to be forgotten). */
export async function eraseCommand(flags: TrashFlags, io: CliIo): Promise<void> {
  const number = flags.number?.trim() ?? '';
  if (!/[\p{L}\p{N}*#]/u.test(number)) throw new CliError('Say whose recordings to erase with --number N (a phone number or an extension).');
  const folder = await recordingsFolder(flags);
  await moveByRule(folder, { kind: 'number', number }, flags, io, () => Promise.resolve());
}
