import { expect } from 'vitest';
import { demoMp3FrameIndex, MP3_FRAME_BYTES } from '../../main/demo-pbx/audio.ts';
import { id3v2Length, parseFrameHeader } from '../../main/recorder/trim/mp3.ts';

/** The demo frame numbers in a saved MP3, after its ID3 tag; -1 for a silent frame. Every frame must be valid. */
export function framesOf(mp3: Buffer): number[] {
  const indexes: number[] = [];
  for (let at = id3v2Length(mp3); at < mp3.length; at += MP3_FRAME_BYTES) {
    expect(parseFrameHeader(mp3, at)).toBeDefined();
    indexes.push(demoMp3FrameIndex(mp3.subarray(at, at + MP3_FRAME_BYTES)));
  }
  return indexes;
}
