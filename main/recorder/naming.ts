import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { localDay, localTime } from './local-day.ts';
import { characters } from './printable.ts';

/** What a file-name template can say about a call. */
export interface NameFields {
  start: Date;
  from: string;
  to: string;
  callerName: string;
  callId: string;
  format: string;
}

export const TEMPLATE_TOKENS = ['date', 'time', 'from', 'to', 'callerName', 'callId', 'format'] as const;

// Windows refuses these names whatever the extension; macOS and Linux accept them, so they are avoided everywhere.
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const MAX_SEGMENT_BYTES = 120;

/** Checks a template: known tokens only, at least one character of name. Returns an error message or undefined. */
export function templateProblem(template: string): string | undefined {
  if (!template.trim()) return 'The file name template is empty.';
  for (const [, token] of template.matchAll(/\{([^}]*)\}/g)) {
    if (!(TEMPLATE_TOKENS as readonly string[]).includes(token ?? '')) {
      return `Unknown token {${token}} in the file name template; use ${TEMPLATE_TOKENS.map((t) => `{${t}}`).join(' ')}.`;
    }
  }
  return undefined;
}

/** One folder or file name, safe on Windows, macOS and Linux. */
export function cleanSegment(text: string): string {
  let name = text
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_')
    .trim()
    .replace(/[. ]+$/, '');
  if (name === '' || /^\.+$/.test(name)) name = '_';
  if (RESERVED.test(name.split('.')[0] ?? '')) name = `_${name}`;
  if (Buffer.byteLength(name) > MAX_SEGMENT_BYTES) {
    // Whole characters go: never half a flag, or an emoji sequence cut into a different emoji.
    const kept = characters(name);
    while (Buffer.byteLength(kept.join('')) > MAX_SEGMENT_BYTES) kept.pop();
    name = kept.join('');
  }
  return name.replace(/[. ]+$/, '') || '_';
}

/** The relative path, without extension, for a call: tokens filled in, `/` makes sub-folders, every part cleaned. */
export function renderTemplate(template: string, fields: NameFields): string {
  const d = fields.start;
  const values: Record<(typeof TEMPLATE_TOKENS)[number], string> = {
    date: localDay(d),
    time: localTime(d).replaceAll(':', '-'),
    from: fields.from || 'unknown',
    to: fields.to || 'unknown',
    callerName: fields.callerName || fields.from || 'unknown',
    callId: fields.callId,
    format: fields.format,
  };
  // Slashes inside a value are part of the value, not folders: they are cleaned with the value.
  const filled = template.replace(/\{(\w+)\}/g, (whole, token: string) =>
    token in values ? values[token as keyof typeof values].replace(/[/\\]/g, '_') : whole,
  );
  return filled
    .split(/[/\\]/)
    .filter((part) => part.trim() !== '')
    .map(cleanSegment)
    .join('/');
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** "name.wav" → "name (2).wav" for n = 2: how a taken name is told apart; the name itself for n = 1. */
export function numberedName(name: string, n: number): string {
  if (n === 1) return name;
  const ext = extname(name);
  return `${name.slice(0, name.length - ext.length)} (${n})${ext}`;
}

/**
 * The path `<folder>/<base>.<ext>` if that name is free, else the first free of " (2)", " (3)"…: a name is free
 * when neither the audio file nor its sidecar `<base>.json` exists. Nothing is created: the caller journals the
 * name first, then claims it (claim.ts), as another desk may take it meanwhile.
 */
export async function freeName(folder: string, base: string, ext: string): Promise<string> {
  const root = resolve(folder);
  for (let n = 1; n < 10_000; n++) {
    const candidate = resolve(root, numberedName(`${base}.${ext}`, n));
    if (relative(root, candidate).startsWith(`..${sep}`)) throw new Error('The file name leaves the recordings folder.');
    if (!(await exists(candidate)) && !(await exists(candidate.replace(/\.[^.]+$/, '.json')))) return candidate;
  }
  throw new Error(`Too many recordings named ${base} in ${join(folder, dirname(base))}.`);
}

/**
 * Moves `temp` to `target` without ever overwriting; false when `target` was taken meanwhile. The name is claimed
 * by creating it exclusively (O_EXCL: atomic on every file system and share, where hard links are not), then the
 * file is renamed over its own empty claim. A crash in between leaves an empty file at `target`. (A recording's
 * final name is claimed with its sidecar's and a mark that tells it apart after a crash: claim.ts.)
 */
export async function placeFile(temp: string, target: string): Promise<boolean> {
  try {
    await writeFile(target, '', { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(target, { force: true }); // our empty claim: nothing of the failed move stays
    throw error;
  }
  return true;
}
