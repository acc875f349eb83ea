import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/main.ts';
import { DATA_FILES } from '../../main/recorder/data-dir.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { collectLines } from '../helpers/lines.ts';
import { runArgs } from '../helpers/child-recorder.ts';

const PASSWORD = 'Pw-of-the-desk-4Kq9zT';

describe('ozeki-recorder run never prints a secret', () => {
  it.each([
    ['text lines', []],
    ['JSON lines', ['--json']],
  ])('in %s: two recordings logged at info level, and neither the password nor any secret in the output or the log', async (_format, extra) => {
    const pbx = await startDemoPbx({ auth: { username: 'desk', password: PASSWORD } });
    const stdout = collectLines();
    const stderr = collectLines();
    const { lines: out } = stdout;
    const { lines: err } = stderr;
    const stop = new AbortController();
    const { args, dataDir } = await runArgs(pbx.url, {
      extra: ['--username', 'desk', '--auto-record', 'all', '--poll-interval', '100', '--log-level', 'info', ...extra],
    });
    const run = runCli(args, { out: stdout.push, err: stderr.push, env: { OZEKI_PASSWORD: PASSWORD }, stop: stop.signal });
    await stderr.when((lines) => lines.some((l) => l.startsWith('Listening for finished recordings on ')));

    const calls = [
      pbx.addCall({ source: '+36 1 234 5678', destination: '1001', state: 'InCall' }),
      pbx.addCall({ source: '1002', destination: '1003', state: 'InCall' }),
    ];
    await stdout.when((lines) => calls.every((id) => lines.some((l) => l.includes(id) && /recording-started|recording started/.test(l))));
    for (const id of calls) await pbx.endCall(id);
    await stdout.when((lines) => calls.every((id) => lines.some((l) => l.includes(id) && /recording-saved|^saved /.test(l))));
    // The PBX's CallChanged notification, which carries the listener's secret in its path.
    const listenerSecret = (await readFile(join(dataDir, DATA_FILES.listenerSecret), 'utf8')).trim();
    const base = /^Listening for finished recordings on (\S+)$/.exec(err.find((l) => l.startsWith('Listening')) ?? '')?.[1];
    const changed = await request(`${base}/ozeki/call-changed/${listenerSecret}`, {
      method: 'POST',
      body: `NotificationName=CallChanged&CallId=${calls[0] ?? ''}&CallState=Completed`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await changed.body.dump();
    expect(changed.statusCode).toBe(200);
    stop.abort();
    expect(await run).toBe(0);

    const journal = await readFile(join(dataDir, DATA_FILES.journal), 'utf8');
    const ids = [...new Set([...journal.matchAll(/"id":"([0-9a-f-]{36})"/g)].map((m) => m[1] ?? ''))];
    const secrets = [...new Set([...journal.matchAll(/"secret":"([^"]+)"/g)].map((m) => m[1] ?? ''))];
    expect(ids).toHaveLength(2);
    expect(secrets).toHaveLength(2);
    // Not a silent log: every move of both recordings is in it, by id.
    for (const id of ids) expect(err.filter((l) => l.includes(id)).length, `log lines of ${id}`).toBeGreaterThanOrEqual(6);
    if (extra.includes('--json')) {
      const entries = err.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(entries.length).toBeGreaterThanOrEqual(12);
      for (const entry of entries) expect(Object.keys(entry)).toEqual(['time', 'level', 'message']);
    }

    const everything = [...out, ...err].join('\n');
    for (const secret of [PASSWORD, listenerSecret, ...secrets]) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/record-completed\/[0-9a-f-]{36}\//); // a FinishedURL
    // Where the CallChanged URL's secret is, said without writing it.
    expect(err).toContain(
      `For live updates, set the PBX's CallChanged URL to ${base}/ozeki/call-changed/ followed by the text of the file ${join(dataDir, DATA_FILES.listenerSecret)}`,
    );
  });
});
