import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { writeAwsFiles } from '../../sandbox/src/aws-files';
import { startSandbox, type RunningSandbox } from '../../sandbox/src/server';
import { startAppServices, type AppServices } from '../../electron/app/app-services';
import { MemoryKeyCipher } from '../memory-key-cipher';
import { startBridge } from './bridge-server';
import { previewDownloads } from './preview-downloads';
import { appendGeneratedRoles } from './generated-roles';
import { previewHandoff } from './preview-handoff';
import { previewSwitcher } from './preview-switcher';

// `npm run preview` without the command line: the sandbox, the app's services against it, and the
// bridge serving the built renderer. Browser specs can start it in-process or run the script.

export const ROOT = join(import.meta.dirname, '../..');
export const RENDERER_DIR = join(ROOT, 'out/renderer');

export interface PreviewOptions {
  /** The bridge's port; 0 (the default) picks a free one. */
  port?: number;
  /** Where the sandbox writes config, credentials and sandbox.json. Default `.sandbox/preview`. */
  awsDir?: string;
  /** Rebuild the renderer even when `out/renderer` exists. */
  build?: boolean;
  /** Also this many generated role profiles (`generated-roles.ts`), to try the roles list at scale. */
  generatedRoles?: number;
  /** Bridge refusals, handler bugs and where each download is saved. */
  log?: (line: string) => void;
}

export interface Preview {
  /** The page to open, token included. */
  url: string;
  token: string;
  port: number;
  /** The sandbox's endpoint and its files: sandbox.json holds the keys and MFA secrets. */
  endpoint: string;
  awsDir: string;
  /** Where S3 downloads are saved (there is no save dialog in a browser preview). */
  downloadsDir: string;
  sandboxJson: string;
  configFile: string;
  sandbox: RunningSandbox;
  services: AppServices;
  close(): Promise<void>;
}

/** `electron-vite build`, its output on stderr so stdout stays the preview's own lines. */
export function buildRenderer(): Promise<void> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: ROOT,
      stdio: ['ignore', process.stderr, process.stderr],
    },
  );
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`electron-vite build failed (exit ${code ?? 'signal'})`)),
    );
  });
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'preview';
  }
}

export async function startPreview(options: PreviewOptions = {}): Promise<Preview> {
  if (options.build || !existsSync(join(RENDERER_DIR, 'index.html'))) await buildRenderer();
  const awsDir = options.awsDir ?? join(ROOT, '.sandbox/preview');
  const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  // Undone in reverse order by close(), or right away when a later step fails.
  const cleanups: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const sandbox = await startSandbox({ port: 0 });
    cleanups.push(() => sandbox.close());
    // The IAM Identity Center profiles too, as `npm run sandbox` writes them: the window shows the
    // sign-in and the discovered accounts against the sandbox's instance.
    const description = await writeAwsFiles(sandbox, awsDir, { identityCenterProfiles: true });
    const generated = options.generatedRoles
      ? await appendGeneratedRoles(
          description.configFile,
          options.generatedRoles,
          sandbox.endpoint,
          description.region,
        )
      : undefined;
    // Sessions live only as long as the preview: the sandbox's keys are new on every start anyway.
    // Next to the sandbox's files rather than in /tmp, so a killed preview leaves nothing behind.
    const storeDir = join(awsDir, 'store');
    await rm(storeDir, { recursive: true, force: true });
    cleanups.push(() => rm(storeDir, { recursive: true, force: true }));
    const downloadsDir = join(awsDir, 'downloads');
    const log = options.log ?? (() => undefined);
    const services = await startAppServices({
      version,
      // Only the sandbox's files: nothing from the user's shell (AWS_ENDPOINT_URL, keys) or ~/.aws.
      sources: {
        env: {
          AWS_CONFIG_FILE: description.configFile,
          AWS_SHARED_CREDENTIALS_FILE: description.credentialsFile,
        },
        homeDir: awsDir,
      },
      store: new Conf<Record<string, unknown>>({ cwd: storeDir, configName: 'roletray' }),
      cipher: new MemoryKeyCipher(),
      userName: currentUser(),
      sandbox: { configFile: description.configFile },
      accountAliases: Object.fromEntries(
        [...description.accounts, ...(generated?.accounts ?? [])].map((account) => [
          account.id,
          account.alias,
        ]),
      ),
      chooseDownloadDestination: previewDownloads(downloadsDir, log),
      handoff: previewHandoff(awsDir, sandbox.endpoint, log),
      // The quick switcher's close, recorded where a spec reads it.
      onSwitcherClose: previewSwitcher(awsDir, log),
      log,
    });
    cleanups.push(() => services.close());
    const bridge = await startBridge({
      services,
      staticDir: RENDERER_DIR,
      sandboxEndpoint: sandbox.endpoint,
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.log ? { log: options.log } : {}),
    });
    cleanups.push(() => bridge.close());
    return {
      url: bridge.url,
      token: bridge.token,
      port: bridge.port,
      endpoint: sandbox.endpoint,
      awsDir,
      downloadsDir,
      sandboxJson: join(awsDir, 'sandbox.json'),
      configFile: description.configFile,
      sandbox,
      services,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
