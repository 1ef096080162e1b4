import { readFile, rm } from 'node:fs/promises';
import { afterEach, expect, it } from 'vitest';
import type { SsoDiscoveryEvent } from '../../shared/sso-accounts-view';
import { startCoreHarness, type CoreHarness } from '../../test-support/core-harness';
import { FAST_SSO, signInToSandboxInstance } from '../../test-support/sso-accounts-walk';
import { tokenCachePath } from '../core/sso/token-cache-file';
import { dispatch } from './dispatch';

// The app's Identity Center accounts over the handler table, against the sandbox with a real
// sign-in in the AWS CLI's token cache: each account told as it arrives, each role shown with the
// profile that uses it (the config's own, else a discovered one the directory now finds), the
// managed block written and read back as config profiles without doubling them, and a sign-in
// that ended said as "sign in again" with the list kept.

let h: CoreHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const call = async (channel: string, payload?: unknown) => {
  const result = await dispatch(h!.services.handlers, channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as never;
};

it('discovers every account, names each role’s profile, and the directory finds the discovered ones', async () => {
  h = await startCoreHarness(FAST_SSO);
  await signInToSandboxInstance(h);
  const center = h.t.description.identityCenter!;
  const events: SsoDiscoveryEvent[] = [];
  h.services.hub.subscribe((event, payload) => {
    if (event === 'sso:discovery') events.push(payload as SsoDiscoveryEvent);
  });

  const [listed] = (await call('sso:instances')) as { accounts: unknown[]; startUrl: string }[];
  expect(listed).toMatchObject({ startUrl: center.startUrl, accounts: [], refreshing: false });
  const view = (await call('sso:discover', { startUrl: center.startUrl })) as {
    accounts: {
      accountId: string;
      accountName: string;
      roles: { roleName: string; profile: string; inConfig: boolean }[];
    }[];
  };
  expect(view.accounts).toHaveLength(center.accountCount);
  expect(events.filter((event) => event.kind === 'account')).toHaveLength(center.accountCount);
  expect(events[0]).toMatchObject({ kind: 'instance', instance: { refreshing: true } });
  expect(events.at(-1)).toMatchObject({ kind: 'instance', instance: { refreshing: false } });

  const dev = view.accounts.find((account) => account.accountId === '210987654321')!;
  // sso-walk is the config's profile for Dev's DeveloperAccess: shown as that one, not again.
  expect(dev.roles.find((role) => role.roleName === 'DeveloperAccess')).toEqual({
    roleName: 'DeveloperAccess',
    profile: 'sso-walk',
    inConfig: true,
  });
  const readOnly = dev.roles.find((role) => role.roleName === 'ReadOnlyAccess')!;
  expect(readOnly).toEqual({ roleName: 'ReadOnlyAccess', profile: 'dev.readonlyaccess', inConfig: false });
  const found = h.core.profiles.find(readOnly.profile);
  expect(found?.kind === 'sso' && found.sso).toMatchObject({
    accountId: '210987654321',
    roleName: 'ReadOnlyAccess',
  });
  expect(h.core.profiles.all().filter((profile) => profile.name === 'sso-walk')).toHaveLength(1);
  const roles = view.accounts.flatMap((account) => account.roles.map((role) => role.profile));
  expect(new Set(roles).size).toBe(roles.length);

  // The roles list heads each discovered role's account with the account's name.
  const profiles = (await call('profiles:list')) as {
    roles: { name: string; accountId: string; accountAlias?: string }[];
  };
  const generated = view.accounts.find(
    (account) => !['210987654321', '123456789012'].includes(account.accountId),
  )!;
  const inList = profiles.roles.filter((role) => role.accountId === generated.accountId);
  expect(inList.length).toBe(generated.roles.length);
  expect(inList.map((role) => role.accountAlias)).toEqual(inList.map(() => generated.accountName));
});

it('writes the roles into the config, reads them back as its own without doubling them, and removes them byte for byte', async () => {
  h = await startCoreHarness(FAST_SSO);
  await signInToSandboxInstance(h);
  const center = h.t.description.identityCenter!;
  const before = await readFile(h.t.description.configFile, 'utf8');
  await call('sso:discover', { startUrl: center.startUrl });
  const discoveredNames = h.core.profiles.all().length;
  const written = (await call('sso:write-profiles', {
    startUrl: center.startUrl,
    template: '{accountId}-{role}',
    enabled: true,
  })) as { writeProfiles: unknown; accounts: { roles: { profile: string; inConfig: boolean }[] }[] };
  expect(written.writeProfiles).toEqual({ enabled: true, template: '{accountId}-{role}' });
  const dev = written.accounts
    .flatMap((account) => account.roles)
    .find((role) => role.profile === '210987654321-readonlyaccess');
  expect(dev).toEqual({ roleName: 'ReadOnlyAccess', profile: '210987654321-readonlyaccess', inConfig: true });
  // The block's profiles are the config's now, and none is listed a second time as a discovered one.
  const loaded = h.core.profileState().loaded!.profiles;
  expect(loaded.some((profile) => profile.name === '210987654321-readonlyaccess')).toBe(true);
  expect(h.core.profiles.all()).toHaveLength(discoveredNames);
  expect((await readFile(h.t.description.configFile, 'utf8')).startsWith(before)).toBe(true);

  await call('sso:write-profiles', {
    startUrl: center.startUrl,
    template: '{accountId}-{role}',
    enabled: false,
  });
  expect(await readFile(h.t.description.configFile, 'utf8')).toBe(before);
  expect(h.core.profiles.all()).toHaveLength(discoveredNames);
});

it('says to sign in when the sign-in is gone, and keeps the accounts it had', async () => {
  h = await startCoreHarness(FAST_SSO);
  await signInToSandboxInstance(h);
  const center = h.t.description.identityCenter!;
  await call('sso:discover', { startUrl: center.startUrl });
  await rm(tokenCachePath(h.t.awsDir, center.ssoSession));
  const failed = await dispatch(h.services.handlers, 'sso:discover', { startUrl: center.startUrl });
  expect(failed).toEqual({
    ok: false,
    error: { kind: 'SignInRequired', message: `Sign in to ${center.startUrl} first.` },
  });
  const [instance] = (await call('sso:instances')) as { accounts: unknown[]; error?: { kind: string } }[];
  expect(instance!.accounts).toHaveLength(center.accountCount);
  expect(instance!.error?.kind).toBe('SignInRequired');
});
