import { describe, expect, it } from 'vitest';
import { normalizeNumber, sameNumber } from '../../main/recorder/phone-number.ts';
import { scanLibrary } from '../../main/recorder/library.ts';
import { recordingsOfNumber } from '../../main/recorder/retention.ts';
import { saveRecording } from '../helpers/library.ts';
import { tempDir } from '../helpers/recorder.ts';

describe('phone numbers', () => {
  it.each([
    ['+36 1 234 5678', '3612345678'],
    ['+36 (1) 234-5678', '3612345678'],
    ['0036 1 234 5678', '3612345678'],
    ['[06] 1.234/5678', '0612345678'],
    ['  1001 ', '1001'],
    ['*72#', '*72#'],
    ['Reception.Desk', 'receptiondesk'],
  ])('reads %j as %j', (written, normal) => {
    expect(normalizeNumber(written)).toBe(normal);
  });

  it('takes numbers written in different ways as one number, and no more', () => {
    expect(sameNumber('+36 1 234 5678', '0036-1-234-5678')).toBe(true);
    expect(sameNumber('3612345678', '+36 (1) 234 5678')).toBe(true);
    expect(sameNumber('1001', '10011')).toBe(false);
    expect(sameNumber('100', '1001')).toBe(false);
    expect(sameNumber('', '')).toBe(false);
    expect(sameNumber(' - ', '')).toBe(false);
  });
});

describe('the recordings of a number', () => {
  it('are those where it called or was called, however the number is written', async () => {
    const folder = await tempDir('numbers-');
    await saveRecording(folder, 'a.wav', { from: '+36 1 234 5678', to: '1001' });
    await saveRecording(folder, 'b.wav', { from: '1002', to: '0036 (1) 234-5678' });
    await saveRecording(folder, 'c.wav', { from: '+36 1 234 56789', to: '1001' });
    const items = await scanLibrary(folder);
    expect(
      recordingsOfNumber(items, '36-1-234-5678')
        .map((i) => i.relativePath)
        .sort(),
    ).toEqual(['a.wav', 'b.wav']);
    expect(recordingsOfNumber(items, '  ')).toEqual([]);
  });
});
