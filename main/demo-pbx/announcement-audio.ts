import http from 'node:http';
import https from 'node:https';

/** The longest announcement file the demo PBX fetches for Play. */
const MAX_BYTES = 50 * 1024 * 1024;
/** How long the fetch may take, start to end. */
const TIMEOUT_MS = 10_000;
/** The head of the file kept to read its format from. */
const HEAD_BYTES = 4096;

/**
 * ASSUMPTION (the docs say nothing of how long TTS takes): the demo PBX speaks 0.4 s a word, at least a second.
 */
export function speakSeconds(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(1, words * 0.4);
}

/**
 * Fetches Play's AudioFile, as the PBX does before it plays it, streaming (only the head is kept), and gives its
 * length in seconds, or why it could not be played (in the PBX's words for a bad parameter).
 */
export function fetchAnnouncementAudio(url: string): Promise<{ seconds: number } | { problem: string }> {
  return new Promise((resolve) => {
    const get = url.startsWith('https:') ? https.get : http.get;
    const req = get(url, { timeout: TIMEOUT_MS }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        resolve({ problem: `HTTP ${res.statusCode ?? 0}` });
        return;
      }
      const head: Buffer[] = [];
      let headBytes = 0;
      let total = 0;
      res.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (headBytes < HEAD_BYTES) {
          head.push(chunk);
          headBytes += chunk.length;
        }
        if (total > MAX_BYTES) req.destroy(new Error('too large'));
      });
      res.once('end', () => {
        const seconds = audioSeconds(Buffer.concat(head), total);
        resolve(seconds === undefined ? { problem: 'not a WAV or MP3 file' } : { seconds });
      });
      res.once('error', (error) => resolve({ problem: error.message }));
    });
    req.once('timeout', () => req.destroy(new Error('timed out')));
    req.once('error', (error) => resolve({ problem: error.message }));
  });
}

/** The length of a WAV (its data chunk over its byte rate) or an MP3 (its size over the first frame's bitrate). */
export function audioSeconds(head: Buffer, total: number): number | undefined {
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WAVE') {
    let byteRate: number | undefined;
    for (let at = 12; at + 8 <= head.length;) {
      const id = head.toString('latin1', at, at + 4);
      const size = head.readUInt32LE(at + 4);
      if (id === 'fmt ' && at + 16 <= head.length) byteRate = head.readUInt32LE(at + 16);
      if (id === 'data') return byteRate ? Math.min(size, total - at - 8) / byteRate : undefined;
      at += 8 + size + (size % 2);
    }
    return undefined;
  }
  let at = 0;
  if (head.toString('latin1', 0, 3) === 'ID3' && head.length >= 10) {
    at = 10 + (((head[6] ?? 0) << 21) | ((head[7] ?? 0) << 14) | ((head[8] ?? 0) << 7) | (head[9] ?? 0));
  }
  const kbps = mpeg1Layer3Kbps(head, at);
  return kbps === undefined ? undefined : ((total - at) * 8) / (kbps * 1000);
}

const LAYER3_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];

/** The bitrate of an MPEG-1 Layer III frame header at `at`; undefined when there is none. */
function mpeg1Layer3Kbps(head: Buffer, at: number): number | undefined {
  if (at + 4 > head.length || head[at] !== 0xff || ((head[at + 1] ?? 0) & 0xfe) !== 0xfa) return undefined;
  const kbps = LAYER3_KBPS[(head[at + 2] ?? 0) >> 4];
  return kbps ? kbps : undefined;
}
