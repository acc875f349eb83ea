import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoPbx } from '../../main/demo-pbx/server.ts';
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
  extra: { password?: string; dataDir?: string; folder?: string; clientTimeoutMs?: number; downloadLimits?: RecorderServiceOptions['downloadLimits'] } = {},
): Promise<RecorderHarness> {
  const folder = extra.folder ?? (await tempDir('recordings-'));
  const dataDir = extra.dataDir ?? (await tempDir('data-'));
  const settings: RecorderSettings = { ...RECORDER_DEFAULTS, pbxUrl: pbx.url, folder, listenHost: '127.0.0.1', listenPort: 0, pollIntervalMs: 100, ...overrides };
  const client = new OzekiClient({ baseUrl: settings.pbxUrl, username: settings.username, ...(extra.password ? { password: extra.password } : {}), timeoutMs: extra.clientTimeoutMs ?? 2000 });
  const logs: string[] = [];
  const service = new RecorderService({ settings, client, dataDir, folderCheckMs: 200, retryDelayMs: () => 200, logger: lineLogger((line) => logs.push(line)), ...(extra.downloadLimits ? { downloadLimits: extra.downloadLimits } : {}) });
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

/** Waits until the service's state satisfies `check`. */
export async function until(harness: RecorderHarness, check: (s: RecorderState) => boolean, ms = 10_000): Promise<RecorderState> {
  const deadline = Date.now() + ms;
  for (;;) {
    const state = harness.service.state();
    if (check(state)) return state;
    if (Date.now() > deadline) throw new Error(`State never matched: ${JSON.stringify({ link: state.link, calls: state.calls.length, inFlight: state.inFlight })}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
