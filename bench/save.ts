// Call end to saved file: a 5-minute MP3 recorded from the demo PBX on loopback, from the moment the PBX has written
// it and sends RecordCompleted to the moment the recorder says it is saved (audio file and its .json sidecar in the
// folder); side by side with a bare download of the same file to the same disk (streamed, fsynced). Median of a few.
import { createWriteStream } from 'node:fs';
import { access, mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { writeDemoRecording } from '../main/demo-pbx/audio.ts';
import { DemoPbx } from '../main/demo-pbx/server.ts';
import { OzekiClient } from '../main/ozeki/client.ts';
import { atLevel, lineLogger } from '../main/recorder/logger.ts';
import { RecorderService } from '../main/recorder/service.ts';
import { RECORDER_DEFAULTS } from '../preload/settings-schema.ts';
import { median } from './spawned-run.ts';

const ROUNDS = 5;
const SECONDS = 300;

async function bareDownload(url: string, file: string): Promise<void> {
  const response = await fetch(url);
  if (!response.body) throw new Error('no body');
  await pipeline(Readable.fromWeb(response.body), createWriteStream(file));
  const handle = await open(file, 'r');
  await handle.sync();
  await handle.close();
}

export async function benchSave(): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-save-'));
  const mp3 = join(dir, 'five-minutes.mp3');
  await writeDemoRecording(mp3, 'mp3', SECONDS);
  const folder = join(dir, 'recordings');
  await mkdir(folder);
  const pbx = new DemoPbx({ recordingFile: mp3 });
  await pbx.start();
  const client = new OzekiClient({ baseUrl: pbx.url });
  const service = new RecorderService({
    settings: { ...RECORDER_DEFAULTS, pbxUrl: pbx.url, folder, listenHost: '127.0.0.1', listenPort: 0, pollIntervalMs: 1000, format: 'mp3' },
    client,
    dataDir: join(dir, 'data'),
    logger: atLevel(
      'warn',
      lineLogger((line) => process.stderr.write(`${line}\n`)),
    ),
  });
  const saves: number[] = [];
  const bare: number[] = [];
  try {
    await service.start();
    for (let round = 0; round < ROUNDS; round++) {
      const callId = pbx.addCall({ source: `+36 1 ${String(round).padStart(4, '0')}`, destination: '1001', state: 'InCall' });
      await service.refreshCalls();
      const result = await service.toggle(callId);
      if (!result.ok) throw new Error(result.message);
      let notifiedAt = 0;
      let recordUrl = '';
      pbx.once('recording-saved', (recording) => {
        notifiedAt = performance.now();
        recordUrl = recording.recordUrl ?? '';
      });
      const saved = new Promise<string>((resolve) => {
        const onEvent = (e: { type: string; path?: string }) => {
          if (e.type !== 'recording-saved' || !e.path) return;
          service.off('event', onEvent);
          resolve(e.path);
        };
        service.on('event', onEvent);
      });
      await pbx.endCall(callId);
      const path = await saved;
      saves.push(performance.now() - notifiedAt);
      await access(path.replace(/\.mp3$/, '.json')); // the sidecar is there
      const started = performance.now();
      await bareDownload(recordUrl, join(dir, `bare-${round}.mp3`));
      bare.push(performance.now() - started);
    }
  } finally {
    await service.stop();
    await client.close();
    await pbx.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return {
    [`RecordCompleted to saved (audio + sidecar), ${SECONDS / 60}-minute MP3 on loopback, median of ${ROUNDS}`]: `${median(saves).toFixed(0)} ms (target ≤ 300 ms)`,
    ['bare download of the same file to the same disk (streamed, fsynced), same rounds']: `${median(bare).toFixed(0)} ms`,
  };
}
