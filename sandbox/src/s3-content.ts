import { crc32, deflateSync } from 'node:zlib';
import type { ObjectContent } from './scenario';

// Object bodies described by the scenario, generated deterministically so nothing large is stored.

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A valid RGB PNG with a diagonal gradient, so previews show a real image. */
export function gradientPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, default compression/filter/interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    rows[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const pixel = row + 1 + x * 3;
      rows[pixel] = Math.round((255 * x) / Math.max(1, width - 1));
      rows[pixel + 1] = Math.round((255 * y) / Math.max(1, height - 1));
      rows[pixel + 2] = 160;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** `size` bytes of numbered log lines: readable in a preview, identical on every start. */
export function generatedLog(size: number): Buffer {
  const out = Buffer.alloc(size);
  let offset = 0;
  for (let line = 1; offset < size; line++) {
    const text = `${String(line).padStart(8, '0')} 2026-11-01T00:00:00Z INFO checkout request served in ${line % 997} ms\n`;
    offset += out.write(text, offset, 'utf8');
  }
  return out;
}

function csvField(field: string): string {
  return /[",\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

export function contentBody(content: ObjectContent): Buffer {
  if ('text' in content) return Buffer.from(content.text, 'utf8');
  if ('json' in content) return Buffer.from(`${JSON.stringify(content.json, null, 2)}\n`, 'utf8');
  if ('csv' in content)
    return Buffer.from(content.csv.map((row) => row.map(csvField).join(',')).join('\n') + '\n');
  if ('png' in content) return gradientPng(content.png.width, content.png.height);
  return generatedLog(content.generatedBytes);
}

/** The body of the n-th key of a generated range: a small JSON event. */
export function generatedEventBody(key: string, index: number): Buffer {
  const event = {
    id: index,
    key,
    type: ['page_view', 'add_to_cart', 'checkout', 'refund'][index % 4],
    at: new Date(Date.UTC(2026, 10, 1) + index * 60_000).toISOString(),
  };
  return Buffer.from(JSON.stringify(event), 'utf8');
}
