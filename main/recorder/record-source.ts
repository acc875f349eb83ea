import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { isAbsolute, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RecordingFailure } from './errors.ts';

export type RecordSource = { kind: 'http'; url: URL } | { kind: 'file'; path: string };

/**
 * Where a RecordURL may be read from. An http(s) URL only from the PBX's own host (otherwise anyone on the
 * network could make the app fetch any URL into the user's folder); a file path only if it exists here and is
 * readable (the PBX runs on this machine or shares its folder). Anything else is refused with the reason.
 */
export async function recordSource(recordUrl: string, pbxUrl: URL): Promise<RecordSource> {
  if (/^https?:\/\//i.test(recordUrl)) {
    let url: URL;
    try {
      url = new URL(recordUrl);
    } catch {
      throw new RecordingFailure('refused', `The PBX gave a recording address that cannot be read: ${recordUrl}`);
    }
    if (url.hostname.toLowerCase() !== pbxUrl.hostname.toLowerCase()) {
      throw new RecordingFailure(
        'refused',
        `The recording is offered by ${url.host}, which is not the PBX (${pbxUrl.host}); it was not downloaded. Check the PBX address in the settings.`,
      );
    }
    return { kind: 'http', url };
  }
  const path = /^file:/i.test(recordUrl) ? safeFileUrlToPath(recordUrl) : recordUrl;
  if (!path || (!isAbsolute(path) && !win32.isAbsolute(path))) {
    throw new RecordingFailure('refused', `The PBX gave a recording address that is neither a web address nor a file path: ${recordUrl}`);
  }
  try {
    await access(path, constants.R_OK);
    if (!(await stat(path)).isFile()) throw new Error('not a file');
  } catch {
    throw new RecordingFailure(
      'refused',
      `The PBX saved the recording as ${path}, which this computer cannot read. Share the PBX's HttpRecordings folder or let the PBX serve recordings over HTTP.`,
    );
  }
  return { kind: 'file', path };
}

function safeFileUrlToPath(text: string): string | undefined {
  try {
    return fileURLToPath(text);
  } catch {
    return undefined;
  }
}
