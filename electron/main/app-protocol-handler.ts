import { readFile } from 'node:fs/promises';
import { findRendererFile } from '../app/renderer-files';
import { APP_HOST } from './app-pages';

// What the app:// protocol answers (app-protocol.ts registers it with Electron): the built
// renderer's files and nothing else, each with the app's Content-Security-Policy as a header.
// Plain Request in, Response out, so Node tests run the same function Electron calls.

export interface AppProtocolOptions {
  /** Where electron-vite put the renderer (`out/renderer`). */
  rendererDir: string;
  /** The strict policy from security-policy.ts. */
  csp: string;
}

export function appProtocolHandler({ rendererDir, csp }: AppProtocolOptions) {
  const headers = (contentType: string) => ({
    'content-type': contentType,
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
  });
  // Outside the folder, malformed, another host: all the same 404, which tells a prober nothing.
  const notFound = () =>
    new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });

  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Only GET', { status: 405, headers: headers('text/plain; charset=utf-8') });
    }
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return notFound();
    const found = await findRendererFile(rendererDir, url.pathname);
    if (found.kind !== 'file') return notFound();
    const body = request.method === 'HEAD' ? null : await readFile(found.path);
    return new Response(body, { status: 200, headers: headers(found.contentType) });
  };
}
