import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

// `roletray-credentials` as one self-contained ES module for plain Node (no Electron, no
// node_modules at run time), so a credential_process line can run it from the packaged app's
// resources or from a checkout. `npm run build` writes out/cli/roletray-credentials.mjs.

const ROOT = join(import.meta.dirname, '..');
export const CLI_ENTRY = join(ROOT, 'electron/handoff/credentials-cli.ts');
export const CLI_OUTPUT = join(ROOT, 'out/cli/roletray-credentials.mjs');

export async function buildCredentialsCli(outfile = CLI_OUTPUT): Promise<string> {
  await build({
    entryPoints: [CLI_ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
  return outfile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(`wrote ${await buildCredentialsCli()}`);
}
