// Idle cost: `ozeki-recorder run` (the built CLI, in its own process) following 20 live calls that do not change,
// side by side with a reference Node process that sends one bare keep-alive request a second to the same PBX; and a
// third process, `run` again, that receives a CallChanged notification every few seconds. CPU from /proc/<pid>/stat
// over the same 60 s for all three; the median of a few rounds, as other work on the machine shifts single rounds.
import { request } from 'undici';
import { DemoPbx } from '../main/demo-pbx/server.ts';
import { cpuShares, median, spawnKeepAliveReference, spawnRun } from './spawned-run.ts';

const CALLS = 20;
const SECONDS = Number(process.env['BENCH_IDLE_SECONDS'] ?? 60);
const ROUNDS = Number(process.env['BENCH_IDLE_ROUNDS'] ?? 3);
const PUSH_EVERY_MS = 5000;
const WARM_UP_MS = 30_000;

const percent = (share: number) => `${(share * 100).toFixed(2)} %`;

export async function benchIdle(): Promise<Record<string, string>> {
  const pbx = new DemoPbx();
  await pbx.start();
  const callIds = Array.from({ length: CALLS }, (_, i) => pbx.addCall({ source: `+36 1 ${String(i).padStart(4, '0')}`, destination: '1001', state: 'InCall' }));
  const rounds: { run: number; reference: number; pushed: number }[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const run = await spawnRun(pbx.url, ['--poll-interval', '1000']);
      const pushedRun = await spawnRun(pbx.url, ['--poll-interval', '1000']);
      const reference = spawnKeepAliveReference(pbx.url);
      let next = 0;
      const push = setInterval(() => {
        const callId = callIds[next++ % callIds.length] ?? '';
        void request(pushedRun.callChangedUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `NotificationName=CallChanged&CallId=${callId}&CallState=InCall`,
        }).then((r) => r.body.dump());
      }, PUSH_EVERY_MS);
      try {
        // Past start-up: for its first half minute V8 still collects what loading the code left behind (about 0.05 % of a
        // core on its own); the figure is what the other ten hours cost.
        await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
        const [runShare, referenceShare, pushedShare] = await cpuShares([run.pid, reference.pid, pushedRun.pid], SECONDS);
        rounds.push({ run: runShare ?? NaN, reference: referenceShare ?? NaN, pushed: pushedShare ?? NaN });
      } finally {
        clearInterval(push);
        reference.kill();
        await Promise.all([run.stop(), pushedRun.stop()]);
      }
    }
  } finally {
    await pbx.stop();
  }
  const run = median(rounds.map((r) => r.run));
  const reference = median(rounds.map((r) => r.reference));
  const pushed = median(rounds.map((r) => r.pushed));
  return {
    [`CPU of run, ${CALLS} unchanging calls, 1 s poll (median of ${ROUNDS} × ${SECONDS} s)`]: `${percent(run)} of a core`,
    ['CPU of the reference (one keep-alive request a second)']: `${percent(reference)} of a core`,
    ['run ÷ reference']: `${(run / reference).toFixed(2)} (target ≤ 1.5)`,
    [`CPU of run with a CallChanged every ${PUSH_EVERY_MS / 1000} s`]: `${percent(pushed)} of a core: ${(pushed / reference).toFixed(2)} × the reference (target < 1)`,
    ['every round (run / reference / pushed, % of a core)']: rounds
      .map((r) => [r.run, r.reference, r.pushed].map((v) => (v * 100).toFixed(2)).join(' / '))
      .join('; '),
  };
}
