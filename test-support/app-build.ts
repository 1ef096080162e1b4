import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { runProcess } from './client-process';
import { tempTree, type TempTree } from './temp-tree';

// The app built as `npm run build` builds it (electron-vite, this checkout's config), into a temp
// folder of its own: a test of the bundle never runs a stale out/ and never races another build.
// Building takes about 2 s.

const ROOT = join(import.meta.dirname, '..');
const ELECTRON_VITE = join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js');

export interface AppBuild extends TempTree {
  /** out/main/index.js: main's ES module bundle. */
  mainEntry: string;
  /** out/preload/index.cjs. */
  preloadPath: string;
  /** out/renderer/index.html. */
  rendererIndex: string;
}

export async function buildApp(): Promise<AppBuild> {
  // The bundle imports its dependencies by name and is ESM by its package.json, as in the checkout.
  const tree = await tempTree('roletray-build-', { 'package.json': JSON.stringify({ type: 'module' }) });
  await symlink(join(ROOT, 'node_modules'), join(tree.dir, 'node_modules'), 'dir');
  const outDir = join(tree.dir, 'out');
  const build = await runProcess(
    process.execPath,
    [ELECTRON_VITE, 'build', '--outDir', outDir, '--logLevel', 'error'],
    // Not the test runner's environment: NODE_ENV=test would change what Vite builds.
    { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' }, cwd: ROOT, timeoutMs: 120_000 },
  );
  if (build.code !== 0) {
    await tree.remove();
    throw new Error(`electron-vite build failed (exit ${build.code}):\n${build.stdout}${build.stderr}`);
  }
  return {
    ...tree,
    mainEntry: join(outDir, 'main/index.js'),
    preloadPath: join(outDir, 'preload/index.cjs'),
    rendererIndex: join(outDir, 'renderer/index.html'),
  };
}
