import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoPbx } from '../../main/demo-pbx/server.ts';
import type { Clock } from '../../main/recorder/clock.ts';
import type { JournalEntry } from '../../main/recorder/journal.ts';
import { OzekiClient } from '../../main/ozeki/client.ts';
import { lineLogger } from '../../main/recorder/logger.ts';
import { RecorderService, type RecorderServiceOptions } from '../../main/recorder/service.ts';
import type { RecorderEvent, RecorderState } from '../../main/recorder/state.ts';
import { RECORDER_DEFAULTS, type RecorderSettings } from '../../preload/settings-schema.ts';
import { onCleanup } from './demo.ts';

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The SHA-256 of a file's bytes, in hex: the same recording, byte for byte, has the same one. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The journal's last line for a recording, as written on disk in data folder `dataDir`. */
export async function journaled(dataDir: string, id: string): Promise<JournalEntry> {
  const lines = (await readFile(join(dataDir, 'journal.jsonl'), 'utf8')).split('\n').filter(Boolean);
  const last = lines
    .map((l) => JSON.parse(l) as JournalEntry)
    .filter((l) => l.id === id)
    .at(-1);
  if (!last) throw new Error(`Recording ${id} is not in the journal.`);
  return last;
}

export interface RecorderHarness {
  service: RecorderService;
  folder: string;
  dataDir: string;
  events: RecorderEvent[];
  /** What the service logged, one line each. */
  logs: string[];
  stop(): Promise<void>;
}

/** A started RecorderService on the demo PBX, with its listener on 127.0.0.1 and a fast poll. */
export async function startRecorder(
  pbx: DemoPbx,
  overrides: Partial<RecorderSettings> = {},
  extra: {
    password?: string;
    dataDir?: string;
    folder?: string;
    clientTimeoutMs?: number;
    downloadLimits?: RecorderServiceOptions['downloadLimits'];
    clock?: Clock;
    /** How often a missing folder is checked again; 200 ms unless given. */
    folderCheckMs?: number;
  } = {},
): Promise<RecorderHarness> {
  const folder = extra.folder ?? (await tempDir('recordings-'));
  const dataDir = extra.dataDir ?? (await tempDir('data-'));
  const settings: RecorderSettings = {
    ...RECORDER_DEFAULTS,
    pbxUrl: pbx.url,
    folder,
    listenHost: '127.0.0.1',
    listenPort: 0,
    pollIntervalMs: 100,
    ...overrides,
  };
  const client = new OzekiClient({
    baseUrl: settings.pbxUrl,
    username: settings.username,
    ...(extra.password ? { password: extra.password } : {}),
    timeoutMs: extra.clientTimeoutMs ?? 2000,
  });
  const logs: string[] = [];
  const service = new RecorderService({
    settings,
    client,
    dataDir,
    folderCheckMs: extra.folderCheckMs ?? 200,
    retryDelayMs: () => 200,
    logger: lineLogger((line) => logs.push(line), extra.clock?.now.bind(extra.clock)),
    ...(extra.downloadLimits ? { downloadLimits: extra.downloadLimits } : {}),
    ...(extra.clock ? { clock: extra.clock } : {}),
  });
  const events: RecorderEvent[] = [];
  service.on('event', (e) => events.push(e));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await service.stop();
    await client.close();
  };
  onCleanup(stop);
  await service.start();
  return { service, folder, dataDir, events, logs, stop };
}

/** Resolves with the first event that matches, or fails after `ms`. */
export function nextEvent<T extends RecorderEvent['type']>(
  harness: RecorderHarness,
  type: T,
  match: (e: Extract<RecorderEvent, { type: T }>) => boolean = () => true,
  ms = 10_000,
): Promise<Extract<RecorderEvent, { type: T }>> {
  const found = harness.events.find((e): e is Extract<RecorderEvent, { type: T }> => e.type === type && match(e as Extract<RecorderEvent, { type: T }>));
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      harness.service.off('event', listener);
      reject(new Error(`No ${type} event within ${ms} ms; saw ${harness.events.map((e) => e.type).join(', ')}`));
    }, ms);
    const listener = (e: RecorderEvent) => {
      if (e.type === type && match(e as Extract<RecorderEvent, { type: T }>)) {
        clearTimeout(timer);
        harness.service.off('event', listener);
        resolve(e as Extract<RecorderEvent, { type: T }>);
      }
    };
    harness.service.on('event', listener);
  });
}

/**
 * Resolves with the service's state once it satisfies `check`: now, or at one of the state updates the service
 * emits after every change. Fails after `ms` of real time (a deadline for a broken test, never a wait).
 */
export function until(harness: RecorderHarness, check: (s: RecorderState) => boolean, ms = 10_000): Promise<RecorderState> {
  const now = harness.service.state();
  if (check(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const listener = (state: RecorderState) => {
      if (!check(state)) return;
      clearTimeout(timer);
      harness.service.off('state', listener);
      resolve(state);
    };
    const timer = setTimeout(() => {
      harness.service.off('state', listener);
      const state = harness.service.state();
      reject(new Error(`State never matched: ${JSON.stringify({ link: state.link, calls: state.calls.length, inFlight: state.inFlight })}`));
    }, ms);
    harness.service.on('state', listener);
  });
}
