import { constants } from 'node:fs';
import { lstat, open, realpath, type FileHandle } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RecordingFailure } from './errors.ts';

export type RecordSource = { kind: 'http'; url: URL } | { kind: 'file'; path: string };

/** What a RecordURL may point at, from the settings. */
export interface SourceRules {
  pbxUrl: URL;
  /** A second origin recordings may be served from, besides the PBX's own (scheme, host and port); empty: none. */
  recordingsOrigin: string;
  /** The only folder a RecordURL that is a file path may be read from; empty: no file path is accepted. */
  pbxRecordingsDir: string;
}

const refused = (message: string) => new RecordingFailure('refused', message);

/**
 * Where a RecordURL may be read from. An http(s) URL only from the PBX's origin (scheme, host and port) or the
 * configured recordings origin: otherwise whoever can reach the listener could make the app fetch any URL into the
 * user's folder. A file path only inside the configured PBX recordings folder, compared after resolving links;
 * never a network share (UNC) or a file URL naming another host. Anything else is refused with the reason.
 */
export async function recordSource(recordUrl: string, rules: SourceRules): Promise<RecordSource> {
  if (/^https?:\/\//i.test(recordUrl)) {
    let url: URL;
    try {
      url = new URL(recordUrl);
    } catch {
      throw refused(`The PBX gave a recording address that cannot be read: ${recordUrl}`);
    }
    // The PBX's own origin always; the recordings origin as well, when one is set.
    const allowed = [rules.pbxUrl.origin, ...(rules.recordingsOrigin ? [new URL(rules.recordingsOrigin).origin] : [])];
    if (!allowed.includes(url.origin)) {
      throw refused(
        `The recording is offered by ${url.origin}, which is not the PBX (${allowed.join(' or ')}); it was not downloaded. Check the PBX address in the settings, or set "Recordings web address" (--recordings-origin) if the PBX serves recordings from another address.`,
      );
    }
    return { kind: 'http', url };
  }
  return { kind: 'file', path: await localRecordingPath(recordUrl, rules.pbxRecordingsDir) };
}

/** The real path of a local RecordURL, if it names a file inside `pbxRecordingsDir`; refused otherwise. */
async function localRecordingPath(recordUrl: string, pbxRecordingsDir: string): Promise<string> {
  let path = recordUrl;
  if (/^file:/i.test(recordUrl)) {
    let url: URL | undefined;
    try {
      url = new URL(recordUrl);
    } catch {
      url = undefined;
    }
    if (url && url.hostname !== '' && url.hostname.toLowerCase() !== 'localhost') {
      throw refused(
        `The PBX gave a recording on another computer (${url.hostname}): ${recordUrl}. Recordings are read from the PBX over HTTP or from the PBX recordings folder only.`,
      );
    }
    path = url ? (safeFileUrlToPath(url) ?? '') : '';
  }
  if (/^[\\/]{2}/.test(path)) {
    throw refused(
      `The PBX gave a recording on a network share: ${recordUrl}. Recordings are read from the PBX over HTTP or from the PBX recordings folder only.`,
    );
  }
  if (!path || (!isAbsolute(path) && !win32.isAbsolute(path))) {
    throw refused(`The PBX gave a recording address that is neither a web address nor a file path: ${recordUrl}`);
  }
  if (!pbxRecordingsDir) {
    throw refused(
      `The PBX saved the recording as a file, ${path}, and reading files is off. If the PBX runs on this computer, set "PBX recordings folder" in the settings (--pbx-recordings-dir on the command line) to the folder it saves recordings in.`,
    );
  }
  const root = await realpath(pbxRecordingsDir).catch(() => {
    throw refused(`The PBX recordings folder ${pbxRecordingsDir} cannot be read. Check the "PBX recordings folder" setting (--pbx-recordings-dir).`);
  });
  const parent = await realpath(dirname(path)).catch(() => {
    throw refused(`The PBX saved the recording as ${path}, which this computer cannot read.`);
  });
  // On Windows a path on another drive gives an absolute relative(); a `..` start means outside on every system.
  const inside = relative(root, parent);
  if (isAbsolute(inside) || inside.split(/[\\/]/)[0] === '..') {
    throw refused(`The PBX gave a recording outside the PBX recordings folder (${pbxRecordingsDir}): ${path}. It was not read.`);
  }
  return join(parent, basename(path));
}

function safeFileUrlToPath(url: URL): string | undefined {
  try {
    return fileURLToPath(url);
  } catch {
    return undefined;
  }
}

/**
 * Opens a local recording for reading without following a link at its last step (its folder was resolved by
 * recordSource). POSIX: O_NOFOLLOW makes the open itself fail on a symbolic link, so nothing can be swapped in
 * between the check and the open; O_NONBLOCK keeps a FIFO put there from blocking the open. Windows has neither
 * flag (Node leaves them undefined and opens follow reparse points): there the lstat below is the only guard, and
 * a link swapped in between it and the open would be followed.
 */
export async function openLocalRecording(path: string): Promise<FileHandle> {
  const cannotRead = () => refused(`The PBX saved the recording as ${path}, which this computer cannot read.`);
  const link = await lstat(path).catch(() => {
    throw cannotRead();
  });
  if (link.isSymbolicLink()) throw refused(`The PBX gave ${path}, which is a link to another file; links are not followed. It was not read.`);
  if (!link.isFile()) throw cannotRead();
  // Windows has neither of the last two flags: they are undefined there, whatever @types/node says.
  const { O_NOFOLLOW = 0, O_NONBLOCK = 0 } = constants as Partial<typeof constants>;
  const flags = constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK;
  const file = await open(path, flags).catch((error: unknown) => {
    throw (error as NodeJS.ErrnoException).code === 'ELOOP'
      ? refused(`The PBX gave ${path}, which is a link to another file; links are not followed. It was not read.`)
      : cannotRead();
  });
  if (!(await file.stat()).isFile()) {
    await file.close();
    throw cannotRead();
  }
  return file;
}

/** Checks the recordings origin setting: empty, or scheme://host[:port] of http(s) with nothing after it. */
export function recordingsOriginProblem(text: string): string | undefined {
  if (!text) return undefined;
  try {
    const url = new URL(text);
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password && !text.endsWith('#') && !text.endsWith('?');
    if ((url.protocol === 'http:' || url.protocol === 'https:') && bare) return undefined;
  } catch {
    // not a URL at all: the same message
  }
  return 'Write the address the PBX serves recordings from, like https://192.168.0.10:8443 (no path), or leave it empty.';
}

/** Checks the PBX recordings folder setting: empty, or a full path. */
export function pbxRecordingsDirProblem(text: string): string | undefined {
  if (!text || ((isAbsolute(text) || win32.isAbsolute(text)) && !/^[\\/]{2}/.test(text))) return undefined;
  return 'Write the full path of the folder the PBX saves recordings in (not a network share), or leave it empty.';
}
