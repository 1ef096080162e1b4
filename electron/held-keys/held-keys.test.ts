import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { CreateAccessKeyCommand, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLI, CLI_V1, cliMissing, cliV1Missing, runClient } from '../../sandbox/test/real-client-runs';
import { buildCredentialsCli } from '../../scripts/build-credentials-cli';
import { startCoreHarness, type CoreHarness, type HarnessOptions } from '../../test-support/core-harness';
import { DEV, type TestSandbox } from '../../test-support/sandbox';
import { dispatch } from '../app/dispatch';
import type { HeldKeyPair } from '../core/held-keys-store';
import { handoffPaths } from '../handoff/handoff-paths';
import { HeldKeysService } from './held-keys-service';
import { createIamAccessKeys } from './iam-access-keys';

// Keys held by RoleTray, through the app's own handlers against the sandbox: the dev profile's
// keys move out of the credentials file into the encrypted store, the AWS CLI (v1 and v2) keeps
// using them through roletray-credentials, a rotation leaves exactly one working pair (also when
// IAM refuses the delete), and putting them back gives both files back as they were.

const TYLER_ARN = `arn:aws:iam::${DEV}:user/Tyler-Dev`;
let dir: string;
let cli: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roletray-held-keys-'));
  cli = await buildCredentialsCli(join(dir, 'roletray-credentials.mjs'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A harness whose credentials socket is real, so the config line RoleTray writes works. */
function harness(name: string, options: HarnessOptions = {}): Promise<CoreHarness> {
  const socketPaths = handoffPaths({
    platform: process.platform,
    env: { ROLETRAY_HANDOFF_DIR: join(dir, name) },
    homeDir: homedir(),
    userName: userInfo().username,
  });
  return startCoreHarness({
    ...options,
    handoff: () => ({ socketPaths, helperCommand: [process.execPath, cli] }),
  });
}

const call = (h: CoreHarness, channel: string, payload: unknown) =>
  dispatch(h.services.handlers, channel, payload);
const files = async (t: TestSandbox) => ({
  config: await readFile(t.description.configFile, 'utf8'),
  credentials: await readFile(t.description.credentialsFile, 'utf8'),
});
const works = (t: TestSandbox, keys: HeldKeyPair) =>
  t
    .sts(keys)
    .send(new GetCallerIdentityCommand({}))
    .then(
      (identity) => identity.Arn,
      (error: Error) => error.name,
    );
const devSection = (keys: HeldKeyPair) =>
  `[dev]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`;

describe('moving, rotating and putting back the dev profile’s keys', () => {
  let h: CoreHarness;
  let before: { config: string; credentials: string };
  let original: HeldKeyPair;
  const home = () => join(dir, 'cli-home');

  beforeAll(async () => {
    h = await harness('move');
    before = await files(h.t);
    original = h.t.userKeys('Tyler-Dev');
  });
  afterAll(() => h?.stop());

  const cliV2 = () =>
    runClient(h.t, home(), AWS_CLI, [
      'sts',
      'get-caller-identity',
      '--profile',
      'dev',
      '--output',
      'json',
      '--endpoint-url',
      h.t.sandbox.endpoint,
    ]);
  const cliV1 = () =>
    runClient(h.t, home(), CLI_V1!, ['sts', 'get-caller-identity', '--profile', 'dev', '--output', 'json'], {
      PATH: `${dirname(CLI_V1!)}:/usr/bin:/bin`,
      AWS_ENDPOINT_URL_STS: h.t.sandbox.endpoint,
    });
  const arnOf = (run: { code: number; stdout: string; stderr: string }) => {
    expect(run.stderr).toBe('');
    return (JSON.parse(run.stdout) as { Arn: string }).Arn;
  };

  it('moves the keys in: the store holds them encrypted, the files keep every other byte', async () => {
    const moved = await call(h, 'keys:move-in', { profile: 'dev' });
    expect(moved).toMatchObject({
      ok: true,
      value: {
        profile: 'dev',
        message: expect.stringContaining('RoleTray now holds the keys of dev (AKIA…'),
      },
    });
    const after = await files(h.t);
    expect(after.credentials).toBe(before.credentials.replace(devSection(original), ''));
    expect(after.credentials).not.toContain(original.secretAccessKey);
    const line = `credential_process = ${h.services.handoff.credentialProcessLine('dev')}`;
    expect(line).toMatch(/roletray-credentials\.mjs --handoff-dir \S+ dev$/);
    expect(after.config).toBe(before.config.replace('[profile dev]\n', `[profile dev]\n${line}\n`));
    const store = await h.storeText();
    expect(store).toContain('heldKeys');
    expect(store).not.toContain(original.accessKeyId);
    expect(store).not.toContain(original.secretAccessKey);
    expect(h.core.profiles.get('dev').kind).toBe('held');
    // What the UI sees: where the keys are, a short id, never the secret.
    const view = await call(h, 'profiles:list', undefined);
    expect(JSON.stringify(view)).not.toContain(original.secretAccessKey);
    expect(view.ok && (view.value as { bases: unknown[] }).bases).toContainEqual(
      expect.objectContaining({
        name: 'dev',
        keys: 'held',
        held: expect.objectContaining({ userArn: TYLER_ARN }),
      }),
    );
    // A second run changes nothing.
    expect((await call(h, 'keys:move-in', { profile: 'dev' })).ok).toBe(true);
    expect(await files(h.t)).toEqual(after);
  });

  it('roots role chains in the held keys', async () => {
    const session = await h.manager.assume('prod-read-only');
    expect(session.assumedRoleArn).toContain('assumed-role/DevReadOnly-CrossAccount/');
    expect(await h.manager.identity('dev')).toMatchObject({ arn: TYLER_ARN });
  });

  it.skipIf(cliMissing !== undefined)(
    'keeps `aws sts get-caller-identity --profile dev` working: Debian’s CLI v2',
    async () => {
      expect(arnOf(await cliV2())).toBe(TYLER_ARN);
    },
  );

  it.skipIf(cliV1Missing !== undefined)(
    'keeps `aws sts get-caller-identity --profile dev` working: the CLI v1',
    async () => {
      expect(arnOf(await cliV1())).toBe(TYLER_ARN);
    },
  );

  it('rotates: a new pair stored and verified, the old one deleted, one working pair left', async () => {
    const rotated = await call(h, 'keys:rotate', { profile: 'dev' });
    expect(rotated).toMatchObject({ ok: true, value: { message: expect.stringMatching(/is deleted\.$/) } });
    const now = h.core.heldKeys.get('dev')!;
    expect(now.keys.accessKeyId).not.toBe(original.accessKeyId);
    expect(now).not.toHaveProperty('pending');
    expect(now).not.toHaveProperty('retired');
    expect(await works(h.t, now.keys)).toBe(TYLER_ARN);
    expect(await works(h.t, original)).toBe('InvalidClientTokenId');
    const listed = await h.t.iam(now.keys).send(new ListAccessKeysCommand({}));
    expect(listed.AccessKeyMetadata?.map((key) => key.AccessKeyId)).toEqual([now.keys.accessKeyId]);
    if (!cliV1Missing) expect(arnOf(await cliV1())).toBe(TYLER_ARN);
  });

  it('rotates where IAM refuses the delete: the old key is made inactive, still one working pair', async () => {
    const old = h.core.heldKeys.get('dev')!.keys;
    h.t.sandbox.refuseAccessKeyDeletion('Tyler-Dev');
    try {
      const rotated = await call(h, 'keys:rotate', { profile: 'dev' });
      expect(rotated).toMatchObject({
        ok: true,
        value: {
          message: expect.stringContaining(
            'could not be deleted (AccessDenied), so RoleTray made it inactive',
          ),
        },
      });
    } finally {
      h.t.sandbox.refuseAccessKeyDeletion('Tyler-Dev', false);
    }
    const now = h.core.heldKeys.get('dev')!.keys;
    expect(await works(h.t, now)).toBe(TYLER_ARN);
    expect(await works(h.t, old)).toBe('InvalidClientTokenId');
    const listed = await h.t.iam(now).send(new ListAccessKeysCommand({}));
    expect(Object.fromEntries(listed.AccessKeyMetadata!.map((key) => [key.AccessKeyId, key.Status]))).toEqual(
      { [now.accessKeyId]: 'Active', [old.accessKeyId]: 'Inactive' },
    );
  });

  it('refuses a rotation at IAM’s two-key limit in a sentence, and keeps the pair it has', async () => {
    const held = h.core.heldKeys.get('dev')!;
    const refused = await call(h, 'keys:rotate', { profile: 'dev' });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        kind: 'Validation',
        awsCode: expect.stringMatching(/^LimitExceeded/),
        message: expect.stringContaining('already has two access keys'),
      },
    });
    expect(h.core.heldKeys.get('dev')).toEqual(held);
  });

  it('puts the keys back: the config as it was, the credentials file as it was with the current pair', async () => {
    const current = h.core.heldKeys.get('dev')!.keys;
    const back = await call(h, 'keys:put-back', { profile: 'dev' });
    expect(back).toMatchObject({ ok: true, value: { message: expect.stringContaining('are back in') } });
    const after = await files(h.t);
    expect(after.config).toBe(before.config);
    expect(after.credentials).toBe(before.credentials.replace(devSection(original), devSection(current)));
    expect(h.core.heldKeys.get('dev')).toBeUndefined();
    expect(await h.storeText()).not.toContain('heldKeys');
    expect(h.core.profiles.get('dev')).toMatchObject({ kind: 'keys', file: 'credentials' });
    if (!cliMissing) expect(arnOf(await cliV2())).toBe(TYLER_ARN);
  });
});

describe('a move that cannot finish', () => {
  let h: CoreHarness;
  afterAll(() => h?.stop());

  it('refuses before storing anything when the config would not use the held keys', async () => {
    h = await harness('refuse');
    const { configFile } = h.t.description;
    const vault = 'credential_process = aws-vault export --format=json dev';
    await writeFile(
      configFile,
      (await readFile(configFile, 'utf8')).replace('[profile dev]\n', `[profile dev]\n${vault}\n`),
    );
    await h.core.reloadProfiles();
    const before = await files(h.t);
    const refused = await call(h, 'keys:move-in', { profile: 'dev' });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        kind: 'Validation',
        message: expect.stringContaining('already runs credential_process = aws-vault export'),
      },
    });
    expect(await files(h.t)).toEqual(before);
    expect(h.core.heldKeys.get('dev')).toBeUndefined();
  });

  it('loses nothing when killed between the config and the credentials file, and a second run finishes', async () => {
    await h?.stop();
    h = await harness('interrupted');
    const before = await files(h.t);
    const { core, handoff } = h.services;
    const interrupted = new HeldKeysService({
      store: core.heldKeys,
      profiles: core.profiles,
      files: () => ({
        configFile: h.t.description.configFile,
        credentialsFile: h.t.description.credentialsFile,
      }),
      reloadProfiles: () => core.reloadProfiles(),
      helperLine: (profile) => handoff.credentialProcessLine(profile),
      identity: (input) => core.sts.getCallerIdentity(input),
      iam: createIamAccessKeys(),
      clock: h.t.clock.now,
      fileDeps: {
        afterTempWritten: (temp) => {
          if (temp.includes('credentials')) throw new Error('killed');
        },
      },
    });
    await expect(interrupted.moveIn('dev')).rejects.toThrow(/could not update .*credentials/);
    // The keys are in the store and still in the file, which the AWS CLI reads first: nothing lost.
    const between = await files(h.t);
    expect(between.credentials).toBe(before.credentials);
    expect(between.config).not.toBe(before.config);
    expect(h.core.heldKeys.get('dev')?.keys.accessKeyId).toBe(h.t.userKeys('Tyler-Dev').accessKeyId);
    await h.core.reloadProfiles();
    expect(h.core.profiles.get('dev').kind).toBe('keys');
    expect(await h.manager.identity('dev')).toMatchObject({ arn: TYLER_ARN });
    expect(await call(h, 'keys:move-in', { profile: 'dev' })).toMatchObject({ ok: true });
    expect((await files(h.t)).credentials).not.toContain(h.t.userKeys('Tyler-Dev').secretAccessKey);
    expect(h.core.profiles.get('dev').kind).toBe('held');
    expect(await h.manager.identity('dev')).toMatchObject({ arn: TYLER_ARN });
  });
});

describe('adding access keys in the app', () => {
  let h: CoreHarness;
  afterAll(() => h?.stop());

  it('verifies a new pair through the profile and refuses one AWS does not take, leaving the config as it was', async () => {
    h = await harness('add', {
      // The section the user prepared: where the profile's calls go.
      extraConfig: (t) => `[profile added]\nregion = us-east-1\nendpoint_url = ${t.sandbox.endpoint}`,
    });
    const before = await files(h.t);
    const { AccessKey: key } = await h.t.iam(h.t.userKeys('Tyler-Dev')).send(new CreateAccessKeyCommand({}));
    const wrong = await call(h, 'keys:add', {
      profile: 'added',
      accessKeyId: key!.AccessKeyId,
      secretAccessKey: 'W'.repeat(40),
    });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'InvalidCredentials' } });
    expect(await files(h.t)).toEqual(before);
    expect(h.core.heldKeys.get('added')).toBeUndefined();

    const added = await call(h, 'keys:add', {
      profile: 'added',
      accessKeyId: key!.AccessKeyId,
      secretAccessKey: key!.SecretAccessKey,
    });
    expect(added).toMatchObject({
      ok: true,
      value: { message: expect.stringContaining(`of ${TYLER_ARN}, held by RoleTray`) },
    });
    expect(h.core.profiles.get('added').kind).toBe('held');
    expect(await h.manager.identity('added')).toMatchObject({ arn: TYLER_ARN });
    const after = await files(h.t);
    expect(after.credentials).toBe(before.credentials);
    expect(after.config).toContain('[profile added]\ncredential_process = ');
    expect(await h.storeText()).not.toContain(key!.SecretAccessKey);
    // A name in use is refused before anything is written.
    const taken = await call(h, 'keys:add', {
      profile: 'dev',
      accessKeyId: key!.AccessKeyId,
      secretAccessKey: key!.SecretAccessKey!,
    });
    expect(taken).toMatchObject({
      ok: false,
      error: { message: 'A profile named dev exists already; choose another name.' },
    });
  });
});

describe('where only the basic_text fallback exists', () => {
  let h: CoreHarness;
  afterAll(() => h?.stop());

  it('refuses to hold keys, in a sentence, and changes no file', async () => {
    h = await harness('insecure', {
      cipherStatus: { secure: false, backend: 'basic_text', reason: 'no OS keyring was found (basic_text).' },
    });
    const before = await files(h.t);
    const refused = await call(h, 'keys:move-in', { profile: 'dev' });
    expect(refused).toEqual({
      ok: false,
      error: {
        kind: 'NotSecure',
        message:
          'RoleTray cannot hold access keys on this machine: no OS keyring was found (basic_text). Keys stay in your credentials file.',
      },
    });
    expect(await files(h.t)).toEqual(before);
    const view = await call(h, 'profiles:list', undefined);
    expect(view.ok && (view.value as { heldKeys: unknown }).heldKeys).toEqual({
      available: false,
      reason: expect.stringContaining('cannot hold access keys'),
    });
  });
});
