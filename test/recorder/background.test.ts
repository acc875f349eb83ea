import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BackgroundTasks } from '../../main/recorder/background.ts';
import { backoffDelay, SAVE_RETRY } from '../../main/recorder/backoff.ts';
import { asRecordingFailure, RecordingFailure } from '../../main/recorder/errors.ts';
import { lineLogger } from '../../main/recorder/logger.ts';
import { TrimError } from '../../main/recorder/trim/trim-error.ts';

describe('what a failure is', () => {
  it('keeps known failures, calls a bad file damaged, and anything else an internal error that is not retried', () => {
    const network = new RecordingFailure('network', 'The download from the PBX failed (the connection dropped). It will be tried again.');
    expect(asRecordingFailure(network)).toBe(network);
    expect(asRecordingFailure(new TrimError('no RIFF header'))).toMatchObject({ kind: 'damaged', retryable: false });
    const internal = asRecordingFailure(new TypeError("Cannot read properties of undefined (reading 'startMs')"));
    expect(internal).toMatchObject({ kind: 'internal', retryable: false });
    expect(internal.message).toMatch(/^Internal error: Cannot read properties/);
    expect(internal.message).not.toMatch(/tried again/);
  });
});

describe('the shared backoff', () => {
  it('grows, is capped, jitters downwards only, and gives up after the attempt limit', () => {
    const policy = { baseMs: 1000, capMs: 8000, jitter: 0.5, maxAttempts: 6 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(policy, n, () => 0))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(backoffDelay(policy, 3, () => 1)).toBe(2000);
    expect(backoffDelay(policy, 7, () => 0)).toBeUndefined();
    expect(backoffDelay(SAVE_RETRY, 1, () => 0)).toBe(15_000);
  });
});

describe('background tasks', () => {
  it('log a failure instead of leaving an unhandled rejection, and settle', async () => {
    const logs: string[] = [];
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const tasks = new BackgroundTasks(lineLogger((l) => logs.push(l)));
      tasks.run('Writing the journal', () => Promise.reject(new Error('The journal is closed.')));
      tasks.run('Throwing at once', () => {
        throw new TypeError('boom');
      });
      await tasks.settled();
      await new Promise((r) => setImmediate(r));
      const messages = logs.map((l) => l.replace(/^\S+ error /, '').split('\\n')[0]).sort(); // a stack trace goes on after an escaped newline
      expect(messages).toEqual(['Throwing at once failed: TypeError: boom', 'Writing the journal failed: Error: The journal is closed.']);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('log what was thrown when it is not an Error: its fields, or the string itself', async () => {
    const logs: string[] = [];
    const tasks = new BackgroundTasks(lineLogger((l) => logs.push(l)));
    // Not Errors on purpose: what some libraries reject with.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- see above
    tasks.run('Writing to the pipe', () => Promise.reject({ code: 'EPIPE', syscall: 'write' }));
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- see above
    tasks.run('Reading the answer', () => Promise.reject('gave up'));
    await tasks.settled();
    expect(logs.map((l) => l.replace(/^\S+ error /, '')).sort()).toEqual([
      'Reading the answer failed: gave up',
      "Writing to the pipe failed: { code: 'EPIPE', syscall: 'write' }",
    ]);
  });
});

describe('process guards', () => {
  const ROOT = fileURLToPath(new URL('../../', import.meta.url));
  const run = (code: string) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', (exit) => resolve({ code: exit, out, err }));
    });
  const prelude = `import { installProcessGuards } from './main/recorder/process-guards.ts'; import { stderrLogger } from './main/recorder/logger.ts';`;

  it('log an unhandled rejection and keep the process running', async () => {
    const result = await run(
      `${prelude} installProcessGuards(stderrLogger, () => process.exit(3)); Promise.reject(new Error('lost write')); setTimeout(() => console.log('still running'), 50);`,
    );
    expect(result).toMatchObject({ code: 0, out: 'still running\n' });
    expect(result.err).toMatch(/error A background task failed and nobody handled it: Error: lost write/);
  });

  it('log an uncaught exception and hand over to a clean stop', async () => {
    const result = await run(
      `${prelude} installProcessGuards(stderrLogger, () => { console.log('stopping cleanly'); process.exitCode = 1; }); setTimeout(() => { throw new Error('bug'); }, 0);`,
    );
    expect(result).toMatchObject({ code: 1, out: 'stopping cleanly\n' });
    expect(result.err).toMatch(/error Unexpected error; stopping: Error: bug/);
  });

  it('without them, the same rejection ends the process (what the guards prevent)', async () => {
    const result = await run(`Promise.reject(new Error('lost write')); setTimeout(() => console.log('still running'), 50);`);
    expect(result.code).not.toBe(0);
    expect(result.out).toBe('');
  });
});

describe('the logger', () => {
  it('writes every entry as one printable line, PBX text and stack traces included', () => {
    const lines: string[] = [];
    const logger = lineLogger(
      (l) => lines.push(l),
      () => Date.UTC(2026, 10, 27, 9, 30),
    );
    logger.warn('Refused a notification from 10.0.0.5: caller id "\u001b[2K\r\nsaved FAKE"');
    logger.error('Saving failed', new Error('first\nsecond'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('2026-11-27T09:30:00.000Z warn  Refused a notification from 10.0.0.5: caller id "\\x1b[2K\\r\\nsaved FAKE"');
    expect(lines[1]).toMatch(/^2026-11-27T09:30:00\.000Z error Saving failed: Error: first\\nsecond\\n {4}at /);
  });
});
