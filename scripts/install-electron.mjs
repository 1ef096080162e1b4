// postinstall: fetch the Electron binary. Electron 45's package no longer does this at install time
// (it downloads on first use), so a fresh `npm install` would otherwise leave `npm start` to
// download mid-launch. Honours ELECTRON_SKIP_BINARY_DOWNLOAD (CI, offline machines) and never fails
// the install: `npm start` explains a missing binary itself.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('roletray: ELECTRON_SKIP_BINARY_DOWNLOAD is set, not fetching the Electron binary.');
  process.exit(0);
}
let installer;
try {
  installer = join(dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'install.js');
} catch {
  process.exit(0); // production install without devDependencies
}
const result = spawnSync(process.execPath, [installer], { stdio: 'inherit', timeout: 5 * 60 * 1000 });
if (result.status !== 0) {
  console.warn(
    'roletray: could not download the Electron binary now; run `npx install-electron` before `npm start`.',
  );
}
