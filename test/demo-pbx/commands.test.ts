import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CallModel } from '../../main/demo-pbx/calls.ts';
import { runCommand, type CommandContext } from '../../main/demo-pbx/commands.ts';
import { demoFaults } from '../../main/demo-pbx/faults.ts';
import { historyFrom } from '../../main/ozeki/calls.ts';
import { OzekiError } from '../../main/ozeki/errors.ts';
import { parseResponse } from '../../main/ozeki/xml.ts';
import { FakeClock } from '../helpers/fake-clock.ts';

// The commands are plain functions of the parameters and the call model: no server, no sockets.
function pbx(overrides: Partial<CommandContext> = {}) {
  const clock = new FakeClock();
  const calls = new CallModel(clock, Math.random, new EventEmitter());
  const hungUp: string[] = [];
  const context = (): CommandContext => ({
    calls,
    faults: demoFaults(),
    auth: undefined,
    secondRecord: 'reject',
    now: clock.now(),
    hangUp: (id) => hungUp.push(id),
    ...overrides,
  });
  /** The answer's Code, read by the app's own parser. */
  const run = (params: Record<string, string>) => codeOf(runCommand(new Map(Object.entries(params)), context()));
  /** GetCallHistory's rows for a call, as the app reads them: destination and state. */
  const history = (callId: string) =>
    historyFrom(
      parseResponse(
        runCommand(
          new Map([
            ['command', 'GetCallHistory'],
            ['callid', callId],
          ]),
          context(),
        ),
      ),
    ).calls.map((c) => [c.destination, c.state]);
  return { clock, calls, hungUp, run, history };
}

function codeOf(xml: string): number {
  try {
    return parseResponse(xml).code;
  } catch (error) {
    if (error instanceof OzekiError) return error.code;
    throw error;
  }
}

describe('the demo PBX commands', () => {
  it('answer with the PBX codes for a missing command, an unknown one, a missing CallId and an unknown call', () => {
    const { run } = pbx();
    expect(run({})).toBe(300);
    expect(run({ command: 'Transfer' })).toBe(301);
    expect(run({ command: 'Record' })).toBe(302);
    expect(run({ command: 'Record', callid: 'nope' })).toBe(601);
  });

  it('check the office user before anything else', () => {
    const { run } = pbx({ auth: { username: 'desk', password: 'secret' } });
    expect(run({ command: 'ListActiveCalls' })).toBe(304);
    expect(run({ command: 'ListActiveCalls', username: 'desk', password: 'wrong' })).toBe(305);
    expect(run({ command: 'ListActiveCalls', username: 'desk', password: 'secret' })).toBe(200);
  });

  it('start one recording per call, or a second file when the PBX is set to', () => {
    const rejecting = pbx();
    const callId = rejecting.calls.add({ source: '1000', destination: '1001', state: 'InCall' });
    expect(rejecting.run({ command: 'Record', callid: callId, format: 'ogg' })).toBe(302);
    expect(rejecting.run({ command: 'Record', callid: callId, format: 'WAV' })).toBe(200);
    expect(rejecting.run({ command: 'Record', callid: callId })).toBe(303);
    expect(rejecting.calls.recordingsOf(callId)).toMatchObject([{ format: 'wav', startedAt: rejecting.clock.now() }]);

    const twice = pbx({ secondRecord: 'new-file' });
    const other = twice.calls.add({ source: '1000', destination: '1001', state: 'InCall' });
    expect(twice.run({ command: 'Record', callid: other })).toBe(200);
    expect(twice.run({ command: 'Record', callid: other })).toBe(200);
    expect(twice.calls.recordingsOf(other)).toHaveLength(2);
  });

  it('hold only a call in progress and unhold only a held one; hang up through the context', () => {
    const { run, calls, hungUp } = pbx();
    const callId = calls.add({ source: '1000', destination: '1001' });
    expect(run({ command: 'Hold', callid: callId })).toBe(303);
    calls.answer(callId);
    expect(run({ command: 'Unhold', callid: callId })).toBe(303);
    expect(run({ command: 'Hold', callid: callId })).toBe(200);
    expect(calls.find(callId)?.state).toBe('Hold');
    expect(run({ command: 'Unhold', callid: callId })).toBe(200);
    expect(run({ command: 'HangUp', callid: callId })).toBe(200);
    expect(hungUp).toEqual([callId]);
  });

  it('keep a history row per leg of a call, its state from whether the call was answered, whatever end a test names', () => {
    const { calls, history } = pbx();
    const answered = calls.add({ source: '+36 1 234 5678', destination: '1001' });
    calls.forward(answered, '1002', 'NoAnswer');
    calls.forward(answered, '1003', 'Busy');
    calls.answer(answered);
    calls.end(answered, 'Cancelled'); // answered, so ended by a hang-up: its caller's
    expect(history(answered)).toEqual([
      ['1001', 'NoAnswer'],
      ['1002', 'Busy'],
      ['1003', 'CallerHangUp'],
    ]);

    const rejected = calls.add({ source: '1000', destination: '1001', state: 'InCall' });
    calls.end(rejected, 'Busy');
    expect(history(rejected)).toEqual([['1001', 'CalleeHungUp']]);

    const gaveUp = calls.add({ source: '1000', destination: '1001' });
    expect(() => calls.forward(rejected, '1002', 'NoAnswer')).toThrow(); // gone: nothing rings to forward
    calls.end(gaveUp, 'CallerHangUp'); // never answered: the caller gave up
    const refused = calls.add({ source: '1000', destination: '1001' });
    calls.end(refused, 'CalleeHungUp');
    expect([...history(gaveUp), ...history(refused)]).toEqual([
      ['1001', 'Cancelled'],
      ['1001', 'Busy'],
    ]);
  });
});
