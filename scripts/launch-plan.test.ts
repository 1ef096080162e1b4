import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { chooseBackend, electronExecutable, MISSING_ELECTRON } from './launch-plan';

const root = join(import.meta.dirname, '..');

describe('chooseBackend', () => {
  const existing =
    (...paths: string[]) =>
    (path: string) =>
      paths.includes(path);

  it("uses the user's ~/.aws/config when it exists", () => {
    expect(chooseBackend([], {}, existing('/home/u/.aws/config'), '/home/u')).toEqual({
      kind: 'aws',
      configFile: '/home/u/.aws/config',
    });
  });

  it('honours AWS_CONFIG_FILE over the default location', () => {
    const env = { AWS_CONFIG_FILE: '/work/aws.ini' };
    expect(chooseBackend([], env, existing('/work/aws.ini', '/home/u/.aws/config'), '/home/u')).toEqual({
      kind: 'aws',
      configFile: '/work/aws.ini',
    });
  });

  it('falls back to the sandbox, saying why, when there is no config yet', () => {
    expect(chooseBackend([], {}, existing(), '/home/u')).toEqual({
      kind: 'sandbox',
      reason: 'there is no AWS config at /home/u/.aws/config yet',
    });
    expect(
      chooseBackend([], { AWS_CONFIG_FILE: '/nope' }, existing('/home/u/.aws/config'), '/home/u'),
    ).toEqual({
      kind: 'sandbox',
      reason: 'AWS_CONFIG_FILE points to /nope, which does not exist',
    });
  });

  it('uses the sandbox on --sandbox even when a config exists', () => {
    expect(chooseBackend(['--sandbox'], {}, existing('/home/u/.aws/config'), '/home/u').kind).toBe('sandbox');
  });
});

describe('npm start without the Electron binary', () => {
  const hasElectron = electronExecutable() !== undefined;

  it.skipIf(hasElectron)(
    'prints one sentence saying how to get Electron and exits 1, without a stack trace',
    async () => {
      expect(existsSync(join(root, 'node_modules/electron/dist'))).toBe(false);
      const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
        cwd: root,
      });
      const failure = (await run.then(
        () => undefined,
        (error: unknown) => error,
      )) as { code: number; stderr: string; stdout: string };
      expect(failure.code).toBe(1);
      expect(failure.stderr.trim()).toBe(MISSING_ELECTRON);
      expect(failure.stderr).not.toMatch(/\n\s+at /);
    },
  );
});
