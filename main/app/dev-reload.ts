import { watch } from 'node:fs';

/**
 * For `npm run dev` only: calls `reload` when the files in `folder` (the built renderer) change, once they have
 * settled for `settleMs` (a rebuild writes a script and its source map). Returns what stops watching.
 */
export function reloadWhenChanged(folder: string, reload: () => void, settleMs = 150): () => void {
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(folder, () => {
    clearTimeout(timer);
    timer = setTimeout(reload, settleMs);
  });
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
