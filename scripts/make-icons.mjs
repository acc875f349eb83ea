// Draws the app's PNG icons (tray states at 1x and 2x, and the 512 px app icon) with no image library:
// a filled circle per state, anti-aliased, written as RGBA PNGs. Run: node scripts/make-icons.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

/** A ring of `ring` colour with a dot of `dot` colour in the middle (the dot only when given). */
function png(size, ring, dot) {
  const rows = [];
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      const outer = Math.min(1, Math.max(0, size * 0.47 - d + 0.5));
      const inner = Math.min(1, Math.max(0, size * 0.34 - d + 0.5));
      const core = dot ? Math.min(1, Math.max(0, size * 0.22 - d + 0.5)) : 0;
      const ringAlpha = outer - inner;
      const [r, g, b] = core > 0 ? dot : ring;
      const alpha = Math.max(ringAlpha, core);
      row.set([r, g, b, Math.round(alpha * 255)], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

const GREY = [128, 128, 128];
const RED = [214, 40, 40];
const AMBER = [230, 150, 0];
const STATES = { idle: [GREY, null], recording: [RED, RED], problem: [AMBER, AMBER] };

mkdirSync('assets/tray', { recursive: true });
mkdirSync('build', { recursive: true });
for (const [name, [ring, dot]] of Object.entries(STATES)) {
  writeFileSync(`assets/tray/${name}.png`, png(16, ring, dot));
  writeFileSync(`assets/tray/${name}@2x.png`, png(32, ring, dot));
}
writeFileSync('build/icon.png', png(512, RED, RED));
