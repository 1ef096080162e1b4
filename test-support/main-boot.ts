import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, type AppBuild } from './app-build';
import { runProcess, type ProcessRun } from './client-process';
import { BOOT_PACKAGED_ENV, BOOT_RECORD_ENV, type BootRecord } from './electron-stand-in/boot-record';
import { tempTree, type TempTree } from './temp-tree';

// One start of the built main process (out/main/index.js) in Node against the electron stand-in
// (test-support/electron-stand-in/), in a child process, with a home of its own holding an AWS
// config, and a sandbox.json for ROLETRAY_SANDBOX. No Electron binary can run here; this is how far
// main gets without one. main-boot.test.ts and main-boot-packaged.test.ts read what it recorded.

const ROOT = join(import.meta.dirname, '..');
const REGISTER_STAND_IN = join(import.meta.dirname, 'electron-stand-in/register.ts');

export const BOOT_ROLE = 'dev-admin';
export const BOOT_ACCOUNT = '123456789012';
export const BOOT_ALIAS = 'boot-sandbox';

const HOME_FILES = {
  '.aws/config': [
    '[profile keys]',
    'region = us-east-1',
    '',
    `[profile ${BOOT_ROLE}]`,
    `role_arn = arn:aws:iam::${BOOT_ACCOUNT}:role/Admin`,
    'source_profile = keys',
    '',
  ].join('\n'),
  '.aws/credentials': [
    '[keys]',
    'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
    'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    '',
  ].join('\n'),
};

export interface MainBoot {
  home: TempTree;
  run: ProcessRun;
  record: BootRecord;
  /** The test and sandbox variables the run was started with. */
  switchEnv: Record<string, string>;
}

/**
 * Starts `mainEntry` as `electron .` from the checkout would, with `isPackaged` as asked, and the
 * test and sandbox switches pointing into the throwaway home: `every` adds ELECTRON_RENDERER_URL.
 */
export async function bootMain(
  mainEntry: string,
  options: { packaged: boolean; switches: 'checkout' | 'every' },
): Promise<MainBoot> {
  const home = await tempTree('roletray-boot-', HOME_FILES);
  const configFile = join(home.dir, '.aws/config');
  const sandboxJson = join(home.dir, 'sandbox.json');
  const sandbox = { configFile, accounts: [{ id: BOOT_ACCOUNT, alias: BOOT_ALIAS }] };
  await writeFile(sandboxJson, JSON.stringify(sandbox));
  const switchEnv: Record<string, string> = {
    ROLETRAY_USER_DATA: join(home.dir, 'user-data'),
    ROLETRAY_SANDBOX: sandboxJson,
    ROLETRAY_TEST: '1',
    // Only where it must be ignored: honoured, the window would load a dev server that is not there.
    ...(options.switches === 'every' ? { ELECTRON_RENDERER_URL: 'http://localhost:5173' } : {}),
  };
  const recordFile = join(home.dir, 'boot-record.json');
  const run = await runProcess(
    process.execPath,
    ['--import', 'tsx', '--import', REGISTER_STAND_IN, mainEntry],
    {
      // Nothing of the test runner's environment (AWS_PROFILE, ROLETRAY_TEST, NODE_ENV…) gets in.
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        HOME: home.dir,
        AWS_CONFIG_FILE: configFile,
        AWS_SHARED_CREDENTIALS_FILE: join(home.dir, '.aws/credentials'),
        ROLETRAY_HANDOFF_DIR: join(home.dir, 'handoff'),
        ...switchEnv,
        [BOOT_RECORD_ENV]: recordFile,
        ...(options.packaged ? { [BOOT_PACKAGED_ENV]: '1' } : {}),
      },
      // `electron .` from the checkout: the stand-in's app path, where the tray icons are.
      cwd: ROOT,
      timeoutMs: 30_000,
    },
  );
  if (!existsSync(recordFile)) {
    await home.remove();
    throw new Error(`main wrote no boot record (exit ${run.code}):\n${run.stderr}`);
  }
  const record = JSON.parse(await readFile(recordFile, 'utf8')) as BootRecord;
  return { home, run, record, switchEnv };
}

/**
 * For a describe block: builds the app (app-build.ts) and boots it once before its tests, both
 * removed after them. The object is filled in by the time the tests run.
 */
export function bootedForSuite(options: Parameters<typeof bootMain>[1]): MainBoot & { build: AppBuild } {
  const booted = {} as MainBoot & { build: AppBuild };
  beforeAll(async () => {
    booted.build = await buildApp();
    Object.assign(booted, await bootMain(booted.build.mainEntry, options));
  }, 150_000);
  afterAll(async () => {
    await booted.build?.remove();
    await booted.home?.remove();
  });
  return booted;
}

/** How a boot went: a clean one is CLEAN_RUN with the log lines it should have written. */
export function runSummary({ run, record }: MainBoot) {
  return {
    startupFailed: run.stderr.includes('Startup failed'),
    errorBoxes: record.errorBoxes,
    // The app's own log lines (main logs to stderr with this prefix).
    log: run.stderr.split('\n').filter((line) => line.startsWith('[RoleTray]')),
    notifications: record.notifications,
    quit: record.quit,
    exit: { code: run.code, recorded: record.exitCode },
  };
}

/** Started without an error, told the user nothing, and quit when asked, every window closed. */
export const CLEAN_RUN = {
  startupFailed: false,
  errorBoxes: [],
  notifications: [],
  quit: { windowsLeftOpen: 0 },
  exit: { code: 0, recorded: 0 },
};
