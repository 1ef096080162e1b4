import { GetObjectCommand, HeadObjectCommand, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import type { ObjectPreview, PreviewKind } from '../../../shared/s3-view';
import { isRoleTrayError } from '../errors';
import type { S3Gateway } from './gateway';
import type { ObjectRequest } from './objects';

// A preview without downloading the object: one ranged GetObject for at most the first 1 MiB, then
// text, JSON (pretty-printed when it was read whole), CSV or an image as a data: URL, and saying
// when only the beginning was read. What cannot be shown gets a reason instead.

export const PREVIEW_LIMIT_BYTES = 1024 * 1024;
/** Sniffed for NUL bytes when the type does not say whether content is text. */
const SNIFF_BYTES = 8 * 1024;

const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  ico: 'image/x-icon',
  avif: 'image/avif',
};
const TEXT_EXTENSIONS = new Set([
  ...['txt', 'md', 'markdown', 'log', 'xml', 'yaml', 'yml', 'ini', 'cfg', 'conf', 'toml', 'properties'],
  ...['sh', 'bash', 'zsh', 'py', 'rb', 'go', 'rs', 'java', 'kt', 'ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs'],
  ...['css', 'scss', 'html', 'htm', 'svg', 'sql', 'tf', 'hcl', 'env', 'gitignore', 'dockerfile'],
]);
/** Types that say outright there is nothing to read as text. */
const BINARY_TYPE =
  /^(application\/(gzip|x-gzip|zip|x-tar|x-7z-compressed|pdf|x-bzip2|zstd|vnd\.)|audio\/|video\/|font\/)/;

export type PreviewPlan =
  { kind: Exclude<PreviewKind, 'unsupported'>; mime?: string } | { kind: 'sniff' } | { kind: 'unsupported' };

const extensionOf = (key: string) => {
  const name = key.slice(key.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot === -1 ? name : name.slice(dot + 1);
};

/** What to make of an object, from its Content-Type and, when that is vague, its key's extension. */
export function previewPlan(key: string, contentType: string | undefined): PreviewPlan {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const extension = extensionOf(key);
  const imageByType = Object.values(IMAGE_TYPES).includes(type) ? type : undefined;
  if (imageByType) return { kind: 'image', mime: imageByType };
  if (
    type === 'application/json' ||
    type.endsWith('+json') ||
    (extension === 'json' && !BINARY_TYPE.test(type))
  ) {
    return { kind: 'json' };
  }
  if (
    type === 'text/csv' ||
    type === 'text/tab-separated-values' ||
    extension === 'csv' ||
    extension === 'tsv'
  ) {
    return { kind: 'csv' };
  }
  if (
    type.startsWith('text/') ||
    type === 'application/xml' ||
    type.endsWith('+xml') ||
    /^application\/(x-)?(javascript|yaml|x-yaml|toml|x-sh|sql)$/.test(type)
  ) {
    return { kind: 'text' };
  }
  if (BINARY_TYPE.test(type) || type.startsWith('image/')) return { kind: 'unsupported' };
  const imageByExtension = IMAGE_TYPES[extension];
  if (imageByExtension) return { kind: 'image', mime: imageByExtension };
  if (TEXT_EXTENSIONS.has(extension)) return { kind: 'text' };
  // application/octet-stream, x-directory, no type at all: look at the bytes.
  return { kind: 'sniff' };
}

export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, SNIFF_BYTES).includes(0);
}

/** UTF-8 text of the bytes; a character cut by the range's end is dropped rather than mangled. */
export function decodeText(bytes: Uint8Array, truncated: boolean): string {
  const text = new TextDecoder('utf-8').decode(bytes, { stream: truncated });
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const mebibytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

/** "bytes 0-1048575/6291456" → 6291456. */
function totalSize(object: GetObjectCommandOutput, fallback: number): number {
  const total = /\/(\d+)$/.exec(object.ContentRange ?? '')?.[1];
  return total ? Number(total) : (object.ContentLength ?? fallback);
}

async function readAtMost(body: AsyncIterable<Uint8Array>, limit: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limit) break; // leaving the loop destroys the stream
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

function discard(body: unknown): void {
  (body as { destroy?: () => void } | undefined)?.destroy?.();
}

/** The preview of bytes already read (the first `bytes.length` of `size`). */
export function renderPreview(
  plan: PreviewPlan,
  bytes: Uint8Array,
  size: number,
  contentType: string | undefined,
): ObjectPreview {
  const truncated = bytes.length < size;
  const base = { truncated, bytesRead: bytes.length, size, ...(contentType ? { contentType } : {}) };
  // Nothing is shown, so nothing is "truncated".
  const none = (reason: string): ObjectPreview => ({
    kind: 'unsupported',
    ...base,
    truncated: false,
    reason,
  });
  if (plan.kind === 'unsupported') return none(`There is no preview for ${contentType ?? 'this type'}.`);
  if (plan.kind === 'image') {
    if (truncated || size > PREVIEW_LIMIT_BYTES) {
      return none(
        `Image previews read at most ${mebibytes(PREVIEW_LIMIT_BYTES)}; this one is ${mebibytes(size)}.`,
      );
    }
    return {
      kind: 'image',
      ...base,
      imageDataUrl: `data:${plan.mime};base64,${Buffer.from(bytes).toString('base64')}`,
    };
  }
  if (plan.kind === 'sniff' && looksBinary(bytes))
    return none('This looks like binary content, which has no preview.');
  const text = decodeText(bytes, truncated);
  if (plan.kind === 'json') {
    if (!truncated) {
      try {
        return { kind: 'json', ...base, text: JSON.stringify(JSON.parse(text), null, 2) };
      } catch {
        // Not valid JSON after all: shown as it is.
      }
    }
    return { kind: 'json', ...base, text };
  }
  return { kind: plan.kind === 'csv' ? 'csv' : 'text', ...base, text };
}

export async function previewObject(gateway: S3Gateway, request: ObjectRequest): Promise<ObjectPreview> {
  const { profile, bucket, key } = request;
  const call = { action: 'GetObject' as const, profile, bucket, key };
  try {
    return await gateway.call(call, async (client) => {
      let object: GetObjectCommandOutput;
      try {
        object = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${PREVIEW_LIMIT_BYTES - 1}` }),
        );
      } catch (error) {
        // S3 finds no byte to range over in an empty object: ask for all of it (nothing).
        const empty = (error as { name?: string; ActualObjectSize?: string }).ActualObjectSize === '0';
        if ((error as { name?: string }).name !== 'InvalidRange' || !empty) throw error;
        object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      }
      const plan = previewPlan(key, object.ContentType);
      const size = totalSize(object, 0);
      if (plan.kind === 'unsupported' || (plan.kind === 'image' && size > PREVIEW_LIMIT_BYTES)) {
        discard(object.Body);
        return renderPreview(plan, new Uint8Array(0), size, object.ContentType);
      }
      const bytes = object.Body
        ? await readAtMost(object.Body as AsyncIterable<Uint8Array>, PREVIEW_LIMIT_BYTES)
        : Buffer.alloc(0);
      return renderPreview(plan, bytes, size, object.ContentType);
    });
  } catch (error) {
    // An archived object has no content to show, but it has a size and a type: say why instead.
    if (!isRoleTrayError(error) || error.info.awsCode !== 'InvalidObjectState') throw error;
    const head = await gateway.call({ ...call, action: 'HeadObject' }, (client) =>
      client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })),
    );
    return {
      kind: 'unsupported',
      truncated: false,
      bytesRead: 0,
      size: head.ContentLength ?? 0,
      ...(head.ContentType ? { contentType: head.ContentType } : {}),
      reason: error.message,
    };
  }
}
