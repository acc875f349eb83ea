import { describe, expect, it } from 'vitest';
import { morePolls, startDemoPbx } from '../helpers/demo.ts';
import { runArgs, spawnRecorder } from '../helpers/child-recorder.ts';

describe('ozeki-recorder run stopping', () => {
  it('exits at once on SIGTERM, abandoning a poll the PBX is slow to answer', async () => {
    const pbx = await startDemoPbx();
    const run = spawnRecorder((await runArgs(pbx.url, { extra: ['--poll-interval', '100'] })).args);
    await run.line(/^pbx +Connected/);
    pbx.faults.delayMs = 10_000; // every answer now takes 10 s
    await morePolls(pbx, 1);
    const asked = performance.now();
    run.child.kill('SIGTERM');
    const exit = await run.exited;
    const tookMs = performance.now() - asked;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(tookMs, 'time from SIGTERM to exit').toBeLessThan(2000);
  });
});
