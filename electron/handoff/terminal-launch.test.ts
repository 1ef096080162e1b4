import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPlan, NoTerminalError, startTerminal } from './terminal-launch';

// The plan for each platform, and on Linux a real start: a stand-in terminal (an executable named by
// $TERMINAL, as a user's own choice would be) records the environment it was started with.

const roleEnv = {
  AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:4567/role/prod-read-only',
  AWS_CONTAINER_AUTHORIZATION_TOKEN: "tok'en",
  AWS_REGION: 'us-east-1',
};
const appEnv = { PATH: '/usr/bin:/bin', HOME: '/home/tyler', AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: 'AKIA' };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roletray-terminal-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('launchPlan', () => {
  it('Linux: the user’s $TERMINAL, else the first installed terminal, with the role’s variables only', () => {
    const plan = launchPlan({
      platform: 'linux',
      env: appEnv,
      roleEnv,
      available: (command) => command === 'konsole',
    });
    expect(plan.command).toBe('konsole');
    expect(plan.env).toEqual({ PATH: '/usr/bin:/bin', HOME: '/home/tyler', ...roleEnv });
    expect(
      launchPlan({ platform: 'linux', env: { ...appEnv, TERMINAL: 'foot' }, roleEnv, available: () => true })
        .command,
    ).toBe('foot');
    expect(() => launchPlan({ platform: 'linux', env: appEnv, roleEnv, available: () => false })).toThrow(
      NoTerminalError,
    );
  });

  it('macOS: a one-use script sets the variables in a new Terminal window', () => {
    const plan = launchPlan({
      platform: 'darwin',
      env: appEnv,
      roleEnv,
      available: () => false,
      scriptPath: '/private/tmp/rt/terminal.sh',
    });
    expect(plan.command).toBe('/usr/bin/osascript');
    expect(plan.args[1]).toBe(
      `tell application "Terminal" to do script "exec /bin/sh '/private/tmp/rt/terminal.sh'"`,
    );
    // Then the user's own login shell, fish or zsh, with the variables set.
    expect(plan.script?.text.trimEnd().split('\n').at(-1)).toBe('exec "${SHELL:-/bin/zsh}" -l');
    expect(plan.waitForExit).toBe(true);
    expect(plan.script?.text).toContain(`export AWS_CONTAINER_AUTHORIZATION_TOKEN='tok'\\''en'`);
    expect(plan.script?.text.split('\n')[0]).toBe(`rm -f '/private/tmp/rt/terminal.sh'`);
    expect(plan.script?.text).toContain('unset AWS_PROFILE');
  });

  it('Windows: start opens a new console that inherits the variables', () => {
    const plan = launchPlan({ platform: 'win32', env: appEnv, roleEnv, available: () => false });
    // start's first quoted argument is the title, so the line goes to cmd.exe as written.
    expect(plan).toMatchObject({
      command: 'cmd.exe',
      args: ['/d', '/s', '/c', 'start "RoleTray" cmd.exe /k'],
      verbatim: true,
    });
    expect(plan.env['AWS_CONTAINER_AUTHORIZATION_TOKEN']).toBe("tok'en");
    expect(plan.env['AWS_PROFILE']).toBeUndefined();
  });
});

it.skipIf(process.platform === 'win32')('starts the terminal with that environment, detached', async () => {
  const record = join(dir, 'env.txt');
  const terminal = join(dir, 'my-terminal');
  await writeFile(terminal, `#!/bin/sh\nenv > '${record}.part' && mv '${record}.part' '${record}'\n`);
  await chmod(terminal, 0o755);
  const plan = launchPlan({
    platform: 'linux',
    env: { ...appEnv, TERMINAL: terminal },
    roleEnv,
    available: (command) => command === terminal,
  });
  await startTerminal(plan);
  await expect
    .poll(() => readFile(record, 'utf8').catch(() => ''), { timeout: 5_000 })
    .toContain('AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:4567/role/prod-read-only');
  const seen = await readFile(record, 'utf8');
  expect(seen).toContain("AWS_CONTAINER_AUTHORIZATION_TOKEN=tok'en");
  expect(seen).not.toContain('AWS_PROFILE=');
  await expect(startTerminal({ command: join(dir, 'missing'), args: [], env: {} })).rejects.toThrow(
    /RoleTray could not start/,
  );
  // A launcher that waits (macOS's osascript) and fails: its words reach the user.
  const refusing = join(dir, 'refusing');
  await writeFile(
    refusing,
    '#!/bin/sh\necho "Not authorized to send Apple events to Terminal." >&2\nexit 1\n',
  );
  await chmod(refusing, 0o755);
  await expect(startTerminal({ command: refusing, args: [], env: {}, waitForExit: true })).rejects.toThrow(
    'RoleTray could not open the terminal: Not authorized to send Apple events to Terminal.',
  );
});
