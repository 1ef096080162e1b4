import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedAccounts } from '../src/identity-center';
import { DEV, PROD, startTestSandbox, type TestSandbox } from '../../test-support/sandbox';
import { portalCall, signInWithDeviceCode, SSO_SCOPES } from '../../test-support/sso';

// The Identity Center portal API through real HTTP: the accounts and roles of the signed-in user
// page by page, role credentials, and the refusals: no or dead token (401), bad pagination (400),
// an account or role not assigned (403), and the throttle (429).

let t: TestSandbox;
let accessToken: string;
beforeAll(async () => {
  // Generous, so the tests' own bursts are not throttled; the throttle tests set or start their own.
  t = await startTestSandbox({ identityCenter: { portalThrottle: { ratePerSecond: 1000 } } });
  const instance = t.sandbox.scenario.identityCenter!;
  ({ accessToken } = await signInWithDeviceCode(
    t.sandbox.endpoint,
    instance.startUrl,
    instance.users[0]!.password,
    {
      scopes: SSO_SCOPES,
    },
  ));
});
afterAll(() => t.stop());

const portal = (path: string, query: Record<string, string> = {}, token: string | undefined = accessToken) =>
  portalCall(t.sandbox.endpoint, path, token, query);

interface Account {
  accountId: string;
  accountName: string;
  emailAddress: string;
}

describe('ListAccounts', () => {
  it('pages through Dev, Prod and the 300 generated accounts by max_result and next_token', async () => {
    const accounts: Account[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const answer = await portal('/assignment/accounts', {
        max_result: '100',
        ...(nextToken ? { next_token: nextToken } : {}),
      });
      expect(answer.status).toBe(200);
      const page = answer.body['accountList'] as Account[];
      expect(page.length).toBeLessThanOrEqual(100);
      accounts.push(...page);
      nextToken = answer.body['nextToken'] as string | undefined;
      pages++;
    } while (nextToken);
    expect(pages).toBe(4);
    expect(accounts).toHaveLength(302);
    expect(accounts.slice(0, 2)).toEqual([
      { accountId: DEV, accountName: 'Dev', emailAddress: 'aws-dev@acme.example' },
      { accountId: PROD, accountName: 'Prod', emailAddress: 'aws-prod@acme.example' },
    ]);
    expect(new Set(accounts.map((account) => account.accountId)).size).toBe(302);
    for (const account of accounts) expect(account.accountId).toMatch(/^\d{12}$/);
  });

  it('answers 20 accounts a page unless told', async () => {
    const answer = await portal('/assignment/accounts');
    expect(answer.body['accountList']).toHaveLength(20);
    expect(answer.body['nextToken']).toEqual(expect.any(String));
  });

  it('refuses max_result outside 1..100 and a next_token it did not give', async () => {
    for (const max of ['0', '101', 'ten', '-1']) {
      const answer = await portal('/assignment/accounts', { max_result: max });
      expect(answer, max).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
      expect(String(answer.body['message'])).toContain(`Value '${max}' at 'maxResults'`);
    }
    const forged = await portal('/assignment/accounts', { next_token: 'not-a-token' });
    expect(forged).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
  });
});

describe('generated accounts', () => {
  it('are the same for a seed, differ for another, and avoid the named accounts', () => {
    const sets = ['A', 'B', 'C', 'D', 'E'];
    const taken = new Set([DEV]);
    const first = generatedAccounts(50, 13, sets, taken);
    expect(generatedAccounts(50, 13, sets, taken)).toEqual(first);
    expect(generatedAccounts(50, 14, sets, taken)).not.toEqual(first);
    expect(first.some((account) => account.id === DEV)).toBe(false);
    for (const account of first) {
      expect(account.permissionSets.length).toBeGreaterThanOrEqual(1);
      expect(account.permissionSets.length).toBeLessThanOrEqual(4);
      expect(new Set(account.permissionSets).size).toBe(account.permissionSets.length);
    }
    const counts = new Set(first.map((account) => account.permissionSets.length));
    expect(counts.size).toBeGreaterThan(1);
  });
});

describe('ListAccountRoles and GetRoleCredentials', () => {
  it('lists the permission sets of an account, paged', async () => {
    const roles = await portal('/assignment/roles', { account_id: DEV });
    expect(roles.body).toEqual({
      roleList: [
        { roleName: 'DeveloperAccess', accountId: DEV },
        { roleName: 'ReadOnlyAccess', accountId: DEV },
      ],
    });
    const first = await portal('/assignment/roles', { account_id: DEV, max_result: '1' });
    expect(first.body['roleList']).toEqual([{ roleName: 'DeveloperAccess', accountId: DEV }]);
    const second = await portal('/assignment/roles', {
      account_id: DEV,
      max_result: '1',
      next_token: String(first.body['nextToken']),
    });
    expect(second.body).toEqual({ roleList: [{ roleName: 'ReadOnlyAccess', accountId: DEV }] });
  });

  it('hands out role credentials that expire with the permission set’s session (epoch ms)', async () => {
    const answer = await portal('/federation/credentials', { account_id: PROD, role_name: 'ReadOnlyAccess' });
    expect(answer.status).toBe(200);
    const credentials = answer.body['roleCredentials'] as Record<string, unknown>;
    expect(credentials['accessKeyId']).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(String(credentials['secretAccessKey'])).toHaveLength(40);
    expect(Number(credentials['expiration'])).toBeGreaterThan(t.clock.now() + 3590_000);
    expect(Number(credentials['expiration'])).toBeLessThanOrEqual(t.clock.now() + 3600_000);
  });

  it('refuses an account or role not assigned (403 No access) and missing parameters (400)', async () => {
    const notAssigned = await portal('/federation/credentials', {
      account_id: PROD,
      role_name: 'DeveloperAccess',
    });
    expect(notAssigned).toEqual({
      status: 403,
      errorType: 'ForbiddenException',
      body: { message: 'No access' },
    });
    expect((await portal('/assignment/roles', { account_id: '999999999999' })).status).toBe(403);
    const missing = await portal('/federation/credentials', { account_id: PROD });
    expect(missing).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
  });
});

describe('tokens and the throttle', () => {
  const unauthorized = {
    status: 401,
    errorType: 'UnauthorizedException',
    body: { message: 'Session token not found or invalid' },
  };

  it('answers 401 without a token, with an unknown one, and after Logout', async () => {
    expect(await portalCall(t.sandbox.endpoint, '/assignment/accounts', undefined)).toEqual(unauthorized);
    expect(await portal('/assignment/accounts', {}, 'aoaNotAToken')).toEqual(unauthorized);
    const instance = t.sandbox.scenario.identityCenter!;
    const other = await signInWithDeviceCode(
      t.sandbox.endpoint,
      instance.startUrl,
      instance.users[0]!.password,
    );
    expect((await portal('/assignment/accounts', {}, other.accessToken)).status).toBe(200);
    const logout = await portalCall(t.sandbox.endpoint, '/logout', other.accessToken, {}, 'POST');
    expect(logout).toEqual({ status: 200, errorType: undefined, body: {} });
    expect(await portal('/assignment/accounts', {}, other.accessToken)).toEqual(unauthorized);
    expect(
      await portal(
        '/federation/credentials',
        { account_id: DEV, role_name: 'DeveloperAccess' },
        other.accessToken,
      ),
    ).toEqual(unauthorized);
  });

  it('answers 429 TooManyRequestsException beyond the throttle, and serves again once it refills', async () => {
    t.sandbox.setPortalThrottle({ ratePerSecond: 2, burst: 3 });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await portal('/assignment/accounts')).status);
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses.slice(3)).toContain(429);
      const throttled = await portal('/assignment/accounts');
      expect(throttled).toMatchObject({ status: 429, errorType: 'TooManyRequestsException' });
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await portal('/assignment/accounts')).status).toBe(200);
    } finally {
      t.sandbox.setPortalThrottle({ ratePerSecond: 1000 });
    }
  });

  it('throttles a burst beyond about 20 requests by default', async () => {
    const fresh = await startTestSandbox();
    try {
      const instance = fresh.sandbox.scenario.identityCenter!;
      const signIn = await signInWithDeviceCode(
        fresh.sandbox.endpoint,
        instance.startUrl,
        instance.users[0]!.password,
      );
      const statuses = await Promise.all(
        Array.from({ length: 40 }, async () => {
          const answer = await portalCall(
            fresh.sandbox.endpoint,
            '/assignment/accounts',
            signIn.accessToken,
            {
              max_result: '1',
            },
          );
          return answer.status;
        }),
      );
      const ok = statuses.filter((status) => status === 200).length;
      expect(ok).toBeGreaterThanOrEqual(20);
      expect(ok).toBeLessThan(40);
      expect(statuses.filter((status) => status === 429).length).toBe(40 - ok);
    } finally {
      await fresh.stop();
    }
  });
});
