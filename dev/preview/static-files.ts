import { readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { findRendererFile } from '../../electron/app/renderer-files';

// The built renderer's files (which paths name one: electron/app/renderer-files.ts, as for the app's
// own app:// protocol); index.html gets the bridge shim's script tag so `window.roletray` exists
// before the app's module runs.

export const SHIM_PATH = '/bridge-shim.js';
const SHIM_TAG = `<script src="${SHIM_PATH}"></script>`;

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
    const found = await findRendererFile(this.root, rawPath);
    if (found.kind !== 'file') return found;
    const { path, contentType, isIndex } = found;
    if (isIndex) return { kind: 'file', body: injectShim(await readFile(path, 'utf8')), contentType };
    return { kind: 'file', body: await readFile(path), contentType };
  }
}
