import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SwitcherCloseReason } from '../../shared/ipc-contract';

// The preview has no quick switcher window to hide: each `switcher:close` the page sends becomes one
// JSON line ({reason, at}) in <aws-dir>/switcher-out/closed.jsonl, where a spec sees that the
// switcher asked to close, and why.

export const PREVIEW_SWITCHER_FILE = join('switcher-out', 'closed.jsonl');

export function previewSwitcher(
  awsDir: string,
  log: (line: string) => void,
): (reason: SwitcherCloseReason) => void {
  const file = join(awsDir, PREVIEW_SWITCHER_FILE);
  // One after another, so the lines keep the order the page sent them in.
  let writing = Promise.resolve();
  return (reason) => {
    const line = `${JSON.stringify({ reason, at: new Date().toISOString() })}\n`;
    writing = writing
      .then(async () => {
        await mkdir(join(awsDir, 'switcher-out'), { recursive: true, mode: 0o700 });
        await appendFile(file, line, { mode: 0o600 });
        log(`preview: the quick switcher asked to close (${reason}; see ${file})`);
      })
      .catch((error: unknown) =>
        log(
          `preview: could not record the switcher's close: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  };
}
