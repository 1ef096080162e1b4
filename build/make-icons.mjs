// Draws RoleTray's icons (a key) and writes them as PNGs: `node build/make-icons.mjs`.
// The outputs are committed; rerun this only to change the drawing.
//   build/icon.png                      app icon (electron-builder makes .icns/.ico from it)
//   resources/tray/trayTemplate(@2x).png  macOS menu bar: black + alpha, recoloured by the system
//   resources/tray/tray(@2x).png          Linux and Windows: white key on an orange badge
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';

const root = join(import.meta.dirname, '..');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA PNG; `pixel(x, y)` returns [r, g, b, a] in 0..255. */
function png(size, pixel) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, default compression, filter and interlace
  const rows = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    for (let x = 0; x < size; x++) rows.set(pixel(x, y), row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes in a unit square (y down).
const inRect = (x, y, left, top, right, bottom) => x >= left && x <= right && y >= top && y <= bottom;
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** The key: a ring as its bow, a shaft, two teeth. */
function inKey(x, y) {
  const bow = inCircle(x, y, 0.31, 0.5, 0.2) && !inCircle(x, y, 0.31, 0.5, 0.085);
  const shaft = inRect(x, y, 0.46, 0.445, 0.9, 0.555);
  const teeth = inRect(x, y, 0.7, 0.555, 0.78, 0.7) || inRect(x, y, 0.82, 0.555, 0.9, 0.66);
  return bow || shaft || teeth;
}

/** A rounded square filling the unit square. */
function inBadge(x, y, radius = 0.22) {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return inCircle(x, y, cx, cy, radius);
}

/** Coverage of a pixel by a shape, 4x4 samples, for smooth edges at 16 px. */
function coverage(size, px, py, inside) {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      if (inside((px + (sx + 0.5) / 4) / size, (py + (sy + 0.5) / 4) / size)) hits++;
    }
  }
  return hits / 16;
}

const ORANGE = [232, 131, 26];

function template(size) {
  return png(size, (x, y) => [0, 0, 0, Math.round(255 * coverage(size, x, y, inKey))]);
}

/** White key on an orange badge; the app icon has a margin, as macOS and Windows expect. */
function badge(size, margin) {
  const scale = 1 - 2 * margin;
  const local = (inside) => (u, v) => inside((u - margin) / scale, (v - margin) / scale);
  const inBadgeArea = local((u, v) => u >= 0 && u <= 1 && v >= 0 && v <= 1 && inBadge(u, v));
  const inKeyArea = local((u, v) => inKey(0.08 + u * 0.84, 0.08 + v * 0.84));
  return png(size, (x, y) => {
    const badgeCover = coverage(size, x, y, inBadgeArea);
    const keyCover = coverage(size, x, y, inKeyArea);
    const channel = (c) => Math.round(c * (1 - keyCover) + 255 * keyCover);
    return [channel(ORANGE[0]), channel(ORANGE[1]), channel(ORANGE[2]), Math.round(255 * badgeCover)];
  });
}

const outputs = {
  'build/icon.png': badge(1024, 0.1),
  'resources/tray/trayTemplate.png': template(18),
  'resources/tray/trayTemplate@2x.png': template(36),
  'resources/tray/tray.png': badge(32, 0),
  'resources/tray/tray@2x.png': badge(64, 0),
};
for (const [path, bytes] of Object.entries(outputs)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), bytes);
  console.log(`${path} (${bytes.length} bytes)`);
}
