import { open, type FileHandle } from 'node:fs/promises';
import type { KeptSegment } from '../segments.ts';
import { id3v2Length, parseFrameHeader, tailTagsStart } from './mp3.ts';
import { ReservoirCarrier } from './mp3-reservoir.ts';
import { crc16, DECODER_DELAY, readSourceInfo, SeekPoints, xingFrame, type SourceInfo } from './mp3-xing.ts';
import { appendPiece, type Piece, type TrimPlan } from './pieces.ts';
import { TrimError } from './trim-error.ts';

/**
 * More bytes than any MPEG frame has (the largest, layer II at 384 kbit/s and 32 kHz, has 1,729) that are neither
 * frames nor tags, in the middle of the audio: the walker cannot tell how much audio they hold, so it cannot say
 * where the kept parts are past them, and the file is saved whole.
 */
const MAX_JUNK_BYTES = 4096;
/** The note's name for such a file. */
const UNREADABLE_MP3 = 'MP3 with parts the trimmer cannot read';

/** A frame of silence shaped like `frame`: same header without CRC, everything else zero. */
function silentFrameLike(frame: Buffer, length: number): Buffer {
  const silent = Buffer.alloc(length);
  frame.copy(silent, 0, 0, 4);
  silent[1] = (silent[1] ?? 0) | 1; // no CRC
  return silent;
}

/** Sequential reads in large blocks into one reused buffer, with a view of any short window of the file. */
class BlockReader {
  private readonly block = Buffer.alloc(1024 * 1024);
  private buffer = this.block.subarray(0, 0);
  private start = 0;
  constructor(
    private readonly file: FileHandle,
    readonly size: number,
  ) {}

  /** A view valid until the next call: callers copy what they keep. */
  async window(position: number, length: number): Promise<Buffer> {
    if (length > this.block.length) throw new TrimError('An MPEG frame is larger than any valid frame.');
    if (position < this.start || position + length > this.start + this.buffer.length) {
      const { bytesRead } = await this.file.read(this.block, 0, this.block.length, position);
      this.buffer = this.block.subarray(0, bytesRead);
      this.start = position;
    }
    const from = position - this.start;
    return this.buffer.subarray(from, Math.min(from + length, this.buffer.length));
  }
}

/** The frames written so far and what a Xing header needs to know of them. */
class OutputFrames {
  frames = 0;
  audioBytes = 0;
  musicCrc = 0;
  private frameLength: number | undefined;
  constantSize = true;
  readonly seekPoints = new SeekPoints();
  /** Whether the music CRC is needed (for a LAME tag): it costs a pass over every byte. */
  withCrc = false;
  constructor(private readonly pieces: Piece[]) {}

  add(piece: Piece, bytes: Buffer): void {
    appendPiece(this.pieces, piece);
    this.seekPoints.add(this.frames, this.audioBytes);
    if (this.withCrc) this.musicCrc = crc16(bytes, this.musicCrc);
    if (this.frameLength !== undefined && bytes.length !== this.frameLength) this.constantSize = false;
    this.frameLength = bytes.length;
    this.frames++;
    this.audioBytes += bytes.length;
  }
}

/**
 * The output of a cut MP3, frame-exact and without re-encoding: the ID3v2 tag as it was; a fresh Xing/Info header
 * for the result when the source had one (Xing, Info or VBRI; see mp3-xing.ts); the MPEG frames whose start lies in
 * a kept segment (or with `silence`, silent frames in place of paused ones between kept parts); then the APEv2 and
 * ID3v1 tags of the end, once. Stray bytes between frames are left out; a stretch of them larger than any frame
 * makes the file one the trimmer cannot follow: `uncut`.
 */
export async function mp3Pieces(path: string, segments: readonly KeptSegment[], pausedParts: 'remove' | 'silence'): Promise<TrimPlan> {
  const file = await open(path, 'r');
  try {
    const reader = new BlockReader(file, (await file.stat()).size);
    const pieces: Piece[] = [];
    let position = id3v2Length(await reader.window(0, 10));
    if (position > 0) pieces.push({ type: 'copy', start: 0, end: Math.min(position, reader.size) });
    const audioEnd = Math.max(position, await tailTagsStart((at, length) => reader.window(at, length), reader.size));
    const xingAt = pieces.length;
    let source: SourceInfo | undefined;
    const output = new OutputFrames(pieces);
    let seconds = 0;
    let outputSeconds = 0;
    let first = true;
    let inSync = false;
    let junk = 0;
    let unreadable = false;
    let lastKept = false;
    /** Where the decoded audio starts in the frames: kept segments are times in the decoded audio. */
    let delayMs = 0;
    let sampleRate = 0;
    const reservoir = new ReservoirCarrier(file);
    let sourceFrame = 0;
    let lastKeptFrame = -1;
    while (position + 4 <= audioEnd) {
      const header = parseFrameHeader(await reader.window(position, 4));
      // Right after a frame a header is trusted; a sync word found by searching through junk is only
      // believed when another frame follows it (or the audio ends there).
      const confirmed =
        header !== undefined &&
        position + header.length <= audioEnd &&
        (inSync || position + header.length + 4 > audioEnd || parseFrameHeader(await reader.window(position + header.length, 4)) !== undefined);
      if (!header || !confirmed) {
        inSync = false;
        position++;
        junk++;
        continue;
      }
      if (junk > MAX_JUNK_BYTES && !first) unreadable = true;
      junk = 0;
      inSync = true;
      const frame = await reader.window(position, header.length);
      if (first) {
        first = false;
        source = readSourceInfo(frame, header);
        output.withCrc = source?.lame !== undefined;
        sampleRate = header.sampleRate;
        if (source?.lame) delayMs = ((source.delay + DECODER_DELAY) * 1000) / sampleRate;
        if (source) {
          pieces.push({ type: 'bytes', data: Buffer.alloc(0) }); // the new header, once the counts are known
          position += header.length;
          continue;
        }
      }
      const startMs = Math.max(0, seconds * 1000 - delayMs);
      const kept = segments.some((s) => startMs >= s.startMs && (s.endMs === undefined || startMs < s.endMs));
      const frameSeconds = header.samples / header.sampleRate;
      reservoir.passed(position, header);
      if (kept) {
        if (header.layer === 3 && sourceFrame !== lastKeptFrame + 1) {
          const carrier = await reservoir.carrierFor(frame, header); // resumed after a cut
          output.add({ type: 'bytes', data: carrier }, carrier);
        } else {
          output.add({ type: 'copy', start: position, end: position + header.length }, frame);
        }
        lastKeptFrame = sourceFrame;
        outputSeconds += frameSeconds;
      } else if (pausedParts === 'silence' && segments.some((s) => s.endMs === undefined || startMs < s.endMs)) {
        // silence stands in for paused frames only between kept parts, not after the last one
        const silent = silentFrameLike(frame, header.length);
        output.add({ type: 'repeat', unit: silent, count: 1 }, silent);
        outputSeconds += frameSeconds;
      }
      lastKept = kept;
      sourceFrame++;
      seconds += frameSeconds;
      position += header.length;
    }
    if (seconds === 0) throw new TrimError('The recording is not an MP3 file (no MPEG audio frames found).');
    if (unreadable) return { uncut: UNREADABLE_MP3, durationMs: Math.round(seconds * 1000) };
    if (source) {
      const { frames, audioBytes, seekPoints, musicCrc, constantSize } = output;
      pieces[xingAt] = { type: 'bytes', data: xingFrame(source, { frames, audioBytes, seekPoints, musicCrc, constantSize, keepsLastFrame: lastKept }) };
    }
    if (audioEnd < reader.size) pieces.push({ type: 'copy', start: audioEnd, end: reader.size });
    // as decoders that read the LAME tag play it: without the encoder's delay, and its padding (or, where the last
    // frame is gone, the filterbank's delay, which no decoder gets out) at the end
    const gaplessSamples = source?.lame ? source.delay + (lastKept ? source.padding : DECODER_DELAY) : 0;
    return { pieces, durationMs: Math.max(0, Math.round(outputSeconds * 1000 - (gaplessSamples * 1000) / Math.max(1, sampleRate))) };
  } finally {
    await file.close();
  }
}
