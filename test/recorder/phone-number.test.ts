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
