import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TIMEOUT_MS } from '../../sandbox/test/real-client-runs';
import { startCoreHarness, type CoreHarness } from '../../test-support/core-harness';
import { DEV, PROD } from '../../test-support/sandbox';
import { finishBrowserSignIn } from '../../test-support/sso';
import { dispatch } from '../app/dispatch';
import { consoleSessionSeconds } from './console-signin';

// The console hand-off's SessionDuration, against the sandbox's federation endpoint (which refuses
// it for role chaining, as AWS does): the role session's time left, at most 12 h, for IAM Identity
// Center role credentials and roles assumed with long-term keys; none for chained sessions.

describe('consoleSessionSeconds', () => {
  const now = Date.UTC(2026, 11, 3, 8);
  it('is the time left in whole seconds, at most 12 h, and none under 15 minutes or for chaining', () => {
    expect(consoleSessionSeconds({ chained: false, expiration: now + 3_599_999 }, now)).toBe(3599);
    expect(consoleSessionSeconds({ chained: false, expiration: now + 20 * 3_600_000 }, now)).toBe(43_200);
    expect(consoleSessionSeconds({ chained: false, expiration: now + 900_000 }, now)).toBe(900);
    expect(consoleSessionSeconds({ chained: false, expiration: now + 899_999 }, now)).toBeUndefined();
    expect(consoleSessionSeconds({ chained: true, expiration: now + 3_600_000 }, now)).toBeUndefined();
  });
});

describe('Open the console against the sandbox', () => {
  let h: CoreHarness;
  /** SessionDuration of each getSigninToken request, null when absent. */
  const asked: (string | null)[] = [];
  const opened: string[] = [];

  beforeAll(async () => {
    h = await startCoreHarness({
      identityCenterProfiles: true,
      identityCenter: { portalThrottle: { ratePerSecond: 1000 } },
      handoff: (t) => ({
        openExternal: async (url) => {
          if (url.includes('/authorize?'))
            await finishBrowserSignIn(url, t.sandbox.scenario.identityCenter!.users[0]!.password);
          else opened.push(url);
        },
        federationEndpoint: `${t.sandbox.endpoint}/federation`,
        fetch: (input, init) => {
          const url = new URL(input instanceof Request ? input.url : String(input));
          if (url.searchParams.get('Action') === 'getSigninToken')
            asked.push(url.searchParams.get('SessionDuration'));
          return fetch(input, init);
        },
      }),
    });
    await dispatch(h.services.handlers, 'sso:sign-in', { profile: 'sso-dev', method: 'browser' });
  }, TEST_TIMEOUT_MS);
  afterAll(async () => {
    await h?.stop();
  });

  /** Opens the console for `profile`; resolves with the SessionDuration sent and who the console shows. */
  async function open(profile: string): Promise<{ duration: string | null; signedInAs: string }> {
    expect(await dispatch(h.services.handlers, 'handoff:open-console', { profile })).toEqual({ ok: true });
    const page = await (await fetch(opened.at(-1)!)).text();
    return {
      duration: asked.at(-1)!,
      signedInAs: /id="signed-in-as">([^<]+)</.exec(page)?.[1] ?? page,
    };
  }

  it(
    'sends the time left for an IAM Identity Center role and for a role assumed with keys',
    async () => {
      await h.manager.assume('sso-dev');
      await h.manager.assume('prod-read-only');
      // 20 minutes into both sessions (1 h each in the sandbox).
      h.t.clock.advance(20 * 60);
      const sso = await open('sso-dev');
      // The sandbox's clock also runs: a few seconds may have passed since the assume.
      const fortyMinutes = (duration: string | null) => {
        expect(Number(duration)).toBeGreaterThan(40 * 60 - 10);
        expect(Number(duration)).toBeLessThanOrEqual(40 * 60);
      };
      fortyMinutes(sso.duration);
      expect(sso.signedInAs).toMatch(
        new RegExp(`^arn:aws:sts::${DEV}:assumed-role/AWSReservedSSO_DeveloperAccess_[0-9a-f]{16}/`),
      );
      const keys = await open('prod-read-only');
      fortyMinutes(keys.duration);
      expect(keys.signedInAs).toMatch(
        new RegExp(`^arn:aws:sts::${PROD}:assumed-role/DevReadOnly-CrossAccount/`),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'sends none for chained sessions (from an SSO role, from another role), which the federation then takes',
    async () => {
      const viaSso = await open('sso-prod-via-dev');
      expect(viaSso.duration).toBeNull();
      expect(viaSso.signedInAs).toMatch(
        new RegExp(`^arn:aws:sts::${PROD}:assumed-role/ProdReadOnly-FromSso/`),
      );
      const viaRole = await open('prod-log-reader');
      expect(viaRole.duration).toBeNull();
      expect(viaRole.signedInAs).toMatch(new RegExp(`^arn:aws:sts::${PROD}:assumed-role/ProdLogReader/`));
    },
    TEST_TIMEOUT_MS,
  );
});
