import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { isRoleTrayError } from '../errors';
import { roleKey } from './credential-cache';
import { startCoreHarness, type CoreHarness, type HarnessOptions } from '../../../test-support/core-harness';

// The sessions core against the sandbox: the article's flows, MFA policy (which STS calls are made),
// coalesced prompts, expiry and renewal with a moved clock, chains, and the encrypted cache.

let harness: CoreHarness | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function start(options?: HarnessOptions): Promise<CoreHarness> {
  harness = await startCoreHarness(options);
  return harness;
}

const HOUR = 3600_000;

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isRoleTrayError(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('the article: assuming roles from ~/.aws/config', () => {
  it('assumes DevReadOnly-CrossAccount without MFA; reads work, writes are denied', async () => {
    const h = await start();
    const session = await h.manager.assume('prod-read-only');
    expect(session).toMatchObject({
      profile: 'prod-read-only',
      accountId: '123456789012',
      roleName: 'DevReadOnly-CrossAccount',
      assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/DevReadOnly-CrossAccount/tyler@roletray',
      obtainedBy: 'keys',
      mfa: false,
    });
    expect(session.expiresAt - h.t.clock.now()).toBeGreaterThan(HOUR - 5000);
    expect(h.stsCalls).toEqual(['AssumeRole']);

    expect(await h.manager.identity('prod-read-only')).toMatchObject({
      arn: session.assumedRoleArn,
      account: '123456789012',
    });
    expect(await h.manager.identity('dev')).toMatchObject({
      arn: 'arn:aws:iam::210987654321:user/Tyler-Dev',
    });

    const { expiration: _expiration, ...credentials } = await h.manager.credentials('prod-read-only');
    const s3 = h.t.s3(credentials);
    const buckets = await s3.send(new ListBucketsCommand({}));
    expect(buckets.Buckets?.map((bucket) => bucket.Name)).toContain('acme-prod-app-data');
    await expect(
      s3.send(new PutObjectCommand({ Bucket: 'acme-prod-app-data', Key: 'x.txt', Body: 'x' })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    // Reusing the cached session makes no further STS call.
    await h.manager.assume('prod-read-only');
    expect(h.stsCalls).toEqual(['AssumeRole', 'GetCallerIdentity', 'GetCallerIdentity']);
  });

  it('says who was refused what, with AWS words, when the contractor tries', async () => {
    const h = await start();
    const error = await failure(h.manager.assume('contractor-prod-read-only'));
    expect(error.kind).toBe('AccessDenied');
    expect(error.message).toMatch(/^Sam-Contractor is not allowed to assume DevReadOnly-CrossAccount\./);
    expect(error.info.awsMessage).toContain(
      'User: arn:aws:iam::210987654321:user/Sam-Contractor is not authorized',
    );
    expect(h.manager.sessions()).toEqual([]);
  });

  it('explains unknown and key-only profiles, and an SSO profile with no sign-in', async () => {
    const h = await start({
      extraConfig:
        '[profile sso-thing]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Admin',
    });
    expect((await failure(h.manager.assume('nope'))).kind).toBe('ConfigError');
    expect((await failure(h.manager.assume('dev'))).message).toContain('holds keys, not a role');
    const sso = await failure(h.manager.assume('sso-thing'));
    expect(sso.kind).toBe('SignInRequired');
    expect(sso.message).toBe('Sign in to https://example.awsapps.com/start first.');
  });
});

describe('MFA: enter the code once, switch between roles', () => {
  it('uses one GetSessionToken for several MFA roles on the same keys and device (1 h role sessions)', async () => {
    const h = await start();
    h.answers.push(() => h.t.mfaCode());
    const first = await h.manager.assume('prod-read-only-mfa');
    const second = await h.manager.assume('prod-recent-mfa');
    expect(h.prompts).toHaveLength(1);
    expect(h.prompts[0]).toMatchObject({ serial: h.t.mfaSerial(), profile: 'prod-read-only-mfa' });
    expect(h.stsCalls).toEqual(['GetSessionToken', 'AssumeRole', 'AssumeRole']);
    for (const session of [first, second]) {
      expect(session).toMatchObject({ mfa: true, obtainedBy: 'mfa-session' });
      expect(session.expiresAt - h.t.clock.now()).toBeLessThanOrEqual(HOUR);
    }
  });

  it('coalesces concurrent requests for one device into one prompt', async () => {
    const h = await start();
    h.answers.push(() => h.t.mfaCode());
    const sessions = await Promise.all([
      h.manager.assume('prod-read-only-mfa'),
      h.manager.assume('prod-recent-mfa'),
      h.manager.assume('prod-read-only-mfa'),
    ]);
    expect(sessions.map((session) => session.profile)).toEqual([
      'prod-read-only-mfa',
      'prod-recent-mfa',
      'prod-read-only-mfa',
    ]);
    expect(h.prompts).toHaveLength(1);
    expect(h.stsCalls.filter((call) => call === 'GetSessionToken')).toHaveLength(1);
    expect(h.stsCalls.filter((call) => call === 'AssumeRole')).toHaveLength(2);
  });

  it('carries the code directly for a role asking for more than 1 h, up to its 12 h maximum', async () => {
    const h = await start({
      extraConfig: (t) =>
        `[profile prod-mfa-long]\nrole_arn = arn:aws:iam::123456789012:role/DevReadOnlyAccesswithMFA\nsource_profile = dev\nmfa_serial = arn:aws:iam::210987654321:mfa/Tyler-Dev\nduration_seconds = 43200\nendpoint_url = ${t.sandbox.endpoint}`,
    });
    h.answers.push(() => h.t.mfaCode());
    const session = await h.manager.assume('prod-mfa-long');
    expect(session).toMatchObject({ mfa: true, obtainedBy: 'mfa-direct' });
    expect(session.expiresAt - h.t.clock.now()).toBeGreaterThan(12 * HOUR - 5000);
    expect(h.stsCalls).toEqual(['AssumeRole']);
  });

  it('queues direct-MFA requests for one device: one dialog at a time, a fresh code each', async () => {
    const long = (name: string, role: string, endpoint: string) =>
      `[profile ${name}]\nrole_arn = arn:aws:iam::123456789012:role/${role}\nsource_profile = dev\nmfa_serial = arn:aws:iam::210987654321:mfa/Tyler-Dev\nduration_seconds = 7200\nendpoint_url = ${endpoint}`;
    const h = await start({
      extraConfig: (t) =>
        `${long('long-a', 'DevReadOnlyAccesswithMFA', t.sandbox.endpoint)}\n${long('long-b', 'DevReadOnlyAccesswithMFA', t.sandbox.endpoint)}`,
    });
    let open = 0;
    let maxOpen = 0;
    const answer = async () => {
      open++;
      maxOpen = Math.max(maxOpen, open);
      await new Promise((resolve) => setTimeout(resolve, 10));
      h.t.clock.advance(30); // the user waits for the next code
      open--;
      return h.t.mfaCode();
    };
    h.answers.push(answer, answer);
    const sessions = await Promise.all([h.manager.assume('long-a'), h.manager.assume('long-b')]);
    expect(sessions.every((session) => session.obtainedBy === 'mfa-direct')).toBe(true);
    expect(h.prompts).toHaveLength(2);
    expect(maxOpen).toBe(1);
  });

  it('lets the user retry after a wrong code, then after a reused one, with AWS message', async () => {
    const h = await start();
    const code = h.t.mfaCode();
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    h.answers.push(wrong, () => h.t.mfaCode());
    await h.manager.assume('prod-read-only-mfa');
    expect(h.prompts).toHaveLength(2);
    expect(h.prompts[1]?.previousError).toBe(
      'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
    );

    // Sign out of everything, then try the same code again: AWS refuses a reused code.
    await h.manager.endAll();
    h.answers.push(
      () => h.t.mfaCode(),
      () => h.t.mfaCode(undefined, 1),
    );
    await h.manager.assume('prod-read-only-mfa');
    expect(h.prompts).toHaveLength(4);
    expect(h.prompts[3]?.previousError).toContain('invalid MFA one time pass code');
  });

  it('leaves no half state when the user cancels', async () => {
    const h = await start();
    h.answers.push(undefined);
    const error = await failure(h.manager.assume('prod-read-only-mfa'));
    expect(error.kind).toBe('MfaCancelled');
    expect(h.cache.values()).toEqual([]);
    expect(h.stsCalls).toEqual([]);
    expect(await h.storeText()).not.toContain('credentialCache');
  });

  it('asks for a new code once the MFA session has expired instead of failing with AccessDenied', async () => {
    const h = await start({ policy: { mfaSessionSeconds: 900 } });
    h.answers.push(() => h.t.mfaCode());
    await h.manager.assume('prod-read-only-mfa');
    h.t.clock.advance(3700); // past both the role session and the MFA session
    h.answers.push(() => h.t.mfaCode());
    const renewed = await h.manager.assume('prod-read-only-mfa');
    expect(renewed.mfa).toBe(true);
    expect(h.prompts).toHaveLength(2);
    expect(h.stsCalls).toEqual(['GetSessionToken', 'AssumeRole', 'GetSessionToken', 'AssumeRole']);
  });
});

describe('chains, durations and sources', () => {
  it('assumes prod-log-reader through prod-read-only, reusing the cached first hop', async () => {
    const h = await start();
    const session = await h.manager.assume('prod-log-reader');
    expect(session).toMatchObject({ obtainedBy: 'chain', roleName: 'ProdLogReader' });
    expect(h.stsCalls).toEqual(['AssumeRole', 'AssumeRole']);
    await h.manager.end('prod-log-reader');
    await h.manager.assume('prod-log-reader');
    expect(h.stsCalls).toEqual(['AssumeRole', 'AssumeRole', 'AssumeRole']);
  });

  it('caps a chained hop at 1 h and says so', async () => {
    const h = await start({
      extraConfig: (t) =>
        `[profile log-reader-long]\nrole_arn = arn:aws:iam::123456789012:role/ProdLogReader\nsource_profile = prod-read-only\nduration_seconds = 7200\nendpoint_url = ${t.sandbox.endpoint}`,
    });
    const session = await h.manager.assume('log-reader-long');
    expect(session.expiresAt - h.t.clock.now()).toBeLessThanOrEqual(HOUR);
    expect(session.durationNote).toContain('1 h');
  });

  it('sends every hop of a chain where the requested profile sends its calls, as the AWS CLI does', async () => {
    // The middle hop names no endpoint and a region of its own: neither is read for this chain.
    const h = await start({
      extraConfig: (t) =>
        [
          '[profile mid-no-endpoint]',
          'role_arn = arn:aws:iam::123456789012:role/DevReadOnly-CrossAccount',
          'source_profile = dev',
          'region = ap-south-1',
          '[profile top-on-sandbox]',
          'role_arn = arn:aws:iam::123456789012:role/ProdLogReader',
          'source_profile = mid-no-endpoint',
          `endpoint_url = ${t.sandbox.endpoint}`,
        ].join('\n'),
    });
    const session = await h.manager.assume('top-on-sandbox');
    expect(session.obtainedBy).toBe('chain');
    expect(h.stsCalls).toEqual(['AssumeRole', 'AssumeRole']);
    // On its own, the middle profile goes to AWS, which this machine cannot reach.
    expect((await failure(h.manager.assume('mid-no-endpoint', { renew: true }))).kind).toBe('Network');
  });

  it("falls back to 1 h with a note when duration_seconds exceeds the role's maximum", async () => {
    const h = await start({
      extraConfig: (t) =>
        `[profile ro-long]\nrole_arn = arn:aws:iam::123456789012:role/DevReadOnly-CrossAccount\nsource_profile = dev\nduration_seconds = 7200\nendpoint_url = ${t.sandbox.endpoint}`,
    });
    const session = await h.manager.assume('ro-long');
    expect(session.durationNote).toBe(
      "The role's maximum session duration is lower than the 2 h duration_seconds asks for; RoleTray got a 1 h session.",
    );
    expect(h.stsCalls).toEqual(['AssumeRole']); // the refused call is not counted as served
  });

  it('uses credential_source = Environment, and says what is missing without it', async () => {
    const config = (endpoint: string) =>
      `[profile from-env]\nrole_arn = arn:aws:iam::123456789012:role/DevReadOnly-CrossAccount\ncredential_source = Environment\nendpoint_url = ${endpoint}`;
    const bare = await start({ extraConfig: config('http://127.0.0.1:9') });
    const missing = await failure(bare.manager.assume('from-env'));
    expect(missing.kind).toBe('SourceCredentialsMissing');
    expect(missing.message).toContain('AWS_ACCESS_KEY_ID');
    await bare.stop();
    const h = await start({
      extraConfig: (t) => config(t.sandbox.endpoint),
      env: (t) => ({
        AWS_ACCESS_KEY_ID: t.userKeys('Tyler-Dev').accessKeyId,
        AWS_SECRET_ACCESS_KEY: t.userKeys('Tyler-Dev').secretAccessKey,
      }),
    });
    expect(await h.manager.assume('from-env')).toMatchObject({
      obtainedBy: 'environment',
      roleName: 'DevReadOnly-CrossAccount',
    });
  });

  it("uses a profile's own keys when source_profile names itself, as the CLI does", async () => {
    const h = await start({
      extraConfig: (t) =>
        `[profile self-sourced]\nrole_arn = arn:aws:iam::123456789012:role/DevReadOnly-CrossAccount\nsource_profile = self-sourced\nendpoint_url = ${t.sandbox.endpoint}\naws_access_key_id = ${t.userKeys('Tyler-Dev').accessKeyId}\naws_secret_access_key = ${t.userKeys('Tyler-Dev').secretAccessKey}`,
    });
    expect(await h.manager.assume('self-sourced')).toMatchObject({
      obtainedBy: 'keys',
      roleName: 'DevReadOnly-CrossAccount',
    });
  });

  it('reports an unreachable STS endpoint as a Network error', async () => {
    const h = await start({
      extraConfig:
        '[profile offline]\nrole_arn = arn:aws:iam::123456789012:role/DevReadOnly-CrossAccount\nsource_profile = dev\nendpoint_url = http://127.0.0.1:9',
    });
    const error = await failure(h.manager.assume('offline'));
    expect(error.kind).toBe('Network');
    expect(error.message).toContain('http://127.0.0.1:9');
  });

  it('drops a cached source that STS no longer accepts and retries once', async () => {
    const h = await start();
    await h.manager.assume('prod-read-only');
    const cached = h.cache.get(roleKey('prod-read-only'))!;
    await h.cache.put({ ...cached, credentials: { ...cached.credentials, secretAccessKey: 'revoked' } });
    const session = await h.manager.assume('prod-log-reader');
    expect(session.roleName).toBe('ProdLogReader');
    expect(h.cache.get(roleKey('prod-read-only'))?.credentials.secretAccessKey).not.toBe('revoked');
  });
});

describe('renewal and expiry', () => {
  it('renews a session without MFA shortly before it expires', async () => {
    const h = await start();
    const first = await h.manager.assume('prod-read-only');
    h.t.clock.advance(3600 - 200);
    await h.manager.maintain();
    const renewed = h.manager.session('prod-read-only')!;
    expect(renewed.expiresAt).toBeGreaterThan(first.expiresAt);
    expect(h.events).toContainEqual({
      type: 'renewed',
      profile: 'prod-read-only',
      expiresAt: renewed.expiresAt,
    });
  });

  it('renews an MFA role silently while its MFA session lasts', async () => {
    const h = await start();
    h.answers.push(() => h.t.mfaCode());
    await h.manager.assume('prod-read-only-mfa');
    h.t.clock.advance(3600 - 200);
    await h.manager.maintain();
    expect(h.prompts).toHaveLength(1);
    expect(h.events.some((event) => event.type === 'renewed')).toBe(true);
  });

  it('warns once, without prompting, when renewal needs a code; then reports expiry', async () => {
    const h = await start({
      extraConfig: (t) =>
        `[profile prod-mfa-long]\nrole_arn = arn:aws:iam::123456789012:role/DevReadOnlyAccesswithMFA\nsource_profile = dev\nmfa_serial = arn:aws:iam::210987654321:mfa/Tyler-Dev\nduration_seconds = 7200\nendpoint_url = ${t.sandbox.endpoint}`,
    });
    h.answers.push(() => h.t.mfaCode());
    const session = await h.manager.assume('prod-mfa-long');
    h.t.clock.advance(7200 - 200);
    await h.manager.maintain();
    await h.manager.maintain();
    const expiring = h.events.filter((event) => event.type === 'expiring');
    expect(expiring).toEqual([
      { type: 'expiring', profile: 'prod-mfa-long', expiresAt: session.expiresAt, needsMfa: true },
    ]);
    expect(h.prompts).toHaveLength(1);
    h.t.clock.advance(300);
    await h.manager.maintain();
    expect(h.events).toContainEqual({ type: 'expired', profile: 'prod-mfa-long' });
    expect(h.manager.sessions()).toEqual([]);
  });

  it('ends a session in memory and on disk', async () => {
    const h = await start();
    await h.manager.assume('prod-read-only');
    await h.manager.end('prod-read-only');
    expect(h.manager.sessions()).toEqual([]);
    expect((await h.restart()).manager.sessions()).toEqual([]);
  });
});

describe('the credential cache across restarts', () => {
  it('restores sessions from the encrypted store, and the file holds no secret in clear text', async () => {
    const h = await start();
    h.answers.push(() => h.t.mfaCode());
    const before = await h.manager.assume('prod-read-only-mfa');
    const secrets = [
      ...h.cache
        .values()
        .flatMap((session) => [
          session.credentials.accessKeyId,
          session.credentials.secretAccessKey,
          session.credentials.sessionToken,
        ]),
      h.t.userKeys('Tyler-Dev').accessKeyId,
      h.t.userKeys('Tyler-Dev').secretAccessKey,
    ];
    const text = await h.storeText();
    expect(text).toContain('credentialCache');
    for (const secret of secrets) expect(text).not.toContain(secret);

    const restarted = await h.restart();
    expect(restarted.manager.sessions()).toEqual([before]);
    expect((await restarted.manager.identity('prod-read-only-mfa')).arn).toBe(before.assumedRoleArn);
    // The MFA session came back too: another MFA role needs no new code.
    await restarted.manager.assume('prod-recent-mfa');
    expect(h.prompts).toHaveLength(1);
  });

  it('keeps sessions in memory only when the OS offers no real encryption', async () => {
    const h = await start({ cipherStatus: { secure: false, backend: 'basic_text', reason: 'no keyring' } });
    expect(h.cache.persistence).toEqual({ mode: 'memory', reason: 'no keyring' });
    await h.manager.assume('prod-read-only');
    expect(await h.storeText()).not.toContain('credentialCache');
    expect((await h.restart()).manager.sessions()).toEqual([]);
  });
});

describe('credential_process as the root of a chain', () => {
  /** A credential_process that prints Tyler-Dev's keys, counting its runs in a file. */
  async function processConfig(t: CoreHarness['t'], exitWith?: number) {
    const dir = await mkdtemp(join(tmpdir(), 'roletray-process-'));
    dirs.push(dir);
    const runs = join(dir, 'runs');
    const { accessKeyId, secretAccessKey } = t.userKeys('Tyler-Dev');
    const script = join(dir, 'vault.mjs');
    await writeFile(
      script,
      [
        "import { appendFileSync } from 'node:fs';",
        `appendFileSync(${JSON.stringify(runs)}, 'run\\n');`,
        exitWith === undefined
          ? `console.log(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(accessKeyId)}, SecretAccessKey: ${JSON.stringify(secretAccessKey)} }));`
          : `console.error('vault is locked'); process.exit(${exitWith});`,
      ].join('\n'),
    );
    const config = [
      '[profile vault]',
      `credential_process = ${JSON.stringify(process.execPath)} ${script}`,
      `endpoint_url = ${t.sandbox.endpoint}`,
      '[profile via-vault]',
      'role_arn = arn:aws:iam::123456789012:role/DevReadOnly-CrossAccount',
      'source_profile = vault',
      `endpoint_url = ${t.sandbox.endpoint}`,
    ].join('\n');
    const runCount = async () =>
      (await readFile(runs, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
    return { config, runCount };
  }

  it('assumes a role whose source runs a credential_process, running it once for many assumes', async () => {
    let runCount: () => Promise<number> = async () => 0;
    const h = await start({
      extraConfig: async (t) => {
        const made = await processConfig(t);
        runCount = made.runCount;
        return made.config;
      },
    });
    expect(await h.manager.assume('via-vault')).toMatchObject({
      roleName: 'DevReadOnly-CrossAccount',
      obtainedBy: 'keys',
    });
    await h.manager.assume('via-vault', { renew: true });
    expect(await h.manager.identity('vault')).toMatchObject({
      arn: 'arn:aws:iam::210987654321:user/Tyler-Dev',
    });
    // Long-term keys from the process are kept: one run for two assumes and an identity call.
    expect(await runCount()).toBe(1);
    expect(h.stsCalls).toEqual(['AssumeRole', 'AssumeRole', 'GetCallerIdentity']);
  });

  it('says what the process said when it fails, and assumes nothing', async () => {
    const h = await start({ extraConfig: async (t) => (await processConfig(t, 2)).config });
    const error = await failure(h.manager.assume('via-vault'));
    expect(error).toMatchObject({
      kind: 'SourceCredentialsMissing',
      message: 'The credential_process of vault exited with status 2: vault is locked',
    });
    expect(h.stsCalls).toEqual([]);
  });
});

describe('web identity profiles', () => {
  it('assumes a web identity profile with its token file, and says when the token has expired', async () => {
    const h = await start();
    const session = await h.manager.assume('ci-web-identity');
    expect(session).toMatchObject({
      roleName: 'CiReadOnly-WebIdentity',
      obtainedBy: 'web-identity',
      mfa: false,
    });
    expect(h.stsCalls).toEqual(['AssumeRoleWithWebIdentity']);
    const identity = await h.manager.identity('ci-web-identity');
    expect(identity.arn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/CiReadOnly-WebIdentity\//);

    // Whatever keeps the file fresh (a CI runner, kubelet) has stopped: the next renewal says so.
    const tokenFile = join(h.t.awsDir, 'web-identity-token');
    await writeFile(tokenFile, h.t.sandbox.mintWebIdentityToken({ sub: 'repo:acme/app', ttlSeconds: -60 }));
    const error = await failure(h.manager.assume('ci-web-identity', { renew: true }));
    expect(error.kind).toBe('Expired');
    expect(error.message).toBe(
      `The web identity token in ${tokenFile} has expired; whatever writes that file must write a new one.`,
    );
  });
});
