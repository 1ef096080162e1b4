import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../test-support/sandbox';
import { SSO_SCOPES } from '../../../test-support/sso';
import { startUrlProblem } from './start-url';
import type { SsoTarget } from './sso-target';
import { SsoTokens } from './sso-tokens';

// A start URL that is not one: refused before anything is sent when it is no https URL at all, and
// said in a sentence when IAM Identity Center (the sandbox, as AWS does) does not know it. AWS's
// portals live on several hosts, so a host that looks unusual is never refused on its own.

let t: TestSandbox;
let home: string;
beforeAll(async () => {
  t = await startTestSandbox({ identityCenter: {} });
  home = await mkdtemp(join(tmpdir(), 'roletray-start-url-'));
});
afterAll(async () => {
  await t.stop();
  await rm(home, { recursive: true, force: true });
});

function targetFor(startUrl: string): SsoTarget {
  return {
    startUrl,
    region: 'eu-west-1',
    scopes: SSO_SCOPES,
    tokenCacheKey: 'start-url-test',
    session: 'start-url-test',
    oidcEndpoint: t.sandbox.endpoint,
    portalEndpoint: t.sandbox.endpoint,
  };
}

const tokens = () =>
  new SsoTokens({
    homeDir: home,
    clock: t.clock.now,
    openBrowser: async () => undefined,
    onDeviceCode: () => undefined,
  });

describe('start URLs', () => {
  it('accepts the shapes AWS uses, and refuses what is no https URL', () => {
    for (const url of [
      'https://d-1234567890.awsapps.com/start',
      'https://acme.awsapps.com/start#/',
      'https://start.us-gov-home.awsapps.com/directory/d-1234567890',
      'https://ssoins-111111h2222j33pp.eu-west-1.portal.amazonaws.com',
    ]) {
      expect(startUrlProblem(url), url).toBeUndefined();
    }
    expect(startUrlProblem('acme.awsapps.com/start')).toBe(
      'sso_start_url = acme.awsapps.com/start is not a URL; an IAM Identity Center start URL looks like https://d-1234567890.awsapps.com/start.',
    );
    expect(startUrlProblem('http://d-1234567890.awsapps.com/start')).toContain('is not an https address');
  });

  it('refuses a sign-in to a start URL that is not one before any request', async () => {
    const before = t.sandbox.wire.traffic.requests;
    await expect(tokens().signIn(targetFor('acme.awsapps.com/start'), 'device')).rejects.toMatchObject({
      info: { kind: 'ConfigError', message: expect.stringContaining('is not a URL') },
    });
    expect(t.sandbox.wire.traffic.requests).toBe(before);
  });

  it('says so when IAM Identity Center does not know the start URL', async () => {
    await expect(
      tokens().signIn(targetFor('https://d-0000000000.awsapps.com/start'), 'device'),
    ).rejects.toMatchObject({
      info: {
        kind: 'ConfigError',
        message:
          'IAM Identity Center does not know https://d-0000000000.awsapps.com/start as a start URL (Invalid start URL: https://d-0000000000.awsapps.com/start). Copy your AWS access portal’s URL from its sign-in page or your administrator; it usually looks like https://d-1234567890.awsapps.com/start.',
      },
    });
  });
});
