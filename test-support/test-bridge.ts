import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCoreHarness, type CoreHarness, type HarnessOptions } from './core-harness';
import { startBridge, type Bridge } from '../dev/preview/bridge-server';
import { BridgeClient } from './bridge-client';

// A bridge as the tests use it: the app's services on a real sandbox (the core harness), a small
// stand-in for the built renderer under the real page's CSP, and a client holding the token.

export const OUTSIDE_SECRET = 'this file is outside the renderer folder';

export interface RendererFixture {
  /** The folder the bridge serves. */
  staticDir: string;
  /** Its parent, holding a file the bridge must never serve. */
  root: string;
}

/**
 * renderer/index.html with its CSP, loading `assets/app.js`, which shows whether `window.roletray`
 * already existed when the app's module ran. Also a symlink that points out of the folder.
 */
export async function rendererFixture(): Promise<RendererFixture> {
  const root = await mkdtemp(join(tmpdir(), 'roletray-bridge-'));
  const staticDir = join(root, 'renderer');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  const page = await readFile(join(import.meta.dirname, '../renderer/index.html'), 'utf8');
  await writeFile(join(staticDir, 'index.html'), page.replace('./src/main.tsx', './assets/app.js'));
  await writeFile(
    join(staticDir, 'assets/app.js'),
    "document.getElementById('root').textContent = `app sees roletray: ${typeof window.roletray}`;\n",
  );
  await writeFile(join(root, 'outside.txt'), OUTSIDE_SECRET);
  await symlink(join(root, 'outside.txt'), join(staticDir, 'link-out.txt'));
  return { staticDir, root };
}

export interface TestBridge {
  h: CoreHarness;
  bridge: Bridge;
  client: BridgeClient;
  fixture: RendererFixture;
  stop: () => Promise<void>;
}

export async function startTestBridge(options: HarnessOptions = {}): Promise<TestBridge> {
  const h = await startCoreHarness(options);
  // The harness's scripted dialog stays silent (an answer that never comes): the page answers.
  for (let i = 0; i < 50; i++) h.answers.push(() => new Promise<undefined>(() => undefined));
  const fixture = await rendererFixture();
  let bridge: Bridge;
  try {
    bridge = await startBridge({
      services: h.services,
      staticDir: fixture.staticDir,
      sandboxEndpoint: h.t.sandbox.endpoint,
    });
  } catch (error) {
    await h.stop();
    await rm(fixture.root, { recursive: true, force: true });
    throw error;
  }
  return {
    h,
    bridge,
    client: new BridgeClient(bridge.port, bridge.token),
    fixture,
    stop: async () => {
      await bridge.close();
      await h.stop();
      await rm(fixture.root, { recursive: true, force: true });
    },
  };
}
