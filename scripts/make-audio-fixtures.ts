// Makes the audio fixtures in test/fixtures/audio/ with real encoders: ffmpeg (its WAV writer, LAME through
// libmp3lame, libgsm) and, for CRC-protected frames, which ffmpeg cannot write, the lame command line. The files are
// committed; the tests never run this. Run it again only to change the fixtures:
//   node --import tsx scripts/make-audio-fixtures.ts      (needs ffmpeg and lame: apt-get install ffmpeg lame)
//
// Every fixture is the same 2 s signal: a 440 Hz tone whose amplitude doubles every 500 ms (0.06, 0.12, 0.24, 0.48
// of full scale), so a test that decodes a trimmed file can tell which half-seconds were kept (AUDIO_STEP_* in
// test/helpers/ffmpeg.ts). A few are then changed by hand here where no encoder writes what a PBX may: a VBRI
// header, an ID3v2.4 footer, an APEv2 tag, junk in the middle.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { id3v2Length, parseFrameHeader } from '../main/recorder/trim/mp3.ts';

const OUT = join(import.meta.dirname, '..', 'test', 'fixtures', 'audio');
const signal = (rate: number) => `aevalsrc=exprs='0.06*pow(2\\,floor(t*2))*sin(2*PI*440*t)':s=${rate}:d=2`;

function ffmpeg(name: string, rate: number, ...args: string[]): void {
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', signal(rate), '-fflags', '+bitexact', '-flags:a', '+bitexact', ...args, join(OUT, name)], {
    stdio: 'inherit',
  });
}

/** The same signal in both channels, at the same level (-ac 2 would make each 3 dB quieter). */
const STEREO = ['-af', 'pan=stereo|c0=c0|c1=c0'];

mkdirSync(OUT, { recursive: true });

// WAV: every PCM width, float, WAVE_FORMAT_EXTENSIBLE (ffmpeg writes it for more than 16 bits), G.711, the block
// formats, and one format the trimmer does not cut (Microsoft ADPCM).
ffmpeg('pcm-u8.wav', 8000, '-c:a', 'pcm_u8');
ffmpeg('pcm-s16.wav', 8000, '-c:a', 'pcm_s16le', '-metadata', 'title=Call', '-metadata', 'artist=Ozeki'); // with a LIST chunk
ffmpeg('pcm-s24-stereo-extensible.wav', 8000, ...STEREO, '-c:a', 'pcm_s24le');
ffmpeg('pcm-s32-extensible.wav', 8000, '-c:a', 'pcm_s32le');
ffmpeg('float32-extensible.wav', 8000, '-c:a', 'pcm_f32le');
ffmpeg('mulaw.wav', 8000, '-c:a', 'pcm_mulaw');
ffmpeg('alaw.wav', 8000, '-c:a', 'pcm_alaw');
ffmpeg('ima-adpcm.wav', 8000, '-c:a', 'adpcm_ima_wav', '-block_size', '256');
ffmpeg('gsm.wav', 8000, '-c:a', 'libgsm_ms');
ffmpeg('ms-adpcm.wav', 8000, '-c:a', 'adpcm_ms');

// MP3 through LAME: CBR at 8 kHz (MPEG-2.5) and at 44.1 kHz stereo (MPEG-1) with ID3v2.3, VBR at 16 kHz (MPEG-2)
// with ID3v2.4 and ID3v1, ABR at 22.05 kHz, and CBR with no Info header at all.
ffmpeg('cbr-8k-16kbps.mp3', 8000, '-c:a', 'libmp3lame', '-b:a', '16k');
ffmpeg('cbr-44k-stereo-id3v23.mp3', 44100, ...STEREO, '-c:a', 'libmp3lame', '-b:a', '64k', '-id3v2_version', '3', '-metadata', 'title=Call');
ffmpeg('vbr-16k-id3v24-id3v1.mp3', 16000, '-c:a', 'libmp3lame', '-q:a', '6', '-id3v2_version', '4', '-write_id3v1', '1', '-metadata', 'title=Call');
ffmpeg('abr-22k.mp3', 22050, '-c:a', 'libmp3lame', '-abr', '1', '-b:a', '32k');
ffmpeg('cbr-no-info.mp3', 16000, '-c:a', 'libmp3lame', '-b:a', '24k', '-write_xing', '0', '-id3v2_version', '0');

// CRC-protected frames: LAME's own -p (error protection), VBR with its Xing header, from a WAV ffmpeg makes.
const source = join(OUT, 'lame-source.wav');
ffmpeg('lame-source.wav', 22050, '-c:a', 'pcm_s16le');
execFileSync('lame', ['--quiet', '-p', '-V', '6', source, join(OUT, 'vbr-22k-crc.mp3')], { stdio: 'inherit' });
rmSync(source);

// A VBRI header (Fraunhofer's encoders write it; no encoder here does): VBR frames without a Xing header, and a
// VBRI frame in front of them with their count.
ffmpeg('vbri-source.mp3', 16000, '-c:a', 'libmp3lame', '-q:a', '6', '-write_xing', '0', '-id3v2_version', '0');
const vbrFrames = readFileSync(join(OUT, 'vbri-source.mp3'));
rmSync(join(OUT, 'vbri-source.mp3'));
writeFileSync(join(OUT, 'vbri-16k.mp3'), Buffer.concat([vbriFrame(vbrFrames), vbrFrames]));

// ID3v2.4 with a footer at the start, an APEv2 tag and an ID3v1 tag at the end, around CBR frames.
const cbr = readFileSync(join(OUT, 'cbr-8k-16kbps.mp3'));
const tagged = id3v24WithFooter(cbr.subarray(0, id3v2Length(cbr)));
writeFileSync(join(OUT, 'id3v24-footer-apev2-id3v1.mp3'), Buffer.concat([tagged, cbr.subarray(id3v2Length(cbr)), apeV2Tag('Title', 'Call'), id3v1Tag('Call')]));

// 8 KB that are not audio in the middle of the frames: the trimmer cannot tell where the audio after them belongs.
const half = framesBoundaryNear(cbr, Math.floor(cbr.length / 2));
writeFileSync(join(OUT, 'junk-in-the-middle.mp3'), Buffer.concat([cbr.subarray(0, half), Buffer.alloc(8192, 0x20), cbr.subarray(half)]));

function vbriFrame(frames: Buffer): Buffer {
  const first = parseFrameHeader(frames);
  if (!first) throw new Error('no MPEG frame to copy the header of');
  let count = 0;
  for (let at = 0; at < frames.length; count++) {
    const header = parseFrameHeader(frames, at);
    if (!header) break;
    at += header.length;
  }
  // MPEG-2 layer III at 16 kHz, 64 kbit/s, mono: a 288-byte frame, room for the header at offset 36
  const frame = Buffer.alloc(288);
  Buffer.from([0xff, 0xf3, 0x88, 0xc4]).copy(frame);
  frame.write('VBRI', 36, 'latin1');
  frame.writeUInt16BE(1, 40); // version
  frame.writeUInt16BE(576, 42); // delay
  frame.writeUInt16BE(75, 44); // quality
  frame.writeUInt32BE(frame.length + frames.length, 46); // bytes
  frame.writeUInt32BE(count, 50); // frames
  frame.writeUInt16BE(0, 54); // no table of contents
  frame.writeUInt16BE(1, 56); // scale
  frame.writeUInt16BE(2, 58); // bytes per entry
  frame.writeUInt16BE(1, 60); // frames per entry
  return frame;
}

function id3v24WithFooter(tag: Buffer): Buffer {
  if (tag.length < 10 || tag[3] !== 4) throw new Error('expected an ID3v2.4 tag');
  const header = Buffer.from(tag.subarray(0, 10));
  header[5] = (header[5] ?? 0) | 0x10;
  const footer = Buffer.from(header);
  footer.write('3DI', 0, 'latin1');
  return Buffer.concat([header, tag.subarray(10), footer]);
}

function apeV2Tag(key: string, value: string): Buffer {
  const item = Buffer.concat([u32le(Buffer.byteLength(value)), u32le(0), Buffer.from(`${key}\0${value}`)]);
  const part = (flags: number) => Buffer.concat([Buffer.from('APETAGEX'), u32le(2000), u32le(item.length + 32), u32le(1), u32le(flags), Buffer.alloc(8)]);
  return Buffer.concat([part(0xa0000000), item, part(0x80000000)]); // header (it has a header, this is it), items, footer
}

function id3v1Tag(title: string): Buffer {
  const tag = Buffer.alloc(128);
  tag.write('TAG', 0, 'latin1');
  tag.write(title, 3, 30, 'latin1');
  tag[127] = 255; // no genre
  return tag;
}

function framesBoundaryNear(mp3: Buffer, near: number): number {
  for (let at = id3v2Length(mp3); ;) {
    const header = parseFrameHeader(mp3, at);
    if (!header || at + header.length > near) return at;
    at += header.length;
  }
}

function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}
