import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_TIMEOUT_MS } from '../../sandbox/test/real-client-runs';
import { startCoreHarness, type CoreHarness } from '../../test-support/core-harness';
import { DEV } from '../../test-support/sandbox';
import { finishBrowserSignIn } from '../../test-support/sso';
import { dispatch } from './dispatch';
import { copyableRoleArn } from './role-arn';

// "Copy role ARN" for each kind of profile, against the sandbox: a role's role_arn, an IAM
// Identity Center profile's role as STS names it once it has a session, and sentences otherwise.

let h: CoreHarness;
beforeAll(async () => {
  h = await startCoreHarness({
    identityCenterProfiles: true,
    identityCenter: { portalThrottle: { ratePerSecond: 1000 } },
    handoff: (t) => ({
      openExternal: async (url) =>
        void (await finishBrowserSignIn(url, t.sandbox.scenario.identityCenter!.users[0]!.password)),
    }),
  });
}, TEST_TIMEOUT_MS);
afterAll(async () => {
  await h?.stop();
});

const copyable = (name: string) => copyableRoleArn(h.core.profiles, h.manager, name);

it(
  'copies a role’s role_arn, and an SSO profile’s AWSReservedSSO role once a session named it',
  async () => {
    expect(copyable('prod-read-only')).toEqual({
      arn: 'arn:aws:iam::123456789012:role/DevReadOnly-CrossAccount',
    });
    expect(copyable('sso-dev')).toEqual({
      problem:
        'IAM Identity Center names the role of sso-dev (AWSReservedSSO_DeveloperAccess_…) only in a session: assume it first.',
    });
    await dispatch(h.services.handlers, 'sso:sign-in', { profile: 'sso-dev', method: 'browser' });
    await h.manager.assume('sso-dev');
    const identity = await h.manager.identity('sso-dev');
    const role = /assumed-role\/(AWSReservedSSO_DeveloperAccess_[0-9a-f]{16})\//.exec(identity.arn)?.[1];
    expect(role).toBeDefined();
    expect(copyable('sso-dev')).toEqual({ arn: `arn:aws:iam::${DEV}:role/${role}` });
    expect(copyable('gone')).toEqual({ problem: 'There is no role named gone in your AWS config any more.' });
  },
  TEST_TIMEOUT_MS,
);
