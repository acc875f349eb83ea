import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { fileSha256, tempDir } from './recorder.ts';

const run = promisify(execFile);

/** One entry of a ZIP as Info-ZIP's zipinfo lists it: its name, size and how it is kept ("stor" is stored as is). */
export interface ZipEntry {
  name: string;
  size: number;
  method: string;
}

/** The entries of `zip`, read by Info-ZIP's unzip (a reader that is not ours), in the ZIP's order. */
export async function zipEntries(zip: string): Promise<ZipEntry[]> {
  const { stdout } = await run('unzip', ['-Z', '-l', zip]);
  // "-rw-r--r--  3.0 unx    16044 b-    16044 stor 26-Nov-20 10:00 recordings/a.wav"
  return stdout
    .split('\n')
    .map((line) => /^\S{10}\s+\S+\s+\S+\s+(\d+)\s+\S+\s+\S+\s+(\w+)\s+\S+\s+\S+\s+(.+)$/.exec(line))
    .filter((match) => match !== null)
    .map(([, size = '', method = '', name = '']) => ({ name, size: Number(size), method }));
}

/** Tests every entry's CRC with unzip -t; resolves with its report, rejects if any entry is damaged. */
export async function testZip(zip: string): Promise<string> {
  return (await run('unzip', ['-t', zip])).stdout;
}

/** Extracts `zip` with unzip into a new temp folder; resolves with the SHA-256 of each file by its path inside. */
export async function unzippedHashes(zip: string): Promise<Map<string, string>> {
  const dir = await tempDir('unzipped-');
  await run('unzip', ['-q', zip, '-d', dir]);
  const hashes = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    hashes.set(relative(dir, path).split('\\').join('/'), await fileSha256(path));
  }
  return hashes;
}

/** One file of `zip` as text, through unzip -p (the name must hold no wildcard characters). */
export async function unzippedText(zip: string, name: string): Promise<string> {
  return (await run('unzip', ['-p', zip, name], { maxBuffer: 64 * 1024 * 1024 })).stdout;
}
