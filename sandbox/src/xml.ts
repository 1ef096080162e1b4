// Minimal XML writing for AWS responses. Characters XML 1.0 cannot carry (S3 keys may hold them)
// become numeric references, as S3 itself emits them.
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const NEEDS_ESCAPE = /[&<>"']|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

export function escapeXml(text: string): string {
  // Most values have nothing to escape: a test is cheaper than a replace (a listing has thousands).
  if (!NEEDS_ESCAPE.test(text)) return text;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
  return text.replace(/[&<>"']|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (char) => {
    return ESCAPES[char] ?? `&#x${char.charCodeAt(0).toString(16)};`;
  });
}

/** XML already written (a listing's Contents), put in as it is. */
export class RawXml {
  constructor(readonly xml: string) {}
}

export type XmlValue = string | number | boolean | RawXml | XmlNode | XmlNode[] | undefined;
export interface XmlNode {
  [element: string]: XmlValue;
}

/** Renders `{ A: 'x', B: [{ C: 1 }, { C: 2 }] }` as `<A>x</A><B><C>1</C></B><B><C>2</C></B>`; undefined is omitted. */
export function renderXml(node: XmlNode): string {
  let out = '';
  for (const [name, value] of Object.entries(node)) {
    if (value === undefined) continue;
    if (value instanceof RawXml) out += value.xml;
    else if (Array.isArray(value)) {
      for (const item of value) out += `<${name}>${renderXml(item)}</${name}>`;
    } else if (typeof value === 'object') {
      out += `<${name}>${renderXml(value)}</${name}>`;
    } else if (typeof value === 'string') {
      out += `<${name}>${escapeXml(value)}</${name}>`;
    } else {
      out += `<${name}>${String(value)}</${name}>`;
    }
  }
  return out;
}

export function xmlDocument(root: string, namespace: string, body: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${namespace}">${renderXml(body)}</${root}>`;
}

/** AWS's timestamps in XML answers: ISO 8601 to the second, `2026-11-28T12:00:00Z`. */
export function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
