import { stat } from 'node:fs/promises';
import type { TrashBin } from '../recorder/trash.ts';

/**
 * The desktop's own trash (Recycle Bin, Trash), through Electron's shell.trashItem: the user restores from there
 * as from any deletion, and the system empties it. Each file goes by itself (the system trash names clashes its
 * own way); a companion that does not exist (a recording without its sidecar) is skipped.
 */
export function systemTrashBin(shell: { trashItem(path: string): Promise<void> }): TrashBin {
  return {
    async moveToTrash(absolutePath, ...companions) {
      await shell.trashItem(absolutePath);
      for (const companion of companions) {
        const exists = await stat(companion).then(
          () => true,
          () => false,
        );
        if (exists) await shell.trashItem(companion);
      }
    },
  };
}
