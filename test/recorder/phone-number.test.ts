import { describe, expect, it } from 'vitest';
import { parseAutoRecord, shouldAutoRecord } from '../../main/recorder/auto-record.ts';
import { normalizeNumber, sameNumber } from '../../main/recorder/phone-number.ts';
import { INTERNATIONAL_DIGITS, NUMBER_MATCHING_WORDS, PATTERN_MATCHING_WORDS } from '../../preload/number-words.ts';
import { SETTINGS } from '../../preload/settings-schema.ts';
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
    ['0012', '0012'], // a short number, not 12 abroad
    ['00 36 1 234 5678', '3612345678'],
    ['Reception.Desk', 'reception.desk'], // a name, not a number: compared as written, ignoring case
    ['j.smith', 'j.smith'],
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

  it('reduces only what is written as a phone number: names and short codes are not made to match another', () => {
    expect(sameNumber('j.smith', 'jsmith')).toBe(false);
    expect(sameNumber('J.Smith', 'j.smith')).toBe(true);
    expect(sameNumber('reception-desk', 'receptiondesk')).toBe(false);
    expect(sameNumber('0012', '12')).toBe(false);
    expect(sameNumber('00123', '+123')).toBe(false);
    expect(sameNumber('001 212 555 0100', '+1 (212) 555-0100')).toBe(true);
  });
});

describe('the words that say how numbers are matched (preload/number-words.ts)', () => {
  it('say what the code does: a leading 00 counts only before fewer digits, or never in a number with *', () => {
    const digits = (n: number) => '1'.repeat(n);
    expect(NUMBER_MATCHING_WORDS).toContain(`a leading 00 before ${INTERNATIONAL_DIGITS} or more digits`);
    expect(normalizeNumber(`00${digits(INTERNATIONAL_DIGITS)}`)).toBe(digits(INTERNATIONAL_DIGITS));
    expect(normalizeNumber(`00${digits(INTERNATIONAL_DIGITS - 1)}`)).toBe(`00${digits(INTERNATIONAL_DIGITS - 1)}`);
    expect(normalizeNumber('+(36) 1-234.5/678 ')).toBe('3612345678');

    expect(PATTERN_MATCHING_WORDS).toContain('or in a number with `*`');
    const rule = (text: string) => {
      const parsed = parseAutoRecord(text);
      if ('error' in parsed) throw new Error(parsed.error);
      return parsed;
    };
    const call = (source: string) => ({ state: 'InCall', source, destination: '1001' });
    expect(shouldAutoRecord(rule('0036*'), call('+36 1 234 5678'))).toBe(true);
    expect(shouldAutoRecord(rule('001003'), call('1003'))).toBe(false);
  });

  it("are the auto-record setting's help (window, --help, README)", () => {
    expect(SETTINGS.autoRecord.meaning).toContain(`matched against caller or callee with ${PATTERN_MATCHING_WORDS}`);
    expect(SETTINGS.autoRecord.meaning).not.toMatch(/00 do not count/);
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

  it("erasing a name or a short number takes no one else's recordings", async () => {
    const folder = await tempDir('numbers-');
    await saveRecording(folder, 'smith.wav', { from: 'j.smith', to: '1001' });
    await saveRecording(folder, 'jsmith.wav', { from: 'jsmith', to: '1001' });
    await saveRecording(folder, 'short.wav', { from: '0012', to: '1001' });
    await saveRecording(folder, 'twelve.wav', { from: '12', to: '1001' });
    const items = await scanLibrary(folder);
    expect(recordingsOfNumber(items, 'J.Smith').map((i) => i.relativePath)).toEqual(['smith.wav']);
    expect(recordingsOfNumber(items, '0012').map((i) => i.relativePath)).toEqual(['short.wav']);
  });
});
