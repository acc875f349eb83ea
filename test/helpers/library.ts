import { mkdir, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeDemoRecording } from '../../main/demo-pbx/audio.ts';
import { writeSidecar } from '../../main/recorder/library.ts';
import type { Sidecar } from '../../main/recorder/sidecar.ts';
import { TRASH_DIR, TRASHED_AT_DIR } from '../../main/recorder/trash.ts';

/** The sidecar the recorder writes for `file`: a one-second WAV call from 1000 to 1001, saved as it began; `fields` set any other value. */
export function sidecarFor(file: string, fields: Partial<Sidecar> = {}): Sidecar {
  return {
    app: 'ozeki-recorder',
    version: 1,
    file,
    recordingId: 'r1',
    callId: 'c1',
    from: '1000',
    to: '1001',
    callerName: '',
    startTime: '2026-11-20T09:00:00.000Z',
    durationSeconds: 1,
    keptSegments: [{ startMs: 0 }],
    pausedParts: 'remove',
    format: 'wav',
    sha256: '',
    note: '',
    pinned: false,
    savedAt: '2026-11-20T09:00:00.000Z',
    ...fields,
  };
}

/**
 * A recording saved in `folder` at `relativePath` as the recorder saves one: one second of the demo PBX's audio
 * in the sidecar's format, and its sidecar (`fields` as in sidecarFor). Resolves with the audio file's path.
 */
export async function saveRecording(folder: string, relativePath: string, fields: Partial<Sidecar> = {}): Promise<string> {
  const path = join(folder, relativePath);
  const sidecar = sidecarFor(basename(path), fields);
  await mkdir(dirname(path), { recursive: true });
  await writeDemoRecording(path, sidecar.format, sidecar.durationSeconds);
  await writeSidecar(path, sidecar);
  return path;
}

/** The files in `folder`'s trash folder, sorted: what was trashed, without the trashed-at records; none before anything was trashed. */
export async function trashedFiles(folder: string): Promise<string[]> {
  return (await readdir(join(folder, TRASH_DIR)).catch(() => [] as string[])).filter((name) => name !== TRASHED_AT_DIR).sort();
}
