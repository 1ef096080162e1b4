import { describe, expect, it } from 'vitest';
import { decodeText, looksBinary, PREVIEW_LIMIT_BYTES, previewPlan, renderPreview } from './preview';

// What a preview makes of an object's type and first bytes, without S3.

describe('previewPlan', () => {
  it('goes by Content-Type first, then by extension when the type is vague', () => {
    expect(previewPlan('a/b.txt', 'text/plain; charset=utf-8')).toEqual({ kind: 'text' });
    expect(previewPlan('config/app.json', 'application/json')).toEqual({ kind: 'json' });
    expect(previewPlan('x', 'application/vnd.api+json')).toEqual({ kind: 'json' });
    expect(previewPlan('r.csv', 'text/csv')).toEqual({ kind: 'csv' });
    expect(previewPlan('r.csv', 'application/octet-stream')).toEqual({ kind: 'csv' });
    expect(previewPlan('logo.png', 'image/png')).toEqual({ kind: 'image', mime: 'image/png' });
    expect(previewPlan('photo.JPG', 'binary/octet-stream')).toEqual({ kind: 'image', mime: 'image/jpeg' });
    expect(previewPlan('drawing.svg', 'image/svg+xml')).toEqual({ kind: 'text' });
    expect(previewPlan('README.md', 'text/markdown')).toEqual({ kind: 'text' });
    expect(previewPlan('main.tf', undefined)).toEqual({ kind: 'text' });
    expect(previewPlan('backup.tar.gz', 'application/gzip')).toEqual({ kind: 'unsupported' });
    expect(previewPlan('report.pdf', 'application/pdf')).toEqual({ kind: 'unsupported' });
    expect(previewPlan('photo.heic', 'image/heic')).toEqual({ kind: 'unsupported' });
    expect(previewPlan('zero-byte.bin', 'application/octet-stream')).toEqual({ kind: 'sniff' });
    expect(previewPlan('no-type', undefined)).toEqual({ kind: 'sniff' });
  });
});

describe('renderPreview', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('pretty-prints complete JSON and leaves a truncated or broken one as it is', () => {
    expect(renderPreview({ kind: 'json' }, bytes('{"a":[1,2]}'), 11, 'application/json')).toEqual({
      kind: 'json',
      text: '{\n  "a": [\n    1,\n    2\n  ]\n}',
      truncated: false,
      bytesRead: 11,
      size: 11,
      contentType: 'application/json',
    });
    expect(renderPreview({ kind: 'json' }, bytes('{"a":[1,'), 50, undefined)).toMatchObject({
      kind: 'json',
      text: '{"a":[1,',
      truncated: true,
    });
    expect(renderPreview({ kind: 'json' }, bytes('{oops'), 5, undefined).text).toBe('{oops');
  });

  it('drops a character cut in half by the range instead of showing a replacement mark', () => {
    const pizza = bytes('menu 🍕');
    expect(decodeText(pizza.subarray(0, pizza.length - 1), true)).toBe('menu ');
    expect(decodeText(bytes('\uFEFFbom'), false)).toBe('bom');
  });

  it('sniffs binary content, and refuses images it could only show in part', () => {
    expect(looksBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]))).toBe(true);
    expect(
      renderPreview({ kind: 'sniff' }, new Uint8Array([1, 0, 2]), 3, 'application/octet-stream'),
    ).toEqual({
      kind: 'unsupported',
      truncated: false,
      bytesRead: 3,
      size: 3,
      contentType: 'application/octet-stream',
      reason: 'This looks like binary content, which has no preview.',
    });
    expect(renderPreview({ kind: 'sniff' }, bytes('plain'), 5, undefined)).toMatchObject({
      kind: 'text',
      text: 'plain',
    });
    expect(
      renderPreview(
        { kind: 'image', mime: 'image/png' },
        new Uint8Array(0),
        3 * PREVIEW_LIMIT_BYTES,
        'image/png',
      ),
    ).toMatchObject({
      kind: 'unsupported',
      truncated: false,
      reason: 'Image previews read at most 1.0 MiB; this one is 3.0 MiB.',
    });
    expect(
      renderPreview({ kind: 'image', mime: 'image/gif' }, bytes('GIF89a'), 6, 'image/gif').imageDataUrl,
    ).toBe('data:image/gif;base64,R0lGODlh');
    expect(renderPreview({ kind: 'unsupported' }, new Uint8Array(0), 10, 'application/gzip').reason).toBe(
      'There is no preview for application/gzip.',
    );
  });
});
