import { realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';

// Which file of the built renderer a request path names, for every front end that serves it (the
// app:// protocol in Electron, the preview bridge): a file inside the folder, or nothing at all.
// Paths that try to climb out are refused rather than normalised; symlinks out count as absent.

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type RendererFile =
  | { kind: 'file'; path: string; contentType: string; isIndex: boolean }
  | { kind: 'not-found' }
  | { kind: 'refused'; reason: string };

/**
 * The file `rawPath` (the request's path as sent, still percent-encoded, without its query) names
 * under `rendererDir`; `/` is index.html.
 */
export async function findRendererFile(rendererDir: string, rawPath: string): Promise<RendererFile> {
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'refused', reason: 'malformed path' };
  }
  const segments = path.split('/');
  if (!path.startsWith('/') || path.includes('\0') || path.includes('\\') || segments.includes('..')) {
    return { kind: 'refused', reason: 'path outside the renderer' };
  }
  const root = await realpath(rendererDir).catch(() => undefined);
  if (!root) return { kind: 'not-found' };
  const isIndex = path === '/' || path === '/index.html';
  const file = await realpath(join(root, isIndex ? 'index.html' : path.slice(1))).catch(() => undefined);
  // realpath also resolves symlinks, so a link pointing out of the folder is refused too.
  if (!file || !file.startsWith(root + sep)) return { kind: 'not-found' };
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return { kind: 'not-found' };
  const contentType = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  return { kind: 'file', path: file, contentType, isIndex };
}
