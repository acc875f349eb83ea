// A burst of RecordCompleted notifications, one for every call the recorder can record at once (it follows at most
// MAX_LIVE_CALLS live calls): how many the listener takes, every file of those saved, downloads at a bounded concurrency.
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoPbx } from '../main/demo-pbx/server.ts';
import { OzekiClient } from '../main/ozeki/client.ts';
import { atLevel, lineLogger } from '../main/recorder/logger.ts';
import { MAX_LIVE_CALLS } from '../main/recorder/monitor.ts';
import { RecorderService } from '../main/recorder/service.ts';
import { RECORDER_DEFAULTS } from '../preload/settings-schema.ts';

const CALLS = MAX_LIVE_CALLS;
const CONCURRENCY = 3;

export async function benchBurst(): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-burst-'));
  const folder = join(dir, 'recordings');
  const pbx = new DemoPbx();
  await pbx.start();
  const client = new OzekiClient({ baseUrl: pbx.url });
  const service = new RecorderService({
    settings: { ...RECORDER_DEFAULTS, pbxUrl: pbx.url, folder, listenHost: '127.0.0.1', listenPort: 0, pollIntervalMs: 200, format: 'wav' },
    client,
    dataDir: join(dir, 'data'),
    downloadConcurrency: CONCURRENCY,
    // Warnings and errors only: thousands of info lines would measure the terminal, not the recorder.
    logger: atLevel(
      'warn',
      lineLogger((line) => process.stderr.write(`${line}\n`)),
    ),
  });
  try {
    await mkdir(folder, { recursive: true });
    await service.start();
    const callIds = Array.from({ length: CALLS }, (_, i) =>
      pbx.addCall({ source: `+36 1 ${String(i).padStart(4, '0')}`, destination: '1001', state: 'InCall' }),
    );
    await service.refreshCalls();
    for (const callId of callIds) {
      const result = await service.toggle(callId);
      if (!result.ok) throw new Error(result.message);
    }
    // Done when every recording is saved or its notification was refused (the PBX does not send it again, so the
    // recorder would only call it missed after its notification wait).
    let saved = 0;
    let refused = 0;
    const allSettled = new Promise<void>((resolve) => {
      service.on('event', (e) => {
        if (e.type === 'recording-saved' && ++saved + refused === CALLS) resolve();
      });
      pbx.on('notification', (n) => {
        if (!n.ok && saved + ++refused === CALLS) resolve();
      });
    });
    const started = performance.now();
    await Promise.all(callIds.map((id) => pbx.endCall(id)));
    const notified = performance.now();
    await allSettled;
    const seconds = (performance.now() - started) / 1000;
    const files = (await readdir(folder)).filter((n) => n.endsWith('.wav')).length;
    return {
      'notifications sent': String(CALLS),
      'notifications refused by the listener': String(refused),
      'recordings saved (files in the folder)': `${saved} (${files})`,
      'all notifications answered after': `${((notified - started) / 1000).toFixed(2)} s`,
      'all saved after': `${seconds.toFixed(2)} s`,
      'peak concurrent downloads (limit)': `${pbx.peakConcurrentDownloads} (${CONCURRENCY})`,
    };
  } finally {
    await service.stop();
    await client.close();
    await pbx.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
