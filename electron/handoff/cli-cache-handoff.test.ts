import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  followed,
  memoryStore,
  tempDirPerTest,
  testClock,
  testRole,
  testSession,
} from '../../test-support/handoff-fixtures';
import type { AssumeOptions } from '../core/sessions/session-manager';
import type { SsoProfile } from '../core/profiles/profiles';
import { cliCacheDir, cliCacheKey, ssoCliCacheKey } from './cli-cache';
import { CliCacheHandoff } from './cli-cache-handoff';
import { CliCacheRecords } from './cli-cache-records';
import { HandoffSettings } from './handoff-settings';

// The CLI cache unit on its own, for what the service's tests against the sandbox do not reach: a
// changed cache key, a failed write, and how often it asks for a renewal ahead of the CLI's window.

const home = tempDirPerTest('roletray-cli-unit-');
const shared = { setting: { cliCache: true as const } };

function start() {
  const renewals: [string, AssumeOptions | undefined][] = [];
  const log: string[] = [];
  const clock = testClock();
  const store = memoryStore();
  const unit = new CliCacheHandoff({
    manager: {
      assume: async (profile, options) => {
        renewals.push([profile, options]);
        return testSession(testRole(profile), 'ASIARENEWED').info;
      },
    },
    settings: new HandoffSettings(store),
    records: new CliCacheRecords(store),
    homeDir: home(),
    clock: clock.now,
    log: (line) => void log.push(line),
  });
  const file = (role: Parameters<typeof cliCacheKey>[0]) =>
    join(cliCacheDir(home()), `${cliCacheKey(role)}.json`);
  const cached = async (role: Parameters<typeof cliCacheKey>[0]) =>
    (JSON.parse(await readFile(file(role), 'utf8')) as { Credentials: { AccessKeyId: string } }).Credentials
      .AccessKeyId;
  return { unit, store, renewals, log, clock, file, cached };
}

describe('CliCacheHandoff', () => {
  it('moves the file when the role’s cache key inputs change, and removes it once the role is gone', async () => {
    const { unit, file, cached } = start();
    const before = testRole('prod');
    const session = testSession(before, 'ASIAFIRST');
    await unit.follow(followed(before, session, shared));
    expect(await cached(before)).toBe('ASIAFIRST');

    const after = testRole('prod', { externalId: 'audit-2026' });
    await unit.follow(followed(after, session, shared));
    expect(existsSync(file(before))).toBe(false);
    expect(await cached(after)).toBe('ASIAFIRST');

    await unit.follow(followed(after, undefined, { ...shared, profile: undefined }));
    expect(existsSync(file(after))).toBe(false);
    expect(unit.status('prod', undefined)).toEqual({
      cliCache: {
        enabled: false,
        available: false,
        problem: 'There is no profile named prod in your AWS config.',
      },
    });
  });

  it('says why it could not write, and stops saying it once a write works', async () => {
    const { unit, log, cached } = start();
    const role = testRole('prod');
    unit.choose(role, true);
    // A file where the CLI's folder should be: the cache folder cannot be made.
    await writeFile(join(home(), '.aws'), '');
    await unit.follow(followed(role, testSession(role, 'ASIAFIRST'), shared));
    const problem = unit.status('prod', role).cliCache.problem;
    expect(problem).toMatch(/^RoleTray could not write the AWS CLI’s cache in .+: /);
    expect(log).toEqual([problem]);

    await rm(join(home(), '.aws'));
    await unit.follow(followed(role, testSession(role, 'ASIAFIRST'), shared));
    expect(await cached(role)).toBe('ASIAFIRST');
    expect(unit.status('prod', role).cliCache).toEqual({ enabled: true, available: true });
  });

  it('removes nothing outside the cache folder for a record whose file name is not a cache key', async () => {
    const { unit, store } = start();
    // A store edited by hand (or by another program): the name climbs out of ~/.aws/cli/cache.
    const victim = join(home(), '.aws', 'victim.json');
    await mkdir(join(home(), '.aws'), { recursive: true });
    await writeFile(victim, JSON.stringify({ Credentials: { AccessKeyId: 'ASIAVICTIM' } }));
    store.set('cliCacheWritten', { prod: { cacheKey: '../../victim', accessKeyId: 'ASIAVICTIM' } });
    await unit.sweep(new Set());
    await unit.remove('prod');
    expect(existsSync(victim)).toBe(true);
  });

  it('asks once per session, without a prompt, to renew ahead of the CLI’s 15-minute window', async () => {
    const { unit, renewals } = start();
    const role = testRole('prod');
    await unit.follow(followed(role, testSession(role, 'ASIALONG', 17 * 60_000), shared));
    expect(renewals).toEqual([]);

    const closeToIt = testSession(role, 'ASIASHORT', 15 * 60_000 + 30_000);
    await unit.follow(followed(role, closeToIt, shared));
    await unit.follow(followed(role, closeToIt, shared));
    expect(renewals).toEqual([['prod', { renew: true, interactive: false }]]);

    await unit.follow(followed(role, testSession(role, 'ASIANEXT', 10 * 60_000), shared));
    expect(renewals).toHaveLength(2);
  });

  it('writes an SSO profile’s session under the SSO provider’s key, legacy profiles keyed by their start URL', async () => {
    const { unit, store } = start();
    const login = {
      startUrl: 'https://d-1.awsapps.com/start',
      region: 'eu-west-1',
      accountId: '210987654321',
      roleName: 'DeveloperAccess',
    };
    const viaSession: SsoProfile = {
      kind: 'sso',
      name: 'sso-dev',
      sso: {
        ...login,
        session: { name: 'corp', startUrl: login.startUrl, region: login.region, registrationScopes: [] },
        tokenCacheKey: 'corp',
      },
    };
    // As written (a trailing slash): botocore keys a legacy profile by the value as it is.
    const legacy: SsoProfile = {
      kind: 'sso',
      name: 'sso-legacy',
      sso: {
        ...login,
        startUrl: 'https://d-1.awsapps.com/start',
        tokenCacheKey: 'https://d-1.awsapps.com/start/',
      },
    };
    expect(unit.status('sso-dev', viaSession).cliCache).toEqual({ enabled: false, available: true });
    for (const [profile, key] of [
      [viaSession, ssoCliCacheKey({ ...login, sessionName: 'corp' })],
      [legacy, ssoCliCacheKey({ ...login, startUrl: 'https://d-1.awsapps.com/start/' })],
    ] as const) {
      const session = testSession(testRole(profile.name), `ASIA${profile.name.length}`);
      await unit.follow({
        name: profile.name,
        profile,
        session,
        setting: { cliCache: true },
        startup: false,
      });
      const file = join(cliCacheDir(home()), `${key}.json`);
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
        ProviderType: 'sso',
        Credentials: {
          AccessKeyId: session.credentials.accessKeyId,
          SecretAccessKey: session.credentials.secretAccessKey,
          SessionToken: session.credentials.sessionToken,
          Expiration: new Date(session.credentials.expiration).toISOString().replace('.000Z', 'Z'),
        },
      });
      expect(store.get('cliCacheWritten')).toMatchObject({ [profile.name]: { cacheKey: key } });
      await unit.follow({
        name: profile.name,
        profile,
        session: undefined,
        setting: { cliCache: true },
        startup: false,
      });
      expect(existsSync(file)).toBe(false);
    }
  });
});
