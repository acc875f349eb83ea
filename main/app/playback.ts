import { libraryFile } from '../recorder/library.ts';

/** The scheme the window plays saved recordings through: recording://saved/<path inside the recordings folder>. */
export const PLAYBACK_SCHEME = 'recording';
// A fixed host: the scheme is registered as standard, where the first part after // is always the host.
const PLAYBACK_HOST = 'saved';

/** The playback URL of a saved recording, from its path relative to the recordings folder. */
export function playbackUrlOf(relativePath: string): string {
  return `${PLAYBACK_SCHEME}://${PLAYBACK_HOST}/${relativePath.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * The file a playback URL names, if it is a saved recording the library knows, inside the recordings folder
 * (see libraryFile); undefined otherwise (another scheme, a path or link leaving the folder, an unknown file).
 */
export async function playbackFile(url: string, folder: string): Promise<string | undefined> {
  let parsed: URL;
  let relativePath: string;
  try {
    parsed = new URL(url);
    relativePath = decodeURIComponent(parsed.pathname).replace(/^\/+/, '');
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${PLAYBACK_SCHEME}:` || parsed.hostname !== PLAYBACK_HOST) return undefined;
  return libraryFile(folder, relativePath);
}
