import { lstat, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { crashPoint } from './crash-point.ts';
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
 * What placeFile puts at a name it takes, until the file is renamed over it: the path of the file it waits for, so
 * that what a crash leaves there is told apart from a file of anyone's.
 */
export function placingMark(source: string): string {
  return `ozeki-recorder placing ${resolve(source)}\n`;
}

const PLACING = /^ozeki-recorder placing (.+)\n$/;

/** The file a placeholder of placeFile at `target` waits for; undefined when `target` holds anything else. */
async function placeholderFor(target: string): Promise<string | undefined> {
  const found = await lstat(target).catch(() => undefined);
  if (!found?.isFile() || found.size > 8192) return undefined;
  const text = await readFile(target, 'utf8').catch(() => '');
  return PLACING.exec(text)?.[1];
}

/**
 * Whether placeFile can give `target` to `source`: nothing is there, or only a placeholder a crash left, for this
 * very file (a placement of it that stopped half-way: it is taken up) or for a file that is gone (it can never be
 * filled: it is removed). A placeholder whose file still exists is a placement under way: the name is taken.
 * (An empty file, left by a crash between creating the placeholder and writing it, cannot be told from a file of
 * the user's and counts as taken; a name of a recording is claimed with claim.ts, which tells it apart by the
 * journal.)
 */
export async function nameFreeFor(target: string, source: string): Promise<boolean> {
  if (!(await exists(target))) return true;
  const waitsFor = await placeholderFor(target);
  return waitsFor !== undefined && (waitsFor === resolve(source) || !(await exists(waitsFor)));
}

/** Takes `target` for `source` with its placeholder, created exclusively; false when the name is someone's. */
async function takeName(target: string, source: string): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(target, placingMark(source), { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!(await nameFreeFor(target, source))) return false;
      if ((await placeholderFor(target)) === resolve(source)) return true; // this file's own placeholder: taken up
      await rm(target, { force: true }); // a crash's leftover for a file that is gone; then the name is taken anew
    }
  }
  return false;
}

/**
 * Moves `temp` to `target` without ever overwriting; false when `target` was taken meanwhile. The name is taken
 * by creating it exclusively (O_EXCL: atomic on every file system and share, where hard links are not) holding a
 * placeholder that names `temp`, then the file is renamed over it. A crash in between leaves that placeholder,
 * which the next placement of the same file takes up, and any placement removes once `temp` is gone (nameFreeFor).
 * (A recording's final name is claimed with its sidecar's and a mark that tells it apart after a crash: claim.ts.)
 */
export async function placeFile(temp: string, target: string): Promise<boolean> {
  if (!(await takeName(target, temp))) return false;
  crashPoint('after-placeholder-made');
  try {
    await rename(temp, target);
  } catch (error) {
    // Our placeholder goes: nothing of the failed move stays (a file someone else placed there meanwhile stays).
    if ((await placeholderFor(target)) === resolve(temp)) await rm(target, { force: true });
    throw error;
  }
  return true;
}
