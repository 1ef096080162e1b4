import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DesktopHandoffDeps } from '../../electron/handoff/handoff-service';
import { CLI_OUTPUT } from '../../scripts/build-credentials-cli';
import { handoffPaths } from '../../electron/handoff/handoff-paths';

// The preview has no desktop: what the app would put on the clipboard, open in the browser or start
// a terminal with goes into files (mode 0600) next to the sandbox's, where a spec or a developer
// reads it. Only sandbox sessions ever reach them. The credentials socket is real, in the same
// folder: `ROLETRAY_HANDOFF_DIR=<aws-dir>/handoff roletray-credentials PROFILE` talks to the preview.

export const PREVIEW_HANDOFF_FILES = {
  clipboard: 'clipboard.txt',
  browser: 'browser.txt',
  terminal: 'terminal-env.json',
} as const;

export function previewHandoff(
  awsDir: string,
  sandboxEndpoint: string,
  log: (line: string) => void,
): DesktopHandoffDeps {
  const outDir = join(awsDir, 'handoff-out');
  const save = async (file: string, text: string, what: string) => {
    await mkdir(outDir, { recursive: true, mode: 0o700 });
    await writeFile(join(outDir, file), text, { mode: 0o600 });
    log(`preview: ${what} (see ${join(outDir, file)})`);
  };
  const dir = join(awsDir, 'handoff');
  return {
    socketPaths: handoffPaths({
      platform: process.platform,
      env: { ROLETRAY_HANDOFF_DIR: dir },
      homeDir: awsDir,
      userName: 'preview',
    }),
    helperCommand: ['node', CLI_OUTPUT],
    writeClipboard: (text) => save(PREVIEW_HANDOFF_FILES.clipboard, text, 'copied to the clipboard'),
    readClipboard: () => readFile(join(outDir, PREVIEW_HANDOFF_FILES.clipboard), 'utf8').catch(() => ''),
    openExternal: (url) => save(PREVIEW_HANDOFF_FILES.browser, `${url}\n`, 'opened a page in the browser'),
    openTerminal: (env) =>
      save(PREVIEW_HANDOFF_FILES.terminal, JSON.stringify(env, null, 2), 'opened a terminal'),
    federationEndpoint: `${sandboxEndpoint}/federation`,
  };
}
