import type { FileHandle } from 'node:fs/promises';
import { headerHolding, type FrameHeader } from './mp3.ts';

/** Source frames remembered: enough for the largest reservoir even with the smallest frames. */
const REMEMBERED_FRAMES = 64;

/**
 * Layer III frames take part of their audio data from the frames before them: the bit reservoir, up to 511 bytes
 * in MPEG-1 and 255 in MPEG-2 and 2.5. After a cut the frames before are others, and the first frames of the
 * resumed part would decode as noise. So the first frame of each resumed part is replaced by a carrier: a frame
 * that decodes as silence (its side information all zero: no audio data of its own) and whose data area ends with
 * the bytes the source had up to the end of the frame it replaces; every frame after it then decodes as in the
 * source. The cost is one frame of silence at each cut (13 to 72 ms), and a carrier may be larger than the frames
 * around it (a higher bitrate) to hold the bytes.
 */
export class ReservoirCarrier {
  /** Where the audio data of the last source frames lies in the file, oldest first. */
  private readonly recent: { start: number; end: number }[] = [];

  constructor(private readonly file: FileHandle) {}

  /** Every source frame, in order. */
  passed(position: number, header: FrameHeader): void {
    this.recent.push({ start: position + header.payloadOffset, end: position + header.length });
    if (this.recent.length > REMEMBERED_FRAMES) this.recent.shift();
  }

  /** The carrier that stands in for the last frame passed, whose first bytes are `frame`'s. */
  async carrierFor(frame: Buffer, header: FrameHeader): Promise<Buffer> {
    const wanted = header.mpeg1 ? 511 : 255;
    const ranges: { start: number; end: number }[] = [];
    let total = 0;
    for (let i = this.recent.length - 1; i >= 0 && total < wanted; i--) {
      const range = this.recent[i];
      if (!range) break;
      ranges.unshift(range);
      total += range.end - range.start;
    }
    const parts = await Promise.all(
      ranges.map(async ({ start, end }) => {
        const part = Buffer.alloc(end - start);
        const { bytesRead } = await this.file.read(part, 0, part.length, start);
        return part.subarray(0, bytesRead);
      }),
    );
    const joined = Buffer.concat(parts);
    const carried = joined.subarray(Math.max(0, joined.length - wanted));
    const { header: head, frame: shape } = headerHolding(frame, carried.length);
    const carrier = Buffer.alloc(shape.length);
    head.copy(carrier, 0);
    carried.copy(carrier, shape.length - carried.length);
    return carrier;
  }
}
