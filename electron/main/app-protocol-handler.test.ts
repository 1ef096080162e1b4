import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempTree, type TempTree } from '../../test-support/temp-tree';
import { appProtocolHandler } from './app-protocol-handler';
import { contentSecurityPolicy } from './security-policy';

// The handler Electron calls for app:// requests, over a built renderer folder with a secret beside
// it (where out/main sits beside out/renderer) and a symlink pointing out.

const SECRET = 'main-process code, not for pages';
const csp = contentSecurityPolicy();
let tree: TempTree;
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  tree = await tempTree('roletray-app-protocol-', {
    'renderer/index.html':
      '<!doctype html><div id="root"></div><script type="module" src="./assets/app.js"></script>',
    'renderer/assets/app.js': 'console.log("app");\n',
    'renderer/assets/app.css': 'body {}\n',
    'main/index.js': SECRET,
  });
  await symlink(join(tree.dir, 'main/index.js'), join(tree.dir, 'renderer/link-out.js'));
  handle = appProtocolHandler({ rendererDir: join(tree.dir, 'renderer'), csp });
});
afterAll(async () => {
  await tree.remove();
});

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('the app:// protocol handler', () => {
  it('serves index.html with the strict CSP as a header', async () => {
    const response = await get('app://roletray/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<div id="root">');
  });

  it('serves the assets with their content types, and the CSP on them too', async () => {
    const script = await get('app://roletray/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(csp);
    expect(await script.text()).toBe('console.log("app");\n');
    expect((await get('app://roletray/assets/app.css')).headers.get('content-type')).toBe(
      'text/css; charset=utf-8',
    );
    const head = await get('app://roletray/assets/app.js', 'HEAD');
    expect({ status: head.status, body: await head.text() }).toEqual({ status: 200, body: '' });
  });

  it('answers 404 for anything outside the folder: traversal, encoded traversal, symlinks, other hosts', async () => {
    for (const url of [
      'app://roletray/..%2fmain%2findex.js',
      'app://roletray/assets/..%2F..%2Fmain/index.js',
      'app://roletray/%2e%2e%2fmain%2findex.js',
      'app://roletray/assets/%5c..%5c..%5cmain%5cindex.js',
      'app://roletray/..%5cmain%5cindex.js',
      // The URL parser removes plain dot segments first: what is left is no file of the renderer.
      'app://roletray/../main/index.js',
      'app://roletray/%2e%2e/main/index.js',
      'app://roletray/link-out.js',
      'app://roletray/assets/app.js%00.html',
      'app://roletray/%E0%A4%A',
      'app://roletray/assets',
      'app://roletray/missing.js',
      'app://elsewhere/index.html',
    ]) {
      const response = await get(url);
      expect({ url, status: response.status }).toEqual({ url, status: 404 });
      expect(await response.text()).not.toContain(SECRET);
    }
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('app://roletray/index.html', 'POST')).status).toBe(405);
  });
});
