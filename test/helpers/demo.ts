import { afterEach } from 'vitest';
import { OzekiClient, type OzekiClientOptions } from '../../main/ozeki/client.ts';
import { DemoPbx, type DemoPbxOptions } from '../../main/demo-pbx/server.ts';

const cleanups: (() => void | Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** Closes something after the current test, last opened first. */
export function onCleanup(cleanup: () => void | Promise<void>): void {
  cleanups.push(cleanup);
}

/** A started demo PBX on a free loopback port, stopped after the test. */
export async function startDemoPbx(options: DemoPbxOptions = {}): Promise<DemoPbx> {
  const pbx = new DemoPbx(options);
  await pbx.start();
  onCleanup(() => pbx.stop());
  return pbx;
}

/** A client for a PBX URL, closed after the test. */
export function clientFor(baseUrl: string, options: Partial<OzekiClientOptions> = {}): OzekiClient {
  const client = new OzekiClient({ baseUrl, timeoutMs: 3000, ...options });
  onCleanup(() => client.close());
  return client;
}

/** Resolves once the PBX has received `count` commands named `command` (case-insensitive) in all. */
export function commandsReceived(pbx: DemoPbx, command: string, count: number): Promise<void> {
  const seen = () => pbx.received.filter((c) => c.command.toLowerCase() === command.toLowerCase()).length >= count;
  if (seen()) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = () => {
      if (!seen()) return;
      pbx.off('command', listener);
      resolve();
    };
    pbx.on('command', listener);
  });
}

/** How many times the PBX has been polled (ListActiveCalls received) so far. */
export function pollsReceived(pbx: DemoPbx): number {
  return pbx.received.filter((c) => c.command.toLowerCase() === 'listactivecalls').length;
}

/** Resolves once the PBX has been polled `count` more times than so far. */
export function morePolls(pbx: DemoPbx, count: number): Promise<void> {
  return commandsReceived(pbx, 'ListActiveCalls', pollsReceived(pbx) + count);
}
