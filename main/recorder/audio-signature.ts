import { open, type FileHandle } from 'node:fs/promises';
import { RecordingFailure } from './errors.ts';
import { id3v2Length, parseFrameHeader } from './trim/mp3.ts';

/**
 * MPEG frames that must follow one another, each header exactly where the previous frame ends, at the start of an
 * MP3's audio. Why 8: a frame header is 4 bytes with ~11 fixed bits and a length the next header must agree with,
 * so stray headers turn up in any large file (two were enough to pass a private key off as audio before this
 * check); 8 in a row, all at the same sample rate, do not happen by chance. 8 frames are 0.2–0.6 s of audio.
 * A recording shorter than that (a call hung up at once) passes only if it is nothing but MPEG frames from its
 * first byte to its last (an ID3 tag at the start, an ID3v1 tag at the end): then nothing but audio is saved.
 */
export const MIN_MPEG_FRAMES = 8;
const ID3V1_BYTES = 128;

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** Why the file does not look like a `format` recording, in words; undefined when it does. */
async function signatureProblem(file: FileHandle, format: 'wav' | 'mp3'): Promise<string | undefined> {
  const { size } = await file.stat();
  const head = await readAt(file, 0, 12);
  if (format === 'wav') {
    return head.length === 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WAVE'
      ? undefined
      : 'it does not start with a RIFF/WAVE header';
  }
  let position = id3v2Length(head);
  let sampleRate: number | undefined;
  for (let frames = 0; frames < MIN_MPEG_FRAMES; frames++) {
    if (frames > 0 && (position === size || (position + ID3V1_BYTES === size && (await readAt(file, position, 3)).toString('latin1') === 'TAG'))) {
      return undefined; // a short recording, audio to its end
    }
    const header = parseFrameHeader(await readAt(file, position, 4));
    if (!header || (sampleRate !== undefined && header.sampleRate !== sampleRate) || position + header.length > size) {
      if (frames === 0) return position > 0 ? 'no MPEG audio follows its ID3 tag' : 'it starts with neither an ID3 tag nor MPEG audio';
      return `after ${frames} MPEG audio frame${frames === 1 ? '' : 's'} comes something that is not audio`;
    }
    sampleRate = header.sampleRate;
    position += header.length;
  }
  return undefined;
}

/** Why the file at `path` does not look like a `format` file (see checkAudioSignature), in words; undefined when it does. */
export async function audioFileProblem(path: string, format: 'wav' | 'mp3'): Promise<string | undefined> {
  const file = await open(path, 'r');
  try {
    return await signatureProblem(file, format);
  } finally {
    await file.close();
  }
}

/**
 * Checks that a file is the audio it claims to be before anything of it is saved: RIFF…WAVE for WAV; for MP3 an
 * optional ID3v2 tag, then MPEG frames back to back (see MIN_MPEG_FRAMES). Throws a 'damaged' failure otherwise.
 */
export async function checkAudioSignature(path: string, format: 'wav' | 'mp3'): Promise<void> {
  const problem = await audioFileProblem(path, format);
  if (problem) {
    throw new RecordingFailure('damaged', `The file the PBX gave is not a${format === 'mp3' ? 'n MP3' : ' WAV'} recording: ${problem}. Nothing was saved.`);
  }
}
