import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanSegment, freeName, placeFile, placingMark, renderTemplate, templateProblem } from '../../main/recorder/naming.ts';
import { tempDir } from '../helpers/recorder.ts';

const fields = { start: new Date(2026, 10, 26, 9, 5, 7), from: '+36 1 234 5678', to: '1001', callerName: 'Müller & Söhne', callId: 'XzeOK', format: 'mp3' };

describe('file names', () => {
  it('fills every token', () => {
    expect(renderTemplate('{date}_{time}_{from}_{to}', fields)).toBe('2026-11-26_09-05-07_+36 1 234 5678_1001');
    expect(renderTemplate('{callerName} {callId}.{format}', fields)).toBe('Müller & Söhne XzeOK.mp3');
  });

  it('makes sub-folders from / in the template, but not from / inside a value', () => {
    expect(renderTemplate('{date}/{from}', { ...fields, from: '../../etc/passwd' })).toBe('2026-11-26/.._.._etc_passwd');
    expect(renderTemplate('../{to}', fields)).toBe('_/1001');
  });

  it.each([
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['a<b>c:d"e|f?g*h', 'a_b_c_d_e_f_g_h'],
    ['trailing dots...', 'trailing dots'],
    ['tab\there', 'tab here'],
    ['', '_'],
    ['..', '_'],
  ])('cleans %j for every OS', (raw, clean) => {
    expect(cleanSegment(raw)).toBe(clean);
  });

  it('keeps names within 120 bytes without splitting a character', () => {
    const long = cleanSegment('ő'.repeat(200));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(120);
    expect(long).toBe('ő'.repeat(60));
  });

  it('cuts a long name by whole characters: a flag goes, not half of it', () => {
    // 113 bytes of letters and a flag of two 4-byte code points: 121 bytes.
    expect(cleanSegment(`${'a'.repeat(113)}🇭🇺`)).toBe('a'.repeat(113));
  });

  it('checks templates', () => {
    expect(templateProblem('{date}_{from}')).toBeUndefined();
    expect(templateProblem('{dat}')).toContain('Unknown token {dat}');
    expect(templateProblem('  ')).toBe('The file name template is empty.');
  });

  it('never overwrites: a clash gets (2), (3)', async () => {
    const folder = await tempDir('names-');
    await writeFile(join(folder, 'call.wav'), 'first');
    await writeFile(join(folder, 'call (2).json'), '{}');
    expect(await freeName(folder, 'call', 'wav')).toBe(join(folder, 'call (3).wav'));
    expect((await readdir(folder)).sort()).toEqual(['call (2).json', 'call.wav']); // nothing created
  });

  it('moves a file to a name without overwriting, and leaves a name taken meanwhile alone', async () => {
    const folder = await tempDir('names-');
    const temp = join(folder, 'temp');
    await writeFile(temp, 'mine');
    expect(await placeFile(temp, join(folder, 'call.wav'))).toBe(true);
    expect(await readFile(join(folder, 'call.wav'), 'utf8')).toBe('mine');
    await writeFile(temp, 'second');
    expect(await placeFile(temp, join(folder, 'call.wav'))).toBe(false);
    expect(await readFile(join(folder, 'call.wav'), 'utf8')).toBe('mine');
    expect(await readFile(temp, 'utf8')).toBe('second');
    await expect(placeFile(join(folder, 'gone'), join(folder, 'other.wav'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await readdir(folder)).sort()).toEqual(['call.wav', 'temp']); // nothing of the failed move stays
  });

  it('takes up or removes the placeholder a crash left before the file was moved over it, and leaves a move under way alone', async () => {
    const folder = await tempDir('names-');
    const at = (name: string) => join(folder, name);
    for (const name of ['mine', 'next', 'busy', 'late']) await writeFile(at(name), name);
    await writeFile(at('a.wav'), placingMark(at('mine'))); // a crash while moving "mine" there
    await writeFile(at('b.wav'), placingMark(at('gone'))); // a crash while moving a file that is gone since
    await writeFile(at('c.wav'), placingMark(at('busy'))); // a move under way: its file is still there
    expect(await placeFile(at('mine'), at('a.wav'))).toBe(true);
    expect(await placeFile(at('next'), at('b.wav'))).toBe(true);
    expect(await placeFile(at('late'), at('c.wav'))).toBe(false);
    expect(await readFile(at('a.wav'), 'utf8')).toBe('mine');
    expect(await readFile(at('b.wav'), 'utf8')).toBe('next');
    expect(await readFile(at('c.wav'), 'utf8')).toBe(placingMark(at('busy')));
    expect((await readdir(folder)).sort()).toEqual(['a.wav', 'b.wav', 'busy', 'c.wav', 'late']);
  });

  it('names files in sub-folders of the template', async () => {
    const folder = await tempDir('names-');
    await mkdir(join(folder, '2026-11-26'));
    expect(await freeName(folder, '2026-11-26/call', 'mp3')).toBe(join(folder, '2026-11-26', 'call.mp3'));
  });
});
