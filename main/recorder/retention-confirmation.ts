import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DATA_FILES, PRIVATE_FILE_MODE } from './data-dir.ts';

/**
 * Before the sweep ever moves a recording of a folder, the user has seen its dry run and confirmed it (the window's
 * confirmRetention, or `ozeki-recorder prune`). The confirmation is kept in the data folder, for one recordings
 * folder and the days it was confirmed for: another folder is another library, whose recordings nobody has seen
 * listed yet, and fewer days would move recordings the dry run did not list. More days move fewer: still covered.
 */
interface Confirmation {
  folder: string;
  days: number;
  at: string;
}

const fileOf = (dataDir: string) => join(dataDir, DATA_FILES.retentionConfirmed);

/** Whether keeping the recordings of `folder` for `days` days was confirmed in this data folder (for as few days or fewer). */
export async function retentionConfirmed(dataDir: string, folder: string, days: number): Promise<boolean> {
  const text = await readFile(fileOf(dataDir), 'utf8').catch(() => '');
  try {
    const confirmation = JSON.parse(text) as Partial<Confirmation> | null;
    return (
      typeof confirmation?.folder === 'string' &&
      confirmation.folder === resolve(folder) &&
      typeof confirmation.days === 'number' &&
      confirmation.days > 0 &&
      confirmation.days <= days
    );
  } catch {
    return false; // unreadable: not confirmed, so nothing is moved before a new dry run
  }
}

/** Keeps the confirmation (written whole, then renamed: never half a file). */
export async function confirmRetention(dataDir: string, folder: string, days: number, at: number): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const confirmation: Confirmation = { folder: resolve(folder), days, at: new Date(at).toISOString() };
  const temp = `${fileOf(dataDir)}.tmp`;
  await writeFile(temp, `${JSON.stringify(confirmation)}\n`, { mode: PRIVATE_FILE_MODE });
  await rename(temp, fileOf(dataDir));
}
