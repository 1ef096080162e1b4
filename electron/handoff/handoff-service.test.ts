import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MFA_ROLE, PROD, READ_ONLY_ROLE as READ_ONLY } from '../../test-support/sandbox';
import type { RoleProfile } from '../core/profiles/profiles';
import { cliCacheDir, cliCacheKey } from './cli-cache';
import { dispatch } from '../app/dispatch';
import { startCoreHarness, type CoreHarness } from '../../test-support/core-harness';

// The handoff:* channels through dispatch, against the sandbox, with the desktop's side recorded:
// what reached the clipboard, the browser and the terminal, and what was written to the user's files.

interface Desktop {
  clipboard: string[];
  browser: string[];
  terminals: Record<string, string>[];
  /** Where console sign-in requests went (origin and path; the query holds the session's key). */
  signin: string[];
}

/** The real fetch for loopback; anything else fails as it does offline, so no test reaches AWS. */
function loopbackFetch(signin: string[]): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    signin.push(`${url.origin}${url.pathname}`);
    if (url.hostname === '127.0.0.1') return fetch(input, init);
    return Promise.reject(new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } }));
  };
}

let h: CoreHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function start(
  extraConfig?: (t: CoreHarness['t']) => string,
): Promise<{ h: CoreHarness; desktop: Desktop }> {
  const desktop: Desktop = { clipboard: [], browser: [], terminals: [], signin: [] };
  h = await startCoreHarness({
    ...(extraConfig ? { extraConfig } : {}),
    handoff: (t) => ({
      helperCommand: ['node', '/opt/Role Tray/cli/roletray-credentials.mjs'],
      writeClipboard: async (text) => void desktop.clipboard.push(text),
      readClipboard: async () => desktop.clipboard.at(-1) ?? '',
      clipboardClearMs: () => 1500,
      openExternal: async (url) => void desktop.browser.push(url),
      openTerminal: async (env) => void desktop.terminals.push(env),
      federationEndpoint: `${t.sandbox.endpoint}/federation`,
      fetch: loopbackFetch(desktop.signin),
    }),
  });
  return { h, desktop };
}

async function ok<T>(harness: CoreHarness, channel: string, payload: unknown): Promise<T> {
  const result = await dispatch(harness.services.handlers, channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

async function refused(harness: CoreHarness, channel: string, payload: unknown) {
  const result = await dispatch(harness.services.handlers, channel, payload);
  expect(result.ok, `${channel} should be refused`).toBe(false);
  return result.ok ? undefined : result.error;
}

const role = (harness: CoreHarness, name: string) =>
  harness.profiles.profiles.find((profile) => profile.name === name) as RoleProfile;
const session = (harness: CoreHarness, name: string) => harness.manager.activeSession(name)?.credentials;

describe('handoff:status', () => {
  it('gives the ~/.aws/config block that runs roletray-credentials, and what is shared', async () => {
    const { h } = await start();
    const status = await ok<Record<string, unknown>>(h, 'handoff:status', { profile: 'prod-read-only' });
    expect(status).toMatchObject({
      profile: 'prod-read-only',
      configProfile: 'roletray-prod-read-only',
      configBlock: [
        '[profile roletray-prod-read-only]',
        'credential_process = node "/opt/Role Tray/cli/roletray-credentials.mjs" prod-read-only',
        'region = us-east-1',
        `endpoint_url = ${h.t.sandbox.endpoint}`,
        '',
      ].join('\n'),
      helper: { running: false },
      cliCache: { enabled: false, available: true },
      credentialsFile: { file: h.t.description.credentialsFile },
      terminal: { serving: false },
      console: { available: true },
    });
    const keys = await ok<{ cliCache: unknown; console: unknown }>(h, 'handoff:status', { profile: 'dev' });
    expect(keys.cliCache).toMatchObject({ available: false });
    expect(keys.console).toMatchObject({ available: false });
    expect(await refused(h, 'handoff:status', { profile: 'nobody' })).toMatchObject({ kind: 'ConfigError' });
  });
});

describe('handoff:copy-env', () => {
  it('puts the session on the clipboard as shell lines, and takes it off after its time', async () => {
    const { h, desktop } = await start();
    expect(await ok(h, 'handoff:copy-env', { profile: 'prod-read-only', shell: 'fish' })).toEqual({
      clearedAfterSeconds: 2,
    });
    const credentials = session(h, 'prod-read-only')!;
    expect(desktop.clipboard).toHaveLength(1);
    expect(desktop.clipboard[0]).toContain(`set -gx AWS_ACCESS_KEY_ID '${credentials.accessKeyId}'`);
    expect(desktop.clipboard[0]).toContain(`set -gx AWS_SESSION_TOKEN '${credentials.sessionToken}'`);
    expect(desktop.clipboard[0]).toContain(`set -gx AWS_ENDPOINT_URL '${h.t.sandbox.endpoint}'`);
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect(desktop.clipboard).toEqual([expect.stringContaining('AWS_SESSION_TOKEN'), '']);
    expect(await refused(h, 'handoff:copy-env', { profile: 'prod-read-only', shell: 'tcsh' })).toMatchObject({
      kind: 'Validation',
    });
  });
});

describe('handoff:cli-cache', () => {
  it('writes the session where the AWS CLI looks, rewrites it on renewal, removes it at the end', async () => {
    const { h } = await start();
    const file = join(cliCacheDir(h.t.awsDir), `${cliCacheKey(role(h, 'prod-read-only'))}.json`);
    const cached = async () =>
      (JSON.parse(await readFile(file, 'utf8')) as { Credentials: { AccessKeyId: string } }).Credentials
        .AccessKeyId;

    // On with no session yet: written once the role is assumed.
    expect(await ok(h, 'handoff:cli-cache', { profile: 'prod-read-only', enabled: true })).toMatchObject({
      cliCache: { enabled: true },
    });
    expect(existsSync(file)).toBe(false);
    await ok(h, 'sessions:assume', { profile: 'prod-read-only' });
    await h.services.handoff.sync();
    expect(await cached()).toBe(session(h, 'prod-read-only')!.accessKeyId);

    await ok(h, 'sessions:renew', { profile: 'prod-read-only' });
    await h.services.handoff.sync();
    expect(await cached()).toBe(session(h, 'prod-read-only')!.accessKeyId);

    await ok(h, 'sessions:end', { profile: 'prod-read-only' });
    await h.services.handoff.sync();
    expect(existsSync(file)).toBe(false);
    expect(await refused(h, 'handoff:cli-cache', { profile: 'dev', enabled: true })).toMatchObject({
      kind: 'Validation',
      message: 'dev is not a role, so the AWS CLI keeps no session for it.',
    });
  });

  it('renews a shared session before the CLI’s 15-minute window would make it prompt', async () => {
    const { h } = await start();
    await ok(h, 'handoff:cli-cache', { profile: 'prod-read-only', enabled: true });
    await ok(h, 'sessions:assume', { profile: 'prod-read-only' });
    const first = session(h, 'prod-read-only')!.accessKeyId;
    h.t.clock.advance(3600 - 15 * 60);
    await h.services.handoff.sync();
    await expect.poll(() => session(h, 'prod-read-only')!.accessKeyId).not.toBe(first);
  });
});

describe('handoff:credentials-file', () => {
  const SECTION = 'prod-rt';

  it('writes RoleTray’s own section, keeps the rest, and removes it when the session ends', async () => {
    const { h } = await start();
    const file = h.t.description.credentialsFile;
    const before = await readFile(file, 'utf8');
    await ok(h, 'sessions:assume', { profile: 'prod-read-only' });
    expect(
      await ok(h, 'handoff:credentials-file', { profile: 'prod-read-only', profileName: SECTION }),
    ).toMatchObject({
      credentialsFile: { profileName: SECTION },
    });
    const written = await readFile(file, 'utf8');
    expect(written.startsWith(before)).toBe(true);
    expect(written).toContain(`[${SECTION}]\n# Managed by RoleTray`);
    expect(written).toContain(`aws_session_token = ${session(h, 'prod-read-only')!.sessionToken}\n`);
    // RoleTray's copy of a session is not listed as a profile of its own.
    const profiles = await ok<{ roles: { name: string }[] }>(h, 'profiles:reload', undefined);
    expect(JSON.stringify(profiles)).not.toContain(SECTION);

    await ok(h, 'sessions:end', { profile: 'prod-read-only' });
    await h.services.handoff.sync();
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('removes the copy of a role taken out of the config, and can still be turned off', async () => {
    const { h } = await start((t) =>
      [
        '[profile short-lived]',
        `role_arn = ${READ_ONLY}`,
        'source_profile = dev',
        `endpoint_url = ${t.sandbox.endpoint}`,
      ].join('\n'),
    );
    const file = h.t.description.credentialsFile;
    const configFile = h.t.description.configFile;
    const before = await readFile(file, 'utf8');
    await ok(h, 'sessions:assume', { profile: 'short-lived' });
    await ok(h, 'handoff:credentials-file', { profile: 'short-lived', profileName: 'gone-soon' });
    expect(await readFile(file, 'utf8')).toContain('[gone-soon]');
    const config = await readFile(configFile, 'utf8');
    await writeFile(configFile, config.slice(0, config.indexOf('[profile short-lived]')));
    await ok(h, 'profiles:reload', undefined);
    await h.services.handoff.sync();
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(
      await ok(h, 'handoff:credentials-file', { profile: 'short-lived', profileName: null }),
    ).toMatchObject({ credentialsFile: {} });
  });

  it('refuses a section that is the user’s, or another role’s, and saves nothing', async () => {
    const { h } = await start();
    await ok(h, 'sessions:assume', { profile: 'prod-read-only' });
    const file = h.t.description.credentialsFile;
    const before = await readFile(file, 'utf8');
    const foreign = await refused(h, 'handoff:credentials-file', {
      profile: 'prod-read-only',
      profileName: 'dev',
    });
    expect(foreign?.message).toContain('The profile [dev] in');
    expect(await readFile(file, 'utf8')).toBe(before);
    const status = await ok<{ credentialsFile: { profileName?: string } }>(h, 'handoff:status', {
      profile: 'prod-read-only',
    });
    expect(status.credentialsFile.profileName).toBeUndefined();

    await ok(h, 'handoff:credentials-file', { profile: 'prod-read-only', profileName: SECTION });
    const taken = await refused(h, 'handoff:credentials-file', {
      profile: 'prod-audit',
      profileName: SECTION,
    });
    expect(taken?.message).toBe(
      `RoleTray already writes [${SECTION}] for prod-read-only; choose another name.`,
    );
    expect(
      await refused(h, 'handoff:credentials-file', { profile: 'prod-read-only', profileName: 'has space' }),
    ).toMatchObject({ kind: 'Validation' });
    // Turned off: removed at once.
    await ok(h, 'handoff:credentials-file', { profile: 'prod-read-only', profileName: null });
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});

describe('handoff:open-console', () => {
  it('opens the federation sign-in URL in the browser, and it signs in as the role', async () => {
    const { h, desktop } = await start();
    expect(await ok(h, 'handoff:open-console', { profile: 'prod-read-only' })).toBeUndefined();
    expect(desktop.browser).toHaveLength(1);
    const page = await fetch(desktop.browser[0]!);
    expect(await page.text()).toContain(`arn:aws:sts::${PROD}:assumed-role/DevReadOnly-CrossAccount/`);
    expect(await refused(h, 'handoff:open-console', { profile: 'dev' })).toMatchObject({
      message: 'The AWS console needs a role session; long-term keys cannot sign in.',
    });
    expect(desktop.signin).toEqual([`${h.t.sandbox.endpoint}/federation`]);
  });

  it('sends a session from AWS’s STS to AWS’s sign-in, never to the sandbox’s loopback port', async () => {
    // The sandbox user's keys with no endpoint_url, as if they were AWS's (a source's endpoint is
    // inherited, so dev cannot be the source).
    const { h, desktop } = await start((t) =>
      [
        '[profile tyler-at-aws]',
        `aws_access_key_id = ${t.userKeys('Tyler-Dev').accessKeyId}`,
        `aws_secret_access_key = ${t.userKeys('Tyler-Dev').secretAccessKey}`,
        '[profile aws-read-only]',
        `role_arn = ${READ_ONLY}`,
        'source_profile = tyler-at-aws',
        '[profile other-endpoint]',
        `role_arn = ${READ_ONLY}`,
        'source_profile = dev',
        'endpoint_url = http://127.0.0.1:9',
      ].join('\n'),
    );
    // A session for the profile without endpoint_url, as AWS's STS would have issued it (the test
    // never reaches AWS): the sandbox's, cached under that profile.
    await ok(h, 'sessions:assume', { profile: 'prod-read-only' });
    const issued = h.cache.get('role:prod-read-only')!;
    await h.cache.put({ ...issued, key: 'role:aws-read-only', profile: 'aws-read-only' });

    expect(await ok(h, 'handoff:status', { profile: 'aws-read-only' })).toMatchObject({
      console: { available: true },
    });
    expect(await refused(h, 'handoff:open-console', { profile: 'aws-read-only' })).toMatchObject({
      kind: 'Network',
      message:
        'Cannot reach the AWS sign-in endpoint at signin.aws.amazon.com (ENOTFOUND); check your connection and try again.',
    });
    expect(desktop.signin).toEqual(['https://signin.aws.amazon.com/federation']);
    expect(desktop.browser).toEqual([]);

    // Another endpoint than the sandbox's, even on loopback: neither sign-in is the right one.
    const problem = 'The console sign-in needs AWS’s own endpoints; other-endpoint uses http://127.0.0.1:9.';
    expect(await ok(h, 'handoff:status', { profile: 'other-endpoint' })).toMatchObject({
      console: { available: false, problem },
    });
    expect(await refused(h, 'handoff:open-console', { profile: 'other-endpoint' })).toMatchObject({
      message: problem,
    });
    expect(desktop.signin).toHaveLength(1);
  });
});

describe('handoff:open-terminal', () => {
  it('starts the terminal with the credential server’s variables, serving that role', async () => {
    const { h, desktop } = await start();
    expect(await ok(h, 'handoff:open-terminal', { profile: 'prod-read-only' })).toBeUndefined();
    const env = desktop.terminals[0]!;
    expect(env).toMatchObject({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: h.t.sandbox.endpoint });
    const response = await fetch(env['AWS_CONTAINER_CREDENTIALS_FULL_URI']!, {
      headers: { authorization: env['AWS_CONTAINER_AUTHORIZATION_TOKEN']! },
    });
    expect(((await response.json()) as { AccessKeyId: string }).AccessKeyId).toBe(
      session(h, 'prod-read-only')!.accessKeyId,
    );
    expect(await ok(h, 'handoff:status', { profile: 'prod-read-only' })).toMatchObject({
      terminal: { serving: true },
    });
    // AWS files of its own: no [default] keys or AWS_PROFILE of the user's can win over the role.
    expect(await readFile(env['AWS_CONFIG_FILE']!, 'utf8')).toBe(
      `[default]\nregion = us-east-1\nendpoint_url = ${h.t.sandbox.endpoint}\n`,
    );
    expect(await readFile(env['AWS_SHARED_CREDENTIALS_FILE']!, 'utf8')).toBe('');
    expect(await refused(h, 'handoff:open-terminal', { profile: 'dev' })).toMatchObject({
      message: 'A terminal opened by RoleTray needs a role; dev holds keys.',
    });
  });

  it('renews a served role with the MFA dialog when only a code can renew it', async () => {
    // Above an hour with MFA: a direct AssumeRole with the code, so renewing needs a code too.
    const { h } = await start((t) =>
      [
        '[profile prod-mfa-long]',
        `role_arn = ${MFA_ROLE}`,
        'source_profile = dev',
        `mfa_serial = ${t.mfaSerial()}`,
        'duration_seconds = 7200',
        `endpoint_url = ${t.sandbox.endpoint}`,
      ].join('\n'),
    );
    h.answers.push(() => h.t.mfaCode());
    await ok(h, 'handoff:open-terminal', { profile: 'prod-mfa-long' });
    const first = session(h, 'prod-mfa-long')!.accessKeyId;
    const prompts = h.prompts.length;
    h.t.clock.advance(7200 - 120);
    h.answers.push(() => h.t.mfaCode());
    await h.manager.maintain();
    await expect.poll(() => session(h, 'prod-mfa-long')?.accessKeyId).not.toBe(first);
    expect(h.prompts.length - prompts).toBe(1);
  });
});
