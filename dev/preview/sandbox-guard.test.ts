import { rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestSandbox } from '../../test-support/sandbox';
import { startCoreHarness, type CoreHarness } from '../../test-support/core-harness';
import type { Profile } from '../../electron/core/profiles/profiles';
import { startBridge } from './bridge-server';
import { foreignEndpoint, probeSandbox } from './sandbox-guard';
import { rendererFixture, startTestBridge } from '../../test-support/test-bridge';

// "The bridge refuses to start against anything but the sandbox."

let harness: CoreHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const ROLE = 'role_arn = arn:aws:iam::123456789012:role/DevReadOnly-CrossAccount\nsource_profile = dev';
const REFUSED = 'not the sandbox; the bridge serves only the sandbox.';

describe('startBridge refuses', () => {
  it('a profile whose STS endpoint is AWS', async () => {
    await expect(
      startTestBridge({ extraConfig: `[profile prod]\n${ROLE}\nendpoint_url = https://sts.amazonaws.com` }),
    ).rejects.toThrow(`The bridge will not start: profile prod uses https://sts.amazonaws.com, ${REFUSED}`);
  });

  it('a profile with no endpoint, or one told to ignore it', async () => {
    // Keys of its own and no endpoint_url: a role would inherit its source's endpoint.
    const keys = 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG';
    await expect(startTestBridge({ extraConfig: `[profile plain]\n${keys}` })).rejects.toThrow(
      `profile plain uses AWS's default STS endpoint, ${REFUSED}`,
    );
    await expect(
      startTestBridge({
        extraConfig: (t: TestSandbox) =>
          `[profile ignoring]\n${ROLE}\nendpoint_url = ${t.sandbox.endpoint}\nignore_configured_endpoint_urls = true`,
      }),
    ).rejects.toThrow(`profile ignoring uses AWS's default STS endpoint, ${REFUSED}`);
  });

  it('a profile whose S3 endpoint is elsewhere, from a services section or the environment', async () => {
    await expect(
      startTestBridge({
        extraConfig: (t: TestSandbox) =>
          `[profile split]\n${ROLE}\nendpoint_url = ${t.sandbox.endpoint}\nservices = elsewhere\n\n` +
          '[services elsewhere]\ns3 =\n  endpoint_url = https://s3.eu-west-1.amazonaws.com',
      }),
    ).rejects.toThrow(`profile split uses https://s3.eu-west-1.amazonaws.com, ${REFUSED}`);
    await expect(
      startTestBridge({ env: () => ({ AWS_ENDPOINT_URL_S3: 'http://10.0.0.8:9000' }) }),
    ).rejects.toThrow(`profile dev uses http://10.0.0.8:9000, ${REFUSED}`);
  });

  it('a sandbox endpoint that is not on loopback, or a sandbox that does not answer', async () => {
    const h = (harness = await startCoreHarness());
    const fixture = await rendererFixture();
    const start = (sandboxEndpoint: string) =>
      startBridge({ services: h.services, staticDir: fixture.staticDir, sandboxEndpoint });
    try {
      await expect(start('http://192.0.2.10:4566')).rejects.toThrow(
        'The bridge will not start: http://192.0.2.10:4566 is not on a loopback address.',
      );
      await expect(start('file:///etc')).rejects.toThrow('file:///etc is not an http URL');
      await h.t.sandbox.close();
      await expect(start(h.t.sandbox.endpoint)).rejects.toThrow(
        `The bridge will not start: the sandbox at ${h.t.sandbox.endpoint} does not answer`,
      );
    } finally {
      await rm(fixture.root, { recursive: true, force: true });
    }
  });
});

describe('sandbox checks', () => {
  it('tells a loopback server that is not the sandbox', async () => {
    const server = createServer((_request, response) => response.end('hello'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await probeSandbox(endpoint)).toBe(
        `${endpoint} answered, but not as the RoleTray sandbox (HTTP 200)`,
      );
    } finally {
      server.close();
    }
  });

  it('compares scheme, loopback host and port, and ignores unusable profiles', () => {
    const sandbox = 'http://127.0.0.1:4599';
    const state = (...profiles: Partial<Profile>[]) => ({
      loaded: { configFile: 'c', credentialsFile: 'k', warnings: [], profiles: profiles as Profile[] },
    });
    const keys = (stsEndpoint?: string, s3Endpoint?: string): Partial<Profile> => ({
      kind: 'keys',
      name: 'p',
      ...(stsEndpoint ? { stsEndpoint } : {}),
      ...(s3Endpoint ? { s3Endpoint } : {}),
    });
    expect(foreignEndpoint(state(keys(sandbox)), sandbox)).toBeUndefined();
    expect(
      foreignEndpoint(state(keys('http://localhost:4599/', 'http://127.0.0.1:4599')), sandbox),
    ).toBeUndefined();
    expect(foreignEndpoint(state({ kind: 'unusable', name: 'u', reason: 'x' }), sandbox)).toBeUndefined();
    for (const elsewhere of [
      'http://127.0.0.1:4600',
      'https://127.0.0.1:4599',
      'http://127.0.0.1:4599/proxy',
      'http://127.0.0.2:4599',
      'not a url',
    ]) {
      expect(foreignEndpoint(state(keys(elsewhere)), sandbox)).toBe(
        `profile p uses ${elsewhere}, ${REFUSED.slice(0, -1)}`,
      );
    }
    expect(foreignEndpoint({ error: { kind: 'ConfigError', message: 'bad line 3' } }, sandbox)).toBe(
      'the AWS config did not load (bad line 3); the bridge serves only the sandbox',
    );
  });
});
