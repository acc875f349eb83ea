import { expect } from 'vitest';
import { demoMp3FrameIndex } from '../../main/demo-pbx/audio.ts';
import { id3v2Length, parseFrameHeader } from '../../main/recorder/trim/mp3.ts';

/**
 * The demo frame numbers in a saved MP3, after its ID3 tag and its Info header; -1 for a silent frame. Every frame
 * must be valid. A frame standing in for one after a cut (it carries the bit reservoir) ends like the one it
 * replaces, so it reads as that one.
 */
export function framesOf(mp3: Buffer): number[] {
  const indexes: number[] = [];
  for (let at = id3v2Length(mp3); at < mp3.length;) {
    const header = parseFrameHeader(mp3, at);
    expect(header).toBeDefined();
    const length = header?.length ?? mp3.length;
    const frame = mp3.subarray(at, at + length);
    const tag = header ? frame.toString('latin1', header.tagOffset, header.tagOffset + 4) : '';
    if (at > id3v2Length(mp3) || (tag !== 'Info' && tag !== 'Xing')) indexes.push(demoMp3FrameIndex(frame));
    at += length;
  }
  return indexes;
}
