import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxDescription } from '../../sandbox/src/aws-files';
import { totpAt } from '../../sandbox/src/totp';
import { ROOT, startPreview, type Preview } from './preview';
import { BridgeClient } from '../../test-support/bridge-client';

// `npm run preview` as a developer and the browser specs use it: in-process, and as the script.
// Both use the built renderer in out/renderer, and build it first when it is missing.

const BUILD_TIMEOUT_MS = 180_000;

let dir: string;
let preview: Preview | undefined;
let child: ChildProcessWithoutNullStreams | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roletray-preview-test-'));
});
afterEach(async () => {
  await preview?.close();
  preview = undefined;
  child?.kill('SIGKILL');
  child = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('startPreview', () => {
  it(
    'serves the built app against a fresh sandbox, with only the sandbox behind it',
    async () => {
      const running = (preview = await startPreview({ awsDir: join(dir, 'aws') }));
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
      expect(running.sandboxJson).toBe(join(dir, 'aws', 'sandbox.json'));
      const description = JSON.parse(await readFile(running.sandboxJson, 'utf8')) as SandboxDescription;
      expect(description.endpoint).toBe(running.endpoint);

      const page = await fetch(running.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<script src="\/bridge-shim\.js"><\/script>\s*<script type="module"/);

      const client = new BridgeClient(running.port, running.token);
      expect(await client.invoke('app:state')).toMatchObject({
        body: {
          ok: true,
          value: {
            persistence: { mode: 'encrypted' },
            sandbox: { configFile: join(dir, 'aws', 'config') },
          },
        },
      });
      expect(await client.invoke('sessions:assume', { profile: 'prod-read-only' })).toMatchObject({
        body: { ok: true, value: { profile: 'prod-read-only' } },
      });

      await running.close();
      preview = undefined;
      await expect(fetch(running.url)).rejects.toThrow();
      await expect(fetch(running.endpoint)).rejects.toThrow();
    },
    BUILD_TIMEOUT_MS,
  );
});

/** Resolves with stdout once it holds `lines` lines. */
function readLines(process: ChildProcessWithoutNullStreams, lines: number): Promise<string[]> {
  let stdout = '';
  let stderr = '';
  process.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    process.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const got = stdout.split('\n');
      if (got.length > lines) resolve(got.slice(0, lines));
    });
    process.on('exit', (code) => reject(new Error(`preview exited (${code}) early: ${stdout}${stderr}`)));
  });
}

function exitCode(process: ChildProcessWithoutNullStreams): Promise<number | string> {
  return new Promise((resolve) => process.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
}

function runScript(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', 'scripts/preview.ts', ...args], { cwd: ROOT });
}

describe('npm run preview', () => {
  it(
    'prints the preview URL, serves the app there, and stops with exit 0 on SIGTERM',
    async () => {
      const awsDir = join(dir, 'aws');
      const infoFile = join(dir, 'preview.json');
      const script = (child = runScript(['--port', '0', '--aws-dir', awsDir, '--info', infoFile]));
      const lines = await readLines(script, 4);
      expect(lines[0]).toMatch(/^preview http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
      expect(lines.filter((line) => line.startsWith('preview '))).toHaveLength(1);
      expect(lines.join('\n')).toContain(join(awsDir, 'sandbox.json'));
      const url = lines[0]!.slice('preview '.length);

      const page = await fetch(url);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<title>RoleTray</title>');
      expect(html).toMatch(
        /<script src="\/bridge-shim\.js"><\/script>\s*<script type="module" crossorigin src="\.\/assets\//,
      );

      // What a browser spec reads: the URL, the token and where sandbox.json is.
      const info = JSON.parse(await readFile(infoFile, 'utf8')) as Record<string, unknown>;
      expect(info).toMatchObject({ url, sandboxJson: join(awsDir, 'sandbox.json') });
      expect((await stat(infoFile)).mode & 0o777).toBe(0o600);

      // The MFA helper prints the code the sandbox expects now.
      const mfa = runScript(['--mfa-code', '--aws-dir', awsDir]);
      const [code] = await readLines(mfa, 1);
      expect(await exitCode(mfa)).toBe(0);
      const description = JSON.parse(
        await readFile(join(awsDir, 'sandbox.json'), 'utf8'),
      ) as SandboxDescription;
      const secret = description.users.find((user) => user.name === 'Tyler-Dev')!.mfa!.secret;
      expect([totpAt(secret, Date.now()), totpAt(secret, Date.now() - 30_000)]).toContain(code);

      const exited = exitCode(script);
      script.kill('SIGTERM');
      expect(await exited).toBe(0);
      child = undefined;
      await expect(stat(infoFile)).rejects.toThrow(/ENOENT/);
      await expect(fetch(url)).rejects.toThrow();
    },
    BUILD_TIMEOUT_MS,
  );

  it('says what is wrong with its arguments', async () => {
    const script = (child = runScript(['--port', 'eighty']));
    let stderr = '';
    script.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exitCode(script)).toBe(1);
    expect(stderr).toBe("preview: --port must be 0..65535, not 'eighty'\n");
    child = undefined;
  });
});
