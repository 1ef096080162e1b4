import { join } from 'node:path';
import { build } from 'esbuild';

// The shim is compiled when a bridge starts, not by the renderer build: it must never ship inside
// the Electron app, and compiling here keeps `npm run preview` working on a renderer built earlier.
// One classic script (an IIFE) so it runs before the app's deferred module script, from a file
// the page's CSP (`script-src 'self'`) allows.

export const SHIM_SOURCE = join(import.meta.dirname, './page/bridge-shim.ts');

let compiled: Promise<string> | undefined;

export function shimScript(): Promise<string> {
  if (!compiled) {
    const started = build({
      entryPoints: [SHIM_SOURCE],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      legalComments: 'none',
      logLevel: 'silent',
    }).then((result) => result.outputFiles[0]!.text);
    // A failed compile is retried by the next bridge rather than remembered.
    void started.catch(() => (compiled = undefined));
    compiled = started;
  }
  return compiled;
}
