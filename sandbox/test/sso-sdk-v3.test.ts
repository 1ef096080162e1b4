import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  LogoutCommand,
  paginateListAccounts,
  SSOClient,
  TooManyRequestsException,
  UnauthorizedException,
} from '@aws-sdk/client-sso';
import {
  AccessDeniedException,
  AuthorizationPendingException,
  CreateTokenCommand,
  InvalidGrantException,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV, failure, startTestSandbox, type TestSandbox } from '../../test-support/sandbox';
import { approveSignIn, pkcePair, SSO_SCOPES, SSO_USER } from '../../test-support/sso';

// The Identity Center APIs through the SDK v3's own clients (what RoleTray's sign-in will use): its
// rest-json serializers and its error deserializers must take the sandbox's answers for AWS's, typed
// exceptions and their fields included.

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

let t: TestSandbox;
let oidc: SSOOIDCClient;
let sso: SSOClient;
let password: string;
let startUrl: string;
beforeAll(async () => {
  t = await startTestSandbox({ identityCenter: { portalThrottle: { ratePerSecond: 1000 } } });
  const common = { endpoint: t.sandbox.endpoint, region: 'eu-west-1', maxAttempts: 1 };
  oidc = new SSOOIDCClient(common);
  sso = new SSOClient(common);
  const instance = t.sandbox.scenario.identityCenter!;
  password = instance.users[0]!.password;
  startUrl = instance.startUrl;
});
afterAll(() => t.stop());

async function deviceSignIn() {
  const client = await oidc.send(
    new RegisterClientCommand({ clientName: 'sdk-v3', clientType: 'public', scopes: SSO_SCOPES }),
  );
  const credentials = { clientId: client.clientId!, clientSecret: client.clientSecret! };
  const device = await oidc.send(new StartDeviceAuthorizationCommand({ ...credentials, startUrl }));
  const create = () =>
    oidc.send(
      new CreateTokenCommand({ ...credentials, grantType: DEVICE_GRANT, deviceCode: device.deviceCode! }),
    );
  return { credentials, device, create };
}

describe('SSO OIDC (SSOOIDCClient)', () => {
  it('runs the device flow: AuthorizationPendingException, then tokens, then a rotated refresh', async () => {
    const { credentials, device, create } = await deviceSignIn();
    expect(device.interval).toBe(1);
    expect(device.expiresIn).toBe(600);
    const pending = await failure(create());
    expect(pending).toBeInstanceOf(AuthorizationPendingException);
    expect(pending).toMatchObject({ error: 'authorization_pending', $metadata: { httpStatusCode: 400 } });
    await approveSignIn(device.verificationUriComplete!, SSO_USER, password, 'allow');
    const token = await create();
    expect(token).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600 });
    const refreshed = await oidc.send(
      new CreateTokenCommand({
        ...credentials,
        grantType: 'refresh_token',
        refreshToken: token.refreshToken!,
      }),
    );
    expect(refreshed.refreshToken).not.toBe(token.refreshToken);
    const reused = await failure(
      oidc.send(
        new CreateTokenCommand({
          ...credentials,
          grantType: 'refresh_token',
          refreshToken: token.refreshToken!,
        }),
      ),
    );
    expect(reused).toBeInstanceOf(InvalidGrantException);
    expect(reused).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers AccessDeniedException after Deny', async () => {
    const { device, create } = await deviceSignIn();
    await approveSignIn(device.verificationUriComplete!, SSO_USER, password, 'deny');
    const denied = await failure(create());
    expect(denied).toBeInstanceOf(AccessDeniedException);
    expect(denied).toMatchObject({ error: 'access_denied' });
  });

  it('trades an authorization code with its PKCE verifier, and refuses another verifier', async () => {
    const client = await oidc.send(
      new RegisterClientCommand({
        clientName: 'sdk-v3-pkce',
        clientType: 'public',
        scopes: SSO_SCOPES,
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: ['http://127.0.0.1/oauth/callback'],
        issuerUrl: startUrl,
      }),
    );
    const redirectUri = 'http://127.0.0.1:50123/oauth/callback';
    const { verifier, challenge } = pkcePair();
    const codeFor = async () => {
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: client.clientId!,
        redirect_uri: redirectUri,
        state: 's',
        code_challenge_method: 'S256',
        code_challenge: challenge,
        scopes: SSO_SCOPES.join(' '),
      });
      const answer = await approveSignIn(
        `${t.sandbox.endpoint}/authorize?${query.toString()}`,
        SSO_USER,
        password,
        'allow',
      );
      return new URL(answer.headers.get('location')!).searchParams.get('code')!;
    };
    const trade = async (codeVerifier: string) =>
      oidc.send(
        new CreateTokenCommand({
          clientId: client.clientId!,
          clientSecret: client.clientSecret!,
          grantType: 'authorization_code',
          code: await codeFor(),
          redirectUri,
          codeVerifier,
        }),
      );
    expect((await trade(verifier)).refreshToken).toMatch(/^aor/);
    expect(await failure(trade(pkcePair().verifier))).toBeInstanceOf(InvalidGrantException);
  });
});

describe('the portal (SSOClient)', () => {
  it('pages the accounts, lists roles, hands out credentials STS takes; Unauthorized after Logout', async () => {
    const { device, create } = await deviceSignIn();
    await approveSignIn(device.verificationUriComplete!, SSO_USER, password, 'allow');
    const { accessToken } = await create();
    const accounts = [];
    for await (const page of paginateListAccounts(
      { client: sso, pageSize: 100 },
      { accessToken: accessToken! },
    ))
      accounts.push(...(page.accountList ?? []));
    expect(accounts).toHaveLength(t.description.identityCenter!.accountCount);
    const roles = await sso.send(new ListAccountRolesCommand({ accessToken: accessToken!, accountId: DEV }));
    expect(roles.roleList!.map((role) => role.roleName)).toEqual(['DeveloperAccess', 'ReadOnlyAccess']);
    const { roleCredentials } = await sso.send(
      new GetRoleCredentialsCommand({
        accessToken: accessToken!,
        accountId: DEV,
        roleName: 'DeveloperAccess',
      }),
    );
    expect(roleCredentials!.expiration).toBeGreaterThan(t.clock.now());
    const identity = await t
      .sts({
        accessKeyId: roleCredentials!.accessKeyId!,
        secretAccessKey: roleCredentials!.secretAccessKey!,
        sessionToken: roleCredentials!.sessionToken!,
      })
      .send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toMatch(
      /:assumed-role\/AWSReservedSSO_DeveloperAccess_[0-9a-f]{16}\/tyler\.dev@acme\.example$/,
    );

    await sso.send(new LogoutCommand({ accessToken: accessToken! }));
    const after = await failure(
      sso.send(new ListAccountRolesCommand({ accessToken: accessToken!, accountId: DEV })),
    );
    expect(after).toBeInstanceOf(UnauthorizedException);
    expect(after.$metadata.httpStatusCode).toBe(401);
  });

  it('throws TooManyRequestsException beyond the throttle', async () => {
    const { device, create } = await deviceSignIn();
    await approveSignIn(device.verificationUriComplete!, SSO_USER, password, 'allow');
    const { accessToken } = await create();
    t.sandbox.setPortalThrottle({ ratePerSecond: 1, burst: 1 });
    try {
      const call = () => sso.send(new ListAccountRolesCommand({ accessToken: accessToken!, accountId: DEV }));
      await call();
      const throttled = await failure(call());
      expect(throttled).toBeInstanceOf(TooManyRequestsException);
      expect(throttled.$metadata.httpStatusCode).toBe(429);
    } finally {
      t.sandbox.setPortalThrottle({ ratePerSecond: 1000 });
    }
  });
});
