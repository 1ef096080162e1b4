import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_V1, cliV1Missing, runClient, TEST_TIMEOUT_MS } from '../../../sandbox/test/real-client-runs';
import { DEV, PROD, startTestSandbox, type TestSandbox } from '../../../test-support/sandbox';
import { finishBrowserSignIn, SSO_SCOPES } from '../../../test-support/sso';
import { SsoTokens } from './sso-tokens';

// The token file RoleTray writes is the AWS CLI's: after RoleTray signed in, the CLI v1
// (botocore's SSO provider, through the config's endpoint_url) gets the role credentials with it,
// for an SSO profile and a role chained from one.

let t: TestSandbox;
let home: string;
beforeAll(async () => {
  t = await startTestSandbox({ identityCenterProfiles: true });
  home = await mkdtemp(join(tmpdir(), 'roletray-sso-cli-'));
});
afterAll(async () => {
  await t.stop();
  await rm(home, { recursive: true, force: true });
});

describe.skipIf(cliV1Missing !== undefined)(`the AWS CLI v1 (${CLI_V1}) after RoleTray signed in`, () => {
  it(
    'runs sts get-caller-identity for sso-dev and sso-prod-via-dev with the token RoleTray wrote',
    async () => {
      const instance = t.sandbox.scenario.identityCenter!;
      const tokens = new SsoTokens({
        homeDir: home,
        clock: t.clock.now,
        openBrowser: async (url) => void (await finishBrowserSignIn(url, instance.users[0]!.password)),
        onDeviceCode: () => undefined,
      });
      await tokens.signIn(
        {
          startUrl: instance.startUrl,
          region: instance.region,
          scopes: SSO_SCOPES,
          tokenCacheKey: instance.ssoSession,
          oidcEndpoint: t.sandbox.endpoint,
          portalEndpoint: t.sandbox.endpoint,
        },
        'browser',
      );
      const aws = (profile: string) =>
        runClient(
          t,
          home,
          CLI_V1!,
          ['--output', 'json', 'sts', 'get-caller-identity', '--profile', profile],
          {
            PATH: `${dirname(CLI_V1!)}:/usr/bin:/bin`,
          },
        );
      const dev = await aws('sso-dev');
      expect(dev.code, dev.stderr).toBe(0);
      expect((JSON.parse(dev.stdout) as { Arn: string }).Arn).toMatch(
        new RegExp(
          `^arn:aws:sts::${DEV}:assumed-role/AWSReservedSSO_DeveloperAccess_[0-9a-f]{16}/tyler\\.dev@acme\\.example$`,
        ),
      );
      const chained = await aws('sso-prod-via-dev');
      expect(chained.code, chained.stderr).toBe(0);
      expect((JSON.parse(chained.stdout) as { Arn: string }).Arn).toMatch(
        new RegExp(`^arn:aws:sts::${PROD}:assumed-role/ProdReadOnly-FromSso/`),
      );
    },
    TEST_TIMEOUT_MS,
  );
});
