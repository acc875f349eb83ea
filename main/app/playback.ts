import { stat } from 'node:fs/promises';
import { extname, relative, resolve, sep } from 'node:path';

/** The scheme the window plays saved recordings through: recording://saved/<path inside the recordings folder>. */
export const PLAYBACK_SCHEME = 'recording';
// A fixed host: the scheme is registered as standard, where the first part after // is always the host.
const PLAYBACK_HOST = 'saved';

/** The playback URL of a saved recording, from its path relative to the recordings folder. */
export function playbackUrlOf(relativePath: string): string {
  return `${PLAYBACK_SCHEME}://${PLAYBACK_HOST}/${relativePath.split('/').map(encodeURIComponent).join('/')}`;
}

const AUDIO = new Set(['.mp3', '.wav']);

/**
 * The file a playback URL names, if it is an audio file inside the recordings folder; undefined otherwise
 * (another scheme, a path leaving the folder, another kind of file, a missing file).
 */
export async function playbackFile(url: string, folder: string): Promise<string | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${PLAYBACK_SCHEME}:` || parsed.hostname !== PLAYBACK_HOST || !folder) return undefined;
  const relativePath = decodeURIComponent(parsed.pathname).replace(/^\/+/, '');
  const root = resolve(folder);
  const file = resolve(root, relativePath);
  const inside = relative(root, file);
  if (!inside || inside.startsWith(`..${sep}`) || inside === '..' || inside.split(sep).includes('.ozeki-recorder')) return undefined;
  if (!AUDIO.has(extname(file).toLowerCase())) return undefined;
  const found = await stat(file).then((s) => s.isFile(), () => false);
  return found ? file : undefined;
}
