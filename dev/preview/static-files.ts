import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';

// The built renderer's files, read from one folder and nothing outside it; index.html gets the
// bridge shim's script tag so `window.roletray` exists before the app's module runs.

export const SHIM_PATH = '/bridge-shim.js';
const SHIM_TAG = `<script src="${SHIM_PATH}"></script>`;

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

export type StaticResult =
  | { kind: 'file'; body: Buffer | string; contentType: string }
  | { kind: 'not-found' }
  | { kind: 'refused'; reason: string };

/** index.html with the shim loaded first: a classic script runs before any (deferred) module script. */
export function injectShim(html: string): string {
  const at = html.search(/<script\b/i);
  if (at !== -1) return `${html.slice(0, at)}${SHIM_TAG}\n    ${html.slice(at)}`;
  const head = html.search(/<\/head>/i);
  if (head === -1)
    throw new Error('index.html has neither a <script> nor a </head> to put the bridge shim before');
  return `${html.slice(0, head)}  ${SHIM_TAG}\n  ${html.slice(head)}`;
}

export class StaticFiles {
  private constructor(private readonly root: string) {}

  /** Fails early, with the command that fixes it, when the renderer has not been built. */
  static async open(dir: string): Promise<StaticFiles> {
    const root = await realpath(dir).catch(() => undefined);
    const index = root ? await stat(join(root, 'index.html')).catch(() => undefined) : undefined;
    if (!root || !index?.isFile()) {
      throw new Error(`There is no built renderer in ${dir}: run \`npx electron-vite build\` first.`);
    }
    return new StaticFiles(root);
  }

  /** `rawPath` is the request's path as sent (before any URL normalisation), without its query. */
  async read(rawPath: string): Promise<StaticResult> {
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      return { kind: 'refused', reason: 'malformed path' };
    }
    // Refuse rather than normalise: a path that tries to climb out is never a real asset.
    const segments = path.split('/');
    if (!path.startsWith('/') || path.includes('\0') || path.includes('\\') || segments.includes('..')) {
      return { kind: 'refused', reason: 'path outside the renderer' };
    }
    const isIndex = path === '/' || path === '/index.html';
    const relative = isIndex ? 'index.html' : path.slice(1);
    const file = await realpath(join(this.root, relative)).catch(() => undefined);
    // realpath also resolves symlinks, so a link pointing out of the folder is refused too.
    if (!file || !file.startsWith(this.root + sep)) return { kind: 'not-found' };
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return { kind: 'not-found' };
    const contentType = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    if (isIndex) return { kind: 'file', body: injectShim(await readFile(file, 'utf8')), contentType };
    return { kind: 'file', body: await readFile(file), contentType };
  }
}
