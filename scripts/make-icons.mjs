// Draws the app's PNG icons with no image library, as RGBA PNGs: the tray states at 1x and 2x (a ring per state,
// anti-aliased), their macOS template images, the recording icon with the count as a badge (1–9, 9+), and the
// 512 px app icon. Run: node scripts/make-icons.mjs
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

/** An RGBA PNG of `size` × `size` pixels, each pixel's [r, g, b, alpha 0..1] from `paint(x, y)`. */
function png(size, paint) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = paint(x, y);
      row.set([r, g, b, Math.round(a * 255)], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** How much of the pixel at distance `d` from a centre a disc of radius `r` covers (anti-aliased edge). */
const disc = (d, r) => Math.min(1, Math.max(0, r - d + 0.5));

/** A ring of `ring` colour with a dot of `dot` colour in the middle (the dot only when given). */
const ringIcon = (size, ring, dot) => (x, y) => {
  const c = (size - 1) / 2;
  const d = Math.hypot(x - c, y - c);
  const ringAlpha = disc(d, size * 0.47) - disc(d, size * 0.34);
  const core = dot ? disc(d, size * 0.22) : 0;
  return [...(core > 0 ? dot : ring), Math.max(ringAlpha, core)];
};

// Digits and "+" as 3 × 5 pixel glyphs, drawn at 1 or 2 pixels a dot: readable in a 16 px tray icon.
const GLYPHS = {
  1: ['010', '110', '010', '010', '111'],
  2: ['111', '001', '111', '100', '111'],
  3: ['111', '001', '011', '001', '111'],
  4: ['101', '101', '111', '001', '001'],
  5: ['111', '100', '111', '001', '111'],
  6: ['111', '100', '111', '101', '111'],
  7: ['111', '001', '010', '010', '010'],
  8: ['111', '101', '111', '101', '111'],
  9: ['111', '101', '111', '001', '111'],
  '+': ['000', '010', '111', '010', '000'],
};

/**
 * The recording icon with the number of calls being recorded in a dark badge at its lower right (Windows and
 * Linux): "1" to "9", then "9+".
 */
const badgedIcon = (size, text) => {
  const base = ringIcon(size, RED, RED);
  const scale = size / 16;
  const glyphs = [...text].map((ch) => GLYPHS[ch]);
  const textWidth = (glyphs.length * 4 - 1) * scale;
  const badge = { width: textWidth + 2 * scale, height: 7 * scale };
  const left = size - badge.width;
  const top = size - badge.height;
  return (x, y) => {
    if (x < left || y < top) return base(x, y);
    const gx = Math.floor((x - left - scale) / scale);
    const gy = Math.floor((y - top - scale) / scale);
    const glyph = glyphs[Math.floor(gx / 4)];
    const lit = gx >= 0 && gy >= 0 && gy < 5 && gx % 4 < 3 && glyph?.[gy]?.[gx % 4] === '1';
    return lit ? [255, 255, 255, 1] : [40, 40, 40, 1];
  };
};

/** The monochrome macOS template images (black, shape only): the menu bar tints them for light and dark. */
const templateIcon = (size, state) => {
  const ring = ringIcon(size, BLACK, state === 'recording' ? BLACK : null);
  const c = (size - 1) / 2;
  const bar = size * 0.07;
  return (x, y) => {
    if (state !== 'problem') return ring(x, y);
    // A ring with an exclamation mark in it.
    const mark = Math.abs(x - c) <= bar && ((y >= size * 0.27 && y <= size * 0.56) || Math.hypot(x - c, y - size * 0.68) <= bar + 0.5);
    const [, , , a] = ring(x, y);
    return [0, 0, 0, mark ? 1 : a];
  };
};

const GREY = [128, 128, 128];
const RED = [214, 40, 40];
const AMBER = [230, 150, 0];
const BLACK = [0, 0, 0];
const STATES = { idle: [GREY, null], recording: [RED, RED], problem: [AMBER, AMBER] };
const BADGES = { 1: '1', 2: '2', 3: '3', 4: '4', 5: '5', 6: '6', 7: '7', 8: '8', 9: '9', '9plus': '9+' };

/** Writes an icon at 1x (16 px) and 2x (32 px): `paint(size)` paints it at a size. */
const writeIcon = (name, paint) => {
  writeFileSync(`assets/tray/${name}.png`, png(16, paint(16)));
  writeFileSync(`assets/tray/${name}@2x.png`, png(32, paint(32)));
};

mkdirSync('assets/tray', { recursive: true });
mkdirSync('build', { recursive: true });
for (const [name, [ring, dot]] of Object.entries(STATES)) {
  writeIcon(name, (size) => ringIcon(size, ring, dot));
  writeIcon(`${name}Template`, (size) => templateIcon(size, name));
}
for (const [suffix, text] of Object.entries(BADGES)) writeIcon(`recording-${suffix}`, (size) => badgedIcon(size, text));
writeFileSync('build/icon.png', png(512, ringIcon(512, RED, RED)));
