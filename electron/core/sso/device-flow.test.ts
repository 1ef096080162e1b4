import { afterEach, describe, expect, it } from 'vitest';
import { roleTrayFailure, startTestSandbox, type TestSandbox } from '../../../test-support/sandbox';
import { approveSignIn, SSO_SCOPES, SSO_USER } from '../../../test-support/sso';
import type { IdentityCenterOptions } from '../../../sandbox/src/identity-center';
import { deviceCodeSignIn, type DeviceCodePrompt } from './device-flow';
import { createOidcApi } from './oidc';
import type { SsoTarget } from './sso-target';

// The device flow (RFC 8628) against the sandbox's OIDC service over HTTP, with a sleep that moves
// the sandbox's clock instead of waiting, so a poll's timing is exact and the test is fast:
// authorization_pending keeps polling at the interval, slow_down adds 5 s to it for good (the
// sandbox refuses a client that polls sooner), and an expired code is one sentence.

let t: TestSandbox | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

/**
 * A registered client, the flow's target and deps whose sleep records each wait, moves the
 * sandbox's clock by it and then runs `onSleep` (which may approve on the page).
 */
async function start(
  identityCenter: IdentityCenterOptions,
  onSleep: (count: number) => Promise<void> = async () => {},
) {
  const lines: string[] = [];
  t = await startTestSandbox({ identityCenter, onRequest: (line) => void lines.push(line) });
  const sandbox = t;
  const instance = sandbox.sandbox.scenario.identityCenter!;
  const target: SsoTarget = {
    startUrl: instance.startUrl,
    region: instance.region,
    scopes: SSO_SCOPES,
    tokenCacheKey: 'device-flow-test',
    oidcEndpoint: sandbox.sandbox.endpoint,
  };
  const oidc = createOidcApi({ maxAttempts: 1 });
  const client = await oidc.registerClient(target, { clientName: 'roletray-test', scopes: SSO_SCOPES });
  const sleeps: number[] = [];
  const prompts: DeviceCodePrompt[] = [];
  const polls = () => lines.filter((line) => line.endsWith(' CreateToken')).length;
  const approve = async () => {
    const answer = await approveSignIn(
      prompts[0]!.verificationUriComplete,
      SSO_USER,
      instance.users[0]!.password,
      'allow',
    );
    expect(answer.status).toBe(200);
  };
  const signIn = (clock: () => number = sandbox.clock.now) =>
    deviceCodeSignIn(target, client, {
      oidc,
      clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        sandbox.clock.advance(ms / 1000);
        await onSleep(sleeps.length);
      },
      onCode: (prompt) => void prompts.push(prompt),
    });
  return { target, sleeps, prompts, approve, signIn, polls };
}

describe('deviceCodeSignIn', () => {
  it('polls at the interval while authorization is pending and gets the token once approved', async () => {
    let approve = async () => {};
    const flow = await start({ pollIntervalSeconds: 2 }, async (count) => {
      if (count === 3) await approve();
    });
    approve = flow.approve;
    const token = await flow.signIn();
    expect(token.accessToken).toMatch(/^aoa/);
    expect(token.refreshToken).toBeDefined();
    // Two answers of authorization_pending, then the token: three polls, each 2 s apart.
    expect(flow.sleeps).toEqual([2000, 2000, 2000]);
    expect(flow.polls()).toBe(3);
    expect(flow.prompts[0]!.verificationUriComplete).toContain('/device?user_code=');
  });

  it('adds 5 s to its interval at each slow_down and keeps it, as RFC 8628 says', async () => {
    let approve = async () => {};
    const flow = await start({ pollIntervalSeconds: 1, slowDownPolls: 2 }, async (count) => {
      if (count === 4) await approve();
    });
    approve = flow.approve;
    await flow.signIn();
    // slow_down, slow_down, authorization_pending (at 11 s: the sandbox wants 11 s now), the token.
    expect(flow.sleeps).toEqual([1000, 6000, 11_000, 11_000]);
    expect(flow.polls()).toBe(4);
  });

  it('says the code expired when it runs out before approval, by its own clock', async () => {
    const flow = await start({ pollIntervalSeconds: 5, deviceCodeSeconds: 12 });
    const refused = await roleTrayFailure(flow.signIn());
    expect(refused.info).toMatchObject({
      kind: 'SignInRequired',
      message: 'The sign-in code expired; start again.',
    });
    // Polled at 5 s and 10 s; at 15 s the code had run out, so it did not ask again.
    expect(flow.sleeps).toEqual([5000, 5000, 5000]);
    expect(flow.polls()).toBe(2);
  });

  it('says the same when the service answers expired_token first (a client clock that stood still)', async () => {
    const flow = await start({ pollIntervalSeconds: 5, deviceCodeSeconds: 12 });
    // By its own clock the code never runs out: only the service can say it did.
    const stopped = t!.clock.now();
    const refused = await roleTrayFailure(flow.signIn(() => stopped));
    expect(refused.info).toMatchObject({
      kind: 'SignInRequired',
      message: 'The sign-in code expired; start again.',
    });
    // The third poll (at 15 s) met expired_token; the sandbox logs it once its answer is sent.
    expect(flow.sleeps).toEqual([5000, 5000, 5000]);
    await expect.poll(flow.polls).toBe(3);
  });
});
