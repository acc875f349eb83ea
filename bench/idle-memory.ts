// Memory of an idle run over ten hours' worth of habits, in ten minutes: `ozeki-recorder run` (the built CLI) following
// 20 live calls that do not change, polled every second; its resident memory read from /proc/<pid>/status once a
// minute. Opt-in (`npm run bench -- idle-memory`): it takes BENCH_MEMORY_MINUTES (10) minutes.
import { DemoPbx } from '../main/demo-pbx/server.ts';
import { residentMb, spawnRun } from './spawned-run.ts';

const CALLS = 20;
const MINUTES = Number(process.env['BENCH_MEMORY_MINUTES'] ?? 10);

export async function benchIdleMemory(): Promise<Record<string, string>> {
  const pbx = new DemoPbx();
  await pbx.start();
  for (let i = 0; i < CALLS; i++) pbx.addCall({ source: `+36 1 ${String(i).padStart(4, '0')}`, destination: '1001', state: 'InCall' });
  const run = await spawnRun(pbx.url, ['--poll-interval', '1000']);
  const samples: number[] = [];
  try {
    for (let minute = 0; minute <= MINUTES; minute++) {
      if (minute > 0) await new Promise((resolve) => setTimeout(resolve, 60_000));
      samples.push(await residentMb(run.pid));
    }
  } finally {
    await run.stop();
    await pbx.stop();
  }
  const first = samples[1] ?? NaN; // after the first minute: start-up settled
  const last = samples.at(-1) ?? NaN;
  return {
    [`resident memory of run, ${CALLS} unchanging calls, 1 s poll, after 1 and ${MINUTES} minutes`]: `${first.toFixed(1)} MB → ${last.toFixed(1)} MB: ${last - first >= 0 ? '+' : ''}${(last - first).toFixed(1)} MB (target: no growth)`,
    ['every minute (MB)']: samples.map((mb) => mb.toFixed(1)).join(', '),
  };
}
