import type { S3Entry } from '../../../shared/s3-view';
import { compareKeys } from './key-order';

// One ListObjectsV2 answer read straight into entries. The SDK's XML deserialiser builds a DOM-like
// tree and then the typed output for every key, which costs more CPU than the rest of a listing
// put together; S3's ListBucketResult is flat and its text cannot hold '<', so each element is found
// with indexOf and decoded only when it has an entity. Unknown elements (Owner, checksums) are skipped.

export interface ListedPage {
  /** Folders (CommonPrefixes), then objects, each in S3's order. */
  entries: S3Entry[];
  isTruncated: boolean;
  nextToken: string | undefined;
  /** The greatest key or folder S3 returned (before any cut at `stopAfter`). */
  last: string | undefined;
  /** The least key or folder S3 returned. */
  first: string | undefined;
  /** Entries beyond `stopAfter` were in the page (and left out). */
  overshot: boolean;
}

/** Keys come URL-encoded (EncodingType url keeps any byte XML cannot carry); '+' is a space. */
export const decodeKey = (value: string) =>
  // Most keys have nothing encoded: skipping them is a third of a page's mapping time.
  /[%+]/.test(value) ? decodeURIComponent(value.replace(/\+/g, ' ')) : value;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, name: string) =>
    name.startsWith('#x')
      ? String.fromCodePoint(parseInt(name.slice(2), 16))
      : name.startsWith('#')
        ? String.fromCodePoint(Number(name.slice(1)))
        : ENTITIES[name]!,
  );
}

/** The text of `<tag>` between `from` and `to`, or undefined. */
function element(xml: string, tag: string, from: number, to: number): string | undefined {
  const open = xml.indexOf(`<${tag}>`, from);
  if (open < 0 || open >= to) return undefined;
  const start = open + tag.length + 2;
  const close = xml.indexOf(`</${tag}>`, start);
  return close < 0 || close > to ? undefined : xml.slice(start, close);
}

/** S3's ETags come in double quotes, written as entities. */
function unquote(raw: string): string {
  if (
    raw.length > 12 &&
    raw.startsWith('&quot;') &&
    raw.endsWith('&quot;') &&
    raw.indexOf('&', 6) === raw.length - 6
  )
    return raw.slice(6, -6);
  const etag = decodeXml(raw);
  return etag.length > 1 && etag.startsWith('"') && etag.endsWith('"') ? etag.slice(1, -1) : etag;
}

/**
 * Reads a ListObjectsV2 answer (EncodingType url). `skipFolderMarker` leaves out the object whose
 * key is the listed prefix itself; `stopAfter` cuts the page after that key (a range's end).
 */
export function parseListPage(
  xml: string,
  options: { skipFolderMarker?: string; stopAfter?: string } = {},
): ListedPage {
  const { skipFolderMarker, stopAfter } = options;
  const folders: S3Entry[] = [];
  const objects: S3Entry[] = [];
  let first: string | undefined;
  let last: string | undefined;
  let overshot = false;
  // Many keys share a LastModified text: parse each distinct one once.
  let dateText = '';
  let dateValue = 0;
  let at = 0;
  // The next of each element, searched again only once passed (a page without folders would
  // otherwise search to its end for every key).
  let contents = xml.indexOf('<Contents>');
  let common = xml.indexOf('<CommonPrefixes>');
  for (;;) {
    if (contents >= 0 && contents < at) contents = xml.indexOf('<Contents>', at);
    if (common >= 0 && common < at) common = xml.indexOf('<CommonPrefixes>', at);
    if (contents < 0 && common < 0) break;
    const isObject = contents >= 0 && (common < 0 || contents < common);
    const start = isObject ? contents : common;
    const closeTag = isObject ? '</Contents>' : '</CommonPrefixes>';
    const end = xml.indexOf(closeTag, start);
    if (end < 0) break;
    at = end + closeTag.length;
    const raw = element(xml, isObject ? 'Key' : 'Prefix', start, end);
    if (raw === undefined) continue;
    const name = decodeKey(decodeXml(raw));
    if (first === undefined || compareKeys(name, first) < 0) first = name;
    if (last === undefined || compareKeys(name, last) > 0) last = name;
    // Objects come before folders in the answer, so each entry is checked, not the first beyond.
    if (stopAfter !== undefined && compareKeys(name, stopAfter) > 0) {
      overshot = true;
      continue;
    }
    if (!isObject) {
      folders.push({ kind: 'folder', prefix: name });
      continue;
    }
    if (name === skipFolderMarker) continue;
    const modified = element(xml, 'LastModified', start, end) ?? '';
    if (modified !== dateText) {
      dateText = modified;
      dateValue = Date.parse(modified) || 0;
    }
    objects.push({
      kind: 'object',
      key: name,
      size: Number(element(xml, 'Size', start, end) ?? 0),
      lastModified: dateValue,
      storageClass: element(xml, 'StorageClass', start, end) ?? 'STANDARD',
      etag: unquote(element(xml, 'ETag', start, end) ?? ''),
    });
  }
  const token = element(xml, 'NextContinuationToken', 0, xml.length);
  return {
    entries: folders.length === 0 ? objects : folders.concat(objects),
    isTruncated: element(xml, 'IsTruncated', 0, xml.length) === 'true',
    nextToken: token === undefined ? undefined : decodeXml(token),
    first,
    last,
    overshot,
  };
}
