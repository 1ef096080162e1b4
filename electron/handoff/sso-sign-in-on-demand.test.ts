import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCredentialsCli } from '../../scripts/build-credentials-cli';
import { CLI_V1, cliV1Missing, TEST_TIMEOUT_MS } from '../../sandbox/test/real-client-runs';
import { dispatch } from '../app/dispatch';
import { IdentityCenterService } from '../app/identity-center';
import { runProcess, type ProcessRun } from '../../test-support/client-process';
import { startCoreHarness, type CoreHarness } from '../../test-support/core-harness';
import { DEV, roleTrayFailure } from '../../test-support/sandbox';
import { approveSignIn, finishBrowserSignIn, SSO_USER } from '../../test-support/sso';
import { tokenCachePath } from '../core/sso/token-cache-file';
import { handoffPaths, type HandoffPaths } from './handoff-paths';
import { signingInWhenNeeded } from './sign-in-on-demand';

// Sign-in on demand from the hand-offs, against the sandbox over real HTTP: `roletray-credentials`
// processes (the bundled helper, over the app's real socket) and a terminal's credential server ask
// for SSO profiles while nobody is signed in; the app starts its one sign-in, the helpers wait and
// say so, one approval in the "browser" serves them all.

let dir: string;
let cli: string;
let paths: HandoffPaths;
let h: CoreHarness | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roletray-sso-handoff-'));
  cli = await buildCredentialsCli(join(dir, 'roletray-credentials.mjs'));
  paths = handoffPaths({
    platform: process.platform,
    env: { ROLETRAY_HANDOFF_DIR: join(dir, 'run') },
    homeDir: homedir(),
    userName: userInfo().username,
  });
});
afterEach(async () => {
  await h?.stop();
  h = undefined;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The app's services with the real socket; the "browser" keeps what the app opens, approving only when told. */
async function start(options: { approveAtOnce?: boolean } = {}) {
  const opened: string[] = [];
  const terminals: Record<string, string>[] = [];
  const harness = (h = await startCoreHarness({
    identityCenterProfiles: true,
    identityCenter: { portalThrottle: { ratePerSecond: 1000 } },
    handoff: (t) => ({
      socketPaths: paths,
      openExternal: async (url) => {
        opened.push(url);
        if (options.approveAtOnce) await approve(url);
      },
      openTerminal: async (env) => void terminals.push(env),
      federationEndpoint: `${t.sandbox.endpoint}/federation`,
    }),
  }));
  const password = harness.t.sandbox.scenario.identityCenter!.users[0]!.password;
  const approve = (url: string) => finishBrowserSignIn(url, password);
  const startUrl = harness.t.sandbox.scenario.identityCenter!.startUrl;
  const calls = (action: string) => harness.ssoRequests.filter((line) => line.endsWith(` ${action}`)).length;
  return { h: harness, opened, terminals, approve, startUrl, calls };
}

const helper = (profile: string): Promise<ProcessRun> =>
  runProcess(process.execPath, [cli, '--handoff-dir', paths.dir, profile], {
    env: { PATH: '/usr/bin:/bin' },
  });

async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

interface Printed {
  AccessKeyId: string;
  SessionToken: string;
  Expiration: string;
}

describe('roletray-credentials for SSO profiles while signed out', () => {
  it(
    'starts one sign-in for 8 parallel helpers, which wait, say for what, and all get credentials after one approval',
    async () => {
      const { h, opened, approve, startUrl, calls } = await start();
      const profiles = [
        ...Array<string>(4).fill('sso-dev'),
        ...Array<string>(2).fill('sso-prod-read-only'),
        ...Array<string>(2).fill('sso-prod-via-dev'),
      ];
      const runs = Promise.all(profiles.map((profile) => helper(profile)));
      await until('the sign-in page', () => opened.length > 0);
      // Past the socket's one second, so every helper has been told what it waits for.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(opened).toHaveLength(1);
      expect(opened[0]).toContain('/authorize?');
      await approve(opened[0]!);
      const results = await runs;

      for (const [index, result] of results.entries()) {
        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr).toContain(
          `roletray-credentials: waiting for the IAM Identity Center sign-in to ${startUrl} in RoleTray (for ${profiles[index]}): finish it in the browser RoleTray opened.`,
        );
      }
      const printed = results.map((result) => JSON.parse(result.stdout) as Printed);
      const byProfile = (name: string) =>
        new Set(printed.filter((_, index) => profiles[index] === name).map((p) => p.AccessKeyId));
      // One session per profile, served to each of its helpers.
      for (const name of ['sso-dev', 'sso-prod-read-only', 'sso-prod-via-dev']) {
        expect(byProfile(name)).toEqual(new Set([h.manager.activeSession(name)!.credentials.accessKeyId]));
      }
      // Exactly one sign-in at the sandbox: one client registered, one token created, one browser.
      expect(calls('RegisterClient')).toBe(1);
      expect(calls('CreateToken')).toBe(1);
      expect(opened).toHaveLength(1);
      expect(existsSync(tokenCachePath(h.t.awsDir, 'roletray-sandbox'))).toBe(true);
      // sso-dev's session served sso-prod-via-dev's hop: two GetRoleCredentials (Dev, Prod).
      expect(calls('GetRoleCredentials')).toBe(2);
      expect(h.stsCalls.filter((call) => call === 'AssumeRole')).toHaveLength(1);
      // The sign-in is over: nothing shows as waiting.
      expect(await dispatch(h.services.handlers, 'sso:status', undefined)).toMatchObject({
        ok: true,
        value: [{ instance: 'roletray-sandbox', signedIn: true, signingIn: false }, { signedIn: false }],
      });
    },
    TEST_TIMEOUT_MS,
  );

  it('prints the device code to the terminal when the window last signed in with it', async () => {
    const { h, startUrl } = await start();
    // The window's device sign-in, approved on the page, then signed out: the method is remembered.
    const codes: { userCode: string; verificationUri: string; verificationUriComplete: string }[] = [];
    h.services.hub.subscribe((event, payload) => {
      if (event === 'sso:device-code') codes.push(payload as (typeof codes)[number]);
    });
    const first = dispatch(h.services.handlers, 'sso:sign-in', { profile: 'sso-dev', method: 'device' });
    await until('the first device code', () => codes.length === 1);
    await finishDevice(h, codes[0]!.verificationUriComplete);
    expect(await first).toMatchObject({ ok: true, value: { signedIn: true } });
    await dispatch(h.services.handlers, 'sso:sign-out', { profile: 'sso-dev' });

    const run = helper('sso-dev');
    await until('the second device code', () => codes.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await finishDevice(h, codes[1]!.verificationUriComplete);
    const result = await run;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `waiting for the IAM Identity Center sign-in to ${startUrl} in RoleTray (for sso-dev): enter the code ${codes[1]!.userCode} at ${codes[1]!.verificationUri} (RoleTray's window shows it too).`,
    );
  });

  it('ends with a sentence when the sign-in is denied, and the next call signs in anew', async () => {
    const { h, opened, approve, startUrl } = await start();
    const password = h.t.sandbox.scenario.identityCenter!.users[0]!.password;
    const denied = helper('sso-dev');
    await until('the sign-in page', () => opened.length === 1);
    await finishBrowserSignIn(opened[0]!, password, 'deny');
    const refused = await denied;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`roletray-credentials: The sign-in to ${startUrl} was denied.\n`);

    const again = helper('sso-dev');
    await until('a second sign-in page', () => opened.length === 2);
    await approve(opened[1]!);
    expect((await again).code).toBe(0);
  });
});

describe('the terminal’s credential server for an SSO profile', () => {
  it('answers 503 naming the sign-in while it waits, then the session once signed in again', async () => {
    const { h, opened, terminals, approve, startUrl } = await start();
    // "Open a terminal" while signed out signs in first (approved at once here).
    const opening = dispatch(h.services.handlers, 'handoff:open-terminal', { profile: 'sso-dev' });
    await until('the sign-in page', () => opened.length === 1);
    await approve(opened[0]!);
    expect(await opening).toEqual({ ok: true });
    const env = terminals[0]!;
    const ask = () =>
      fetch(env['AWS_CONTAINER_CREDENTIALS_FULL_URI']!, {
        headers: { authorization: env['AWS_CONTAINER_AUTHORIZATION_TOKEN']! },
      });
    expect((await ask()).status).toBe(200);

    // Signed out (the sessions through it end): the SDK's next request starts the sign-in.
    await dispatch(h.services.handlers, 'sso:sign-out', { profile: 'sso-dev' });
    const waiting = await ask();
    expect(waiting.status).toBe(503);
    expect(await waiting.json()).toEqual({
      Code: 'SignInRequired',
      Message: `RoleTray is waiting for the IAM Identity Center sign-in to ${startUrl} in RoleTray (for sso-dev): finish it in the browser RoleTray opened.`,
    });
    await until('the second sign-in page', () => opened.length === 2);
    await approve(opened[1]!);
    await until('the session', () => h.manager.activeSession('sso-dev') !== undefined);
    const served = await ask();
    expect(served.status).toBe(200);
    expect(((await served.json()) as { AccessKeyId: string }).AccessKeyId).toBe(
      h.manager.activeSession('sso-dev')!.credentials.accessKeyId,
    );
  });
});

describe('the wait for a sign-in nobody finishes', () => {
  it('gives up with a sentence after its time, stops the sign-in it started, and a new one can start', async () => {
    const { h, opened, approve, startUrl, calls } = await start();
    const service = new IdentityCenterService(h.core, {
      publishDeviceCode: () => undefined,
      openExternal: async (url) => void opened.push(url),
      signInWaitMs: 400,
    });
    const credentials = signingInWhenNeeded((profile) => h.manager.credentials(profile), service.onDemand);
    const refused = await roleTrayFailure(credentials('sso-dev'));
    expect(refused.info).toEqual({
      kind: 'SignInRequired',
      message: `Nobody finished the IAM Identity Center sign-in to ${startUrl} within 400 ms, so RoleTray stopped waiting; run the command again to sign in.`,
      profile: 'sso-dev',
    });
    expect(opened).toHaveLength(1);
    expect(service.onDemand.waitingFor('sso-dev')).toBeUndefined();
    // The abandoned page no longer signs anyone in (its loopback listener is gone); a new request
    // starts a new sign-in.
    await expect(approve(opened[0]!)).rejects.toThrow();
    const next = credentials('sso-dev');
    await until('the second sign-in page', () => opened.length === 2);
    await approve(opened[1]!);
    expect((await next).accessKeyId).toBe(h.manager.activeSession('sso-dev')!.credentials.accessKeyId);
    expect(calls('CreateToken')).toBe(1);
    // A non-SSO profile's failure is passed on as it is: no sign-in.
    expect((await roleTrayFailure(credentials('contractor-prod-read-only'))).kind).toBe('AccessDenied');
    expect(opened).toHaveLength(2);
  });
});

describe.skipIf(cliV1Missing !== undefined)(`the AWS CLI v1 (${CLI_V1}) with credential_process`, () => {
  it(
    'gets sso-dev’s identity through roletray-credentials, the sign-in started by the call',
    async () => {
      const { h, opened } = await start({ approveAtOnce: true });
      const config = join(dir, 'cli-v1-config');
      await writeFile(
        config,
        [
          '[profile roletray-sso-dev]',
          `credential_process = "${process.execPath}" "${cli}" --handoff-dir "${paths.dir}" sso-dev`,
          'region = eu-west-1',
          `endpoint_url = ${h.t.sandbox.endpoint}`,
          '',
        ].join('\n'),
      );
      const result = await runProcess(
        CLI_V1!,
        ['--output', 'json', 'sts', 'get-caller-identity', '--profile', 'roletray-sso-dev'],
        {
          env: {
            PATH: `${dirname(CLI_V1!)}:/usr/bin:/bin`,
            HOME: join(dir, 'home'),
            AWS_CONFIG_FILE: config,
            AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
            AWS_EC2_METADATA_DISABLED: 'true',
            LANG: 'C.UTF-8',
          },
          timeoutMs: 60_000,
        },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(opened).toHaveLength(1);
      expect((JSON.parse(result.stdout) as { Arn: string }).Arn).toMatch(
        new RegExp(
          `^arn:aws:sts::${DEV}:assumed-role/AWSReservedSSO_DeveloperAccess_[0-9a-f]{16}/tyler\\.dev@acme\\.example$`,
        ),
      );
    },
    TEST_TIMEOUT_MS,
  );
});

/** The device page approved as a browser would, for the window's device sign-in. */
async function finishDevice(h: CoreHarness, url: string): Promise<void> {
  const password = h.t.sandbox.scenario.identityCenter!.users[0]!.password;
  const answer = await approveSignIn(url, SSO_USER, password, 'allow');
  expect(answer.status).toBe(200);
}
