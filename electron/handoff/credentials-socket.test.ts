import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCredentialsCli } from '../../scripts/build-credentials-cli';
import { runProcess, type ProcessRun } from '../../test-support/client-process';
import { MFA_ROLE, PROD } from '../../test-support/sandbox';
import { startCoreHarness, type CoreHarness } from '../../test-support/core-harness';
import { handoffPaths, type HandoffPaths } from './handoff-paths';
import { startCredentialsSocket, waitingSentence, type CredentialsSocket } from './credentials-socket';

// `roletray-credentials` as users run it: the bundled helper (built here with esbuild, as
// `npm run build` builds it) in its own Node process, over the real socket, to the app's services
// against the sandbox; then Debian's AWS CLI running it as a profile's credential_process.

const AWS_CLI = '/usr/bin/aws';
const cliMissing = existsSync(AWS_CLI)
  ? undefined
  : `${AWS_CLI} is missing; install it with: apt-get install -y awscli`;
if (cliMissing) console.warn(`credentials-socket.test.ts: skipping the AWS CLI checks: ${cliMissing}`);

let h: CoreHarness;
let dir: string;
let cli: string;
let paths: HandoffPaths;
let server: CredentialsSocket | undefined;

function run(file: string, args: string[], env: Record<string, string> = {}): Promise<ProcessRun> {
  return runProcess(file, args, { env: { PATH: '/usr/bin:/bin', ROLETRAY_HANDOFF_DIR: paths.dir, ...env } });
}

const helper = (profile: string) => run(process.execPath, [cli, profile]);

async function serve(): Promise<void> {
  server = await startCredentialsSocket({
    paths,
    credentials: (profile) => h.manager.credentials(profile),
    waitingFor: (profile) => waitingSentence(profile, h.services.broker.open()),
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roletray-handoff-'));
  cli = await buildCredentialsCli(join(dir, 'roletray-credentials.mjs'));
  paths = handoffPaths({
    platform: process.platform,
    env: { ROLETRAY_HANDOFF_DIR: join(dir, 'run') },
    homeDir: homedir(),
    userName: userInfo().username,
  });
  h = await startCoreHarness();
  await serve();
});
afterAll(async () => {
  await server?.close();
  await h?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('roletray-credentials over the socket', () => {
  it('prints the session as credential_process JSON, assuming the role when there is none', async () => {
    expect(h.manager.activeSession('prod-read-only')).toBeUndefined();
    expect(h.manager.hasLapsed('prod-read-only')).toBe(false);
    const result = await helper('prod-read-only');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const output = JSON.parse(result.stdout) as Record<string, unknown>;
    const session = h.manager.activeSession('prod-read-only')!.credentials;
    expect(output).toEqual({
      Version: 1,
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: new Date(session.expiration).toISOString(),
    });
    // A second call is the cached session: no new AssumeRole.
    const calls = h.stsCalls.length;
    expect(JSON.parse((await helper('prod-read-only')).stdout)).toEqual(output);
    expect(h.stsCalls.length).toBe(calls);
  });

  it('asks for an MFA code in the app once, however many CLI calls come at once or after', async () => {
    h.answers.push(() => h.t.mfaCode());
    const prompts = h.prompts.length;
    const [first, second] = await Promise.all([helper('prod-read-only-mfa'), helper('prod-read-only-mfa')]);
    const third = await helper('prod-read-only-mfa');
    expect(h.prompts.length - prompts).toBe(1);
    for (const result of [first, second, third]) expect(result.code).toBe(0);
    const keyIds = [first, second, third].map(
      (result) => (JSON.parse(result.stdout) as { AccessKeyId: string }).AccessKeyId,
    );
    expect(new Set(keyIds).size).toBe(1);
  });

  it('tells the terminal which device’s code it waits for while the app asks, then answers', async () => {
    await h.manager.endAll();
    // The next 30-second step, so that no code an earlier test sent is sent again (a code works once).
    h.t.clock.advance(30);
    // The user takes two seconds to type the code.
    h.answers.push(() => new Promise((resolve) => setTimeout(() => resolve(h.t.mfaCode()), 2000)));
    const result = await helper('prod-read-only-mfa');
    expect(result.stderr).toBe(
      `roletray-credentials: waiting for the MFA code of ${h.t.mfaSerial()} in RoleTray's window (for prod-read-only-mfa).\n`,
    );
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { Version: number }).Version).toBe(1);
  });

  it('gives up after its time limit with a sentence, while nobody answers', async () => {
    await h.manager.endAll();
    // No answer queued for a while: the prompt stays open past the helper's limit.
    h.answers.push(() => new Promise((resolve) => setTimeout(() => resolve(undefined), 4000)));
    const result = await run(process.execPath, [cli, 'prod-read-only-mfa'], { ROLETRAY_WAIT_SECONDS: '2' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/waiting for the MFA code of .* in RoleTray's window/);
    expect(result.stderr).toMatch(
      /roletray-credentials: gave up after 2 seconds without an answer from RoleTray; look at its window, then run the command again\.\n$/,
    );
  });

  it('says why, in one line on stderr, when AWS refuses or the dialog is closed', async () => {
    const denied = await helper('contractor-prod-read-only');
    expect(denied.code).toBe(1);
    expect(denied.stdout).toBe('');
    expect(denied.stderr).toMatch(
      /^roletray-credentials: Sam-Contractor is not allowed to assume DevReadOnly-CrossAccount\. [^\n]+\n$/,
    );
    // Signed out, and no answer queued: the dialog is closed without a code.
    await h.manager.endAll();
    const cancelled = await helper('prod-read-only-mfa');
    expect(cancelled.code).toBe(1);
    expect(cancelled.stderr).toMatch(/^roletray-credentials: .*MFA/);
    const unknown = await helper('no-such-profile');
    expect(unknown.stderr).toContain('no-such-profile');
  });

  it('keeps the socket and token file to this user, and refuses a wrong token', async () => {
    expect((await stat(paths.dir)).mode & 0o777).toBe(0o700);
    expect((await stat(paths.tokenFile)).mode & 0o777).toBe(0o600);
    expect((await stat(paths.socket)).mode & 0o777).toBe(0o600);
    await writeFile(paths.tokenFile, 'not-the-token\n');
    const refused = await helper('prod-read-only');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not the running app’s');
    // A restart writes a new token; the helper works again.
    await server!.close();
    await serve();
    expect((await helper('prod-read-only')).code).toBe(0);
  });

  it('says plainly that the app is not running, and a new app replaces a stale socket', async () => {
    await server!.close();
    const down = await helper('prod-read-only');
    expect(down).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'roletray-credentials: RoleTray is not running. Start RoleTray, then run the command again.\n',
    });
    // A crash leaves the socket file behind (here: written by hand); the next start clears it.
    await writeFile(paths.socket, '');
    await serve();
    expect((await helper('prod-read-only')).code).toBe(0);
    await expect(
      startCredentialsSocket({ paths, credentials: async () => Promise.reject(new Error('x')) }),
    ).rejects.toThrow(/Another RoleTray is already serving credentials/);
  });

  it('finds the socket from --handoff-dir alone, as the config block names it', async () => {
    const result = await runProcess(process.execPath, [cli, '--handoff-dir', paths.dir, 'prod-read-only'], {
      env: { PATH: '/usr/bin:/bin' },
    });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { Version: number }).Version).toBe(1);
  });

  it('prints usage for a missing profile (exit 2)', async () => {
    const result = await run(process.execPath, [cli]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: roletray-credentials [--handoff-dir DIR] PROFILE');
  });
});

describe.skipIf(cliMissing)('the AWS CLI with credential_process = roletray-credentials', () => {
  async function aws(profile: string, args: string[]): Promise<ProcessRun> {
    const home = join(dir, 'home');
    const config = join(dir, 'cli-config');
    await writeFile(
      config,
      [
        '[profile via-roletray]',
        `credential_process = "${process.execPath}" "${cli}" prod-read-only-mfa`,
        'region = us-east-1',
        '[profile via-roletray-denied]',
        `credential_process = "${process.execPath}" "${cli}" contractor-prod-read-only`,
        'region = us-east-1',
        '',
      ].join('\n'),
    );
    return run(
      AWS_CLI,
      ['--profile', profile, ...args, '--endpoint-url', h.t.sandbox.endpoint, '--output', 'json'],
      {
        HOME: home,
        AWS_CONFIG_FILE: config,
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_PAGER: '',
        LANG: 'C.UTF-8',
      },
    );
  }

  it('runs sts get-caller-identity and s3 ls as the MFA role: the app asks for the code, the CLI waits', async () => {
    await h.manager.endAll();
    // The user takes a moment to type the code into the app's dialog.
    // The code one step ahead: the one now went to an earlier test, and a code works once.
    h.answers.push(
      () => new Promise((resolve) => setTimeout(() => resolve(h.t.mfaCode('Tyler-Dev', 1)), 500)),
    );
    const prompts = h.prompts.length;
    const calls = h.stsCalls.length;
    const identity = await aws('via-roletray', ['sts', 'get-caller-identity']);
    expect(identity.stderr).toBe('');
    expect(JSON.parse(identity.stdout)).toMatchObject({
      Account: PROD,
      Arn: expect.stringMatching(new RegExp(`^arn:aws:sts::${PROD}:assumed-role/${MFA_ROLE.split('/')[1]}/`)),
    });
    const listing = await aws('via-roletray', ['s3', 'ls']);
    expect(listing.code).toBe(0);
    expect(listing.stdout).toContain('acme-prod-app-data');
    // One code for both commands: the app's session, bought once (GetSessionToken, then AssumeRole).
    expect(h.prompts.length - prompts).toBe(1);
    expect(h.stsCalls.slice(calls)).toEqual(['GetSessionToken', 'AssumeRole', 'GetCallerIdentity']);
  });

  it('shows the app’s sentence when the role is refused', async () => {
    const denied = await aws('via-roletray-denied', ['sts', 'get-caller-identity']);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain('Sam-Contractor is not allowed to assume');
  });
});
