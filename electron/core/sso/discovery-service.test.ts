import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSignedInSandbox, type SignedInSandbox } from '../../../test-support/sso-signed-in';
import { DiscoveryCache } from './discovery-cache';
import { DiscoveryService, type DiscoveryEvent } from './discovery-service';
import { SsoSignInAgain, type PortalAccess } from './portal-listing';
import { PortalPacer } from './portal-pacer';

// The app's discovery over the sandbox: the list stored in a real store file, read back by a new
// service (as on the next start) and told at once before the refresh; events as accounts arrive;
// a refresh after sign-out says sign in again and leaves the stored list as it was.

let s: SignedInSandbox;
let storeDir: string;
beforeAll(async () => {
  s = await startSignedInSandbox({
    generatedAccounts: 40,
    identityCenter: { portalThrottle: { ratePerSecond: 500 } },
  });
  storeDir = await mkdtemp(join(tmpdir(), 'roletray-discovery-'));
});
afterAll(async () => {
  await s.t.stop();
  await rm(storeDir, { recursive: true, force: true });
});

const storeFile = () => join(storeDir, 'roletray.json');
const newService = (now = Date.now) =>
  new DiscoveryService({
    cache: new DiscoveryCache(new Conf<Record<string, unknown>>({ cwd: storeDir, configName: 'roletray' })),
    now,
    pacer: () => new PortalPacer({ ratePerSecond: 400, concurrency: 8 }),
  });
const access = (token = s.accessToken): PortalAccess => ({
  startUrl: s.startUrl,
  endpoint: s.t.sandbox.endpoint,
  accessToken: async () => token,
});
const events = (service: DiscoveryService) => {
  const seen: DiscoveryEvent[] = [];
  service.subscribe((event) => seen.push(event));
  return seen;
};

it('tells each account as it arrives, then stores the whole list in the portal’s order', async () => {
  const service = newService(() => 1_800_000_000_000);
  const seen = events(service);
  const discovery = await service.refresh(access());
  const expected = s.expectedAccounts();
  expect(seen.map((event) => event.kind)).toEqual([...expected.map(() => 'account'), 'done']);
  const progress = seen.flatMap((event) => (event.kind === 'account' ? [[event.found, event.total]] : []));
  expect(progress).toEqual(expected.map((_, index) => [index + 1, expected.length]));
  expect(
    discovery.accounts.map(({ accountId, accountName, roles }) => ({ accountId, accountName, roles })),
  ).toEqual(expected);
  expect(discovery.discoveredAt).toBe(1_800_000_000_000);
  // Nothing secret in the store: no token, only ids, names, addresses and role names.
  const stored = await readFile(storeFile(), 'utf8');
  expect(stored).not.toContain(s.accessToken);
  expect(JSON.parse(stored)).toEqual({
    ssoDiscovery: { [s.startUrl]: { discoveredAt: 1_800_000_000_000, accounts: discovery.accounts } },
  });
});

it('on the next start, tells the stored list at once, then refreshes it', async () => {
  const service = newService(() => 1_800_000_600_000);
  expect(service.cached().map((discovery) => discovery.accounts.length)).toEqual([
    s.expectedAccounts().length,
  ]);
  const seen = events(service);
  const refreshing = service.refresh(access());
  // Before any request has answered: the cached list is already out.
  expect(seen.map((event) => event.kind)).toEqual(['cached']);
  const refreshed = await refreshing;
  expect(seen.at(-1)?.kind).toBe('done');
  expect(refreshed.discoveredAt).toBe(1_800_000_600_000);
  expect(service.cached()[0]?.discoveredAt).toBe(1_800_000_600_000);
});

it('after sign-out, says sign in again and keeps the stored list', async () => {
  const before = await readFile(storeFile(), 'utf8');
  const logout = await fetch(`${s.t.sandbox.endpoint}/logout`, {
    method: 'POST',
    headers: { 'x-amz-sso_bearer_token': s.accessToken },
  });
  expect(logout.status).toBe(200);
  const service = newService();
  const seen = events(service);
  const error = await service.refresh(access()).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(SsoSignInAgain);
  expect(seen.map((event) => event.kind)).toEqual(['cached', 'failed']);
  expect(await readFile(storeFile(), 'utf8')).toBe(before);
  expect(service.cached()[0]?.accounts.length).toBe(s.expectedAccounts().length);
});

it('shares one refresh between callers', async () => {
  const service = newService();
  const first = service.refresh(access());
  expect(service.refresh(access())).toBe(first);
  await first.catch(() => undefined);
  // Once settled, the next call starts its own.
  expect(service.refresh(access())).not.toBe(first);
});
