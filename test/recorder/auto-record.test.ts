import { describe, expect, it } from 'vitest';
import { describeAutoRecord, parseAutoRecord, shouldAutoRecord, type AutoRecordRule } from '../../main/recorder/auto-record.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { cli } from '../helpers/cli.ts';
import { nextEvent, startRecorder, tempDir, until } from '../helpers/recorder.ts';

function rule(text: string): AutoRecordRule {
  const parsed = parseAutoRecord(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}

const call = (source: string, destination: string, state = 'InCall') => ({ source, destination, state });

describe('auto-record rules', () => {
  it('none, all and patterns', () => {
    const some = rule('+36*, 1003, *555*');
    expect(shouldAutoRecord(rule('none'), call('1', '2'))).toBe(false);
    expect(shouldAutoRecord(rule(''), call('1', '2'))).toBe(false);
    expect(shouldAutoRecord(rule('ALL'), call('1', '2'))).toBe(true);
    expect(shouldAutoRecord(rule('all'), call('1', '2', 'Ringing'))).toBe(false);
    expect(shouldAutoRecord(some, call('+36 1 234', '1001'))).toBe(true);
    expect(shouldAutoRecord(some, call('1000', '1003'))).toBe(true);
    expect(shouldAutoRecord(some, call('1036', '10035'))).toBe(false);
    expect(shouldAutoRecord(some, call('0615550000', '1000'))).toBe(true);
    expect(shouldAutoRecord(some, call('+36 1 234', '1001', 'Ringing'))).toBe(false);
  });

  it('reads numbers as people write them: spaces, dashes, brackets and the international prefix do not count', () => {
    const one = rule('+3612345678');
    for (const written of ['+36 1 234 5678', '+36-1-234-5678', '+36 (1) 234-5678', '0036 1 234 5678', '3612345678'])
      expect(shouldAutoRecord(one, call(written, '1001')), written).toBe(true);
    expect(shouldAutoRecord(one, call('+36 1 234 5679', '1001'))).toBe(false);
    expect(shouldAutoRecord(one, call('+36 1 234 56780', '1001'))).toBe(false); // the whole number, not its start
    const abroad = rule('0036*');
    for (const written of ['0036 1 234 5678', '+36 1 234 5678']) expect(shouldAutoRecord(abroad, call(written, '1001')), written).toBe(true);
    expect(shouldAutoRecord(rule('0012'), call('12', '1001'))).toBe(false); // a short number is not 12 abroad
    expect(shouldAutoRecord(rule('0012'), call('0012', '1001'))).toBe(true);
    const written = rule('+36 (1) 234-*');
    expect(shouldAutoRecord(written, call('1003', '+3612349999'))).toBe(true);
    expect(shouldAutoRecord(written, call('1003', '+36 1 235 0000'))).toBe(false);
  });

  it('refuses words and anything else that is no number, saying what to write', () => {
    for (const text of ['sometimes', 'al', '1003, nobody', '10[0-9]', '+', '*', '1003; 1004'])
      expect(parseAutoRecord(text), text).toEqual({
        error: expect.stringContaining('is not a number: write all, none, or numbers like +36*, 1003') as unknown,
      });
    expect(parseAutoRecord('sometimes')).toEqual({
      error: '"sometimes" is not a number: write all, none, or numbers like +36*, 1003 (* stands for any digits).',
    });
    expect(parseAutoRecord(' 1003 , ,1004 ')).toMatchObject({ kind: 'patterns' }); // an empty item between commas is no mistake
  });

  it('says what it understood, in a sentence', () => {
    expect(describeAutoRecord(rule('+36*, 1003'))).toBe('Records calls from or to +36…, and 1003, once they are answered.');
    expect(describeAutoRecord(rule('1003'))).toBe('Records calls from or to 1003, once they are answered.');
    expect(describeAutoRecord(rule('*555*, 1003, +44 20*'))).toBe('Records calls from or to …555…, 1003, and +44 20…, once they are answered.');
    expect(describeAutoRecord(rule('all'))).toBe('Records every call once it is answered.');
    expect(describeAutoRecord(rule('none'))).toBe('Records no call by itself.');
  });
});

describe('auto-record on the demo PBX', () => {
  it('records the calls of a number written differently in the rule and by the PBX, and no other call', async () => {
    const pbx = await startDemoPbx();
    const rec = await startRecorder(pbx, { autoRecord: '+3612345678, (1003)' });
    const spaced = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', state: 'InCall' });
    const started = await nextEvent(rec, 'recording-started');
    expect(started).toMatchObject({ callId: spaced, auto: true });
    const toDesk = pbx.addCall({ source: '06-30-111-2222', destination: '1003', state: 'InCall' });
    const other = pbx.addCall({ source: '+36 1 234 5679', destination: '1002', state: 'InCall' });
    await until(rec, (s) => s.calls.length === 3);
    await until(rec, (s) => s.calls.some((c) => c.callId === toDesk && c.recording !== undefined));
    await rec.service.settled(); // every auto-record the polls started has ended
    expect(pbx.recordingsOf(spaced)).toHaveLength(1);
    expect(pbx.recordingsOf(toDesk)).toHaveLength(1);
    expect(pbx.recordingsOf(other)).toEqual([]);
  });

  it('records nothing with a rule that is no number, and says why', async () => {
    const pbx = await startDemoPbx();
    const rec = await startRecorder(pbx, { autoRecord: 'sometimes' });
    const callId = pbx.addCall({ source: '1000', destination: '1002', state: 'InCall' });
    await until(rec, (s) => s.calls.some((c) => c.callId === callId));
    await rec.service.settled();
    expect(pbx.recordingsOf(callId)).toEqual([]);
    expect(rec.logs.some((line) => line.includes('Auto-record is off: "sometimes" is not a number'))).toBe(true);
  });
});

describe('auto-record on the command line', () => {
  it('refuses a rule that is no number before anything starts, in the same words', async () => {
    const pbx = await startDemoPbx();
    const folder = await tempDir('cli-auto-');
    for (const rule of ['sometimes', 'al']) {
      const { code, err } = await cli([
        'run',
        '--pbx-url',
        pbx.url,
        '--folder',
        folder,
        '--data-dir',
        folder,
        '--listen',
        '127.0.0.1:0',
        '--auto-record',
        rule,
      ]);
      expect(code).toBe(1);
      expect(err).toEqual([`--auto-record: "${rule}" is not a number: write all, none, or numbers like +36*, 1003 (* stands for any digits).`]);
    }
    expect(pbx.received.filter((r) => r.command === 'ListActiveCalls')).toEqual([]);
  });
});
