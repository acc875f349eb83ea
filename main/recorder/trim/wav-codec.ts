/**
 * What the trimmer knows of a WAV file's audio format: its name for people and how it can be cut. The audio is a
 * run of blocks of `blockAlign` bytes; a PCM or G.711 block is one sample frame, an ADPCM or GSM block holds many
 * samples and decodes on its own, so a cut at a block boundary leaves a stream every decoder follows.
 */
export interface WavCodec {
  /** The format's name, as a person would look it up ("µ-law (G.711)", "Microsoft ADPCM"…). */
  name: string;
  /** Samples (per channel) in one block: 1 for sample formats. */
  samplesPerBlock: number;
  /** One block that decodes as silence; undefined for a format that cannot be cut (the file is saved whole). */
  silentBlock: Buffer | undefined;
}

const PCM = 0x0001;
const IEEE_FLOAT = 0x0003;
const A_LAW = 0x0006;
const MU_LAW = 0x0007;
const IMA_ADPCM = 0x0011;
const GSM_610 = 0x0031;
const EXTENSIBLE = 0xfffe;

/** Names of formats that are saved whole, for the note; any other shows its number. */
const OTHER_NAMES: Readonly<Record<number, string>> = {
  0x0002: 'Microsoft ADPCM',
  0x0022: 'TrueSpeech',
  0x0040: 'G.721 ADPCM',
  0x0045: 'G.726 ADPCM',
  0x0050: 'MPEG audio',
  0x0055: 'MP3',
  0x0064: 'G.726 ADPCM',
  0x0065: 'G.722 ADPCM',
  0x028f: 'G.722 ADPCM',
};

/**
 * One GSM 6.10 block (Microsoft's 65-byte layout: two frames, 320 samples) that decodes as digital silence: what
 * libgsm writes for silence (`ffmpeg -f lavfi -i anullsrc=r=8000:cl=mono -c:a libgsm_ms`; every block alike).
 */
const GSM_SILENT_BLOCK = Buffer.from(
  '204817d684028024499224890280244992248902802449922489028024499224098274614d28004892244992280048922449922800489224499228004892244992',
  'hex',
);

/** The format tag, the one inside WAVE_FORMAT_EXTENSIBLE's sub-format when it is that. */
function formatTag(fmt: Buffer): number {
  const tag = fmt.readUInt16LE(8);
  // fmt body: tag 2, channels 2, rate 4, bytes/s 4, blockAlign 2, bits 2, cbSize 2, valid bits 2, mask 4, GUID 16
  return tag === EXTENSIBLE && fmt.length >= 8 + 40 ? fmt.readUInt16LE(8 + 24) : tag;
}

/** The codec of a `fmt ` chunk (header included), with the block size from the same chunk. */
export function wavCodec(fmt: Buffer): WavCodec {
  const tag = formatTag(fmt);
  const channels = Math.max(1, fmt.readUInt16LE(8 + 2));
  const blockAlign = fmt.readUInt16LE(8 + 12);
  const bits = fmt.readUInt16LE(8 + 14);
  const extra = fmt.length >= 8 + 20 ? fmt.readUInt16LE(8 + 16) : 0;
  const sampleCodec = (name: string, silentByte: number): WavCodec => ({ name, samplesPerBlock: 1, silentBlock: Buffer.alloc(blockAlign, silentByte) });
  switch (tag) {
    case PCM: {
      const container = (blockAlign / channels) * 8;
      // 8-bit PCM is unsigned: its silence is 0x80, and a zero byte is the loudest negative sample
      return sampleCodec(`PCM ${bits}-bit`, container === 8 ? 0x80 : 0);
    }
    case IEEE_FLOAT:
      return sampleCodec(`float ${bits}-bit`, 0);
    case A_LAW:
      return sampleCodec('A-law (G.711)', 0xd5);
    case MU_LAW:
      return sampleCodec('µ-law (G.711)', 0xff);
    case IMA_ADPCM: {
      // Each channel's block starts with a 4-byte header (predictor, step index) and then 4-bit samples; a block of
      // zeros is predictor 0, step 0 and nibbles that never move it: silence.
      const computed = ((blockAlign - 4 * channels) * 8) / (4 * channels) + 1;
      const samplesPerBlock = extra >= 2 && fmt.length >= 8 + 20 ? fmt.readUInt16LE(8 + 18) : computed;
      return { name: 'IMA ADPCM', samplesPerBlock, silentBlock: blockAlign > 4 * channels ? Buffer.alloc(blockAlign) : undefined };
    }
    case GSM_610:
      return { name: 'GSM 6.10', samplesPerBlock: 320, silentBlock: blockAlign === GSM_SILENT_BLOCK.length && channels === 1 ? GSM_SILENT_BLOCK : undefined };
    default:
      return { name: OTHER_NAMES[tag] ?? `WAV format 0x${tag.toString(16).padStart(4, '0')}`, samplesPerBlock: 1, silentBlock: undefined };
  }
}
