import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// The files the Python clients read for IAM Identity Center, written by the real-client tests:
//
// - An AWS_DATA_PATH folder whose endpoint rule sets (sso and sso-oidc) answer the sandbox for every
//   region. Debian's AWS CLI v2 (2.9) and boto3 (botocore 1.29) predate configured endpoints
//   (botocore 1.31): they ignore endpoint_url and AWS_ENDPOINT_URL_*, but their loader takes a
//   service's `endpoint-rule-set-1.json` from AWS_DATA_PATH before the bundled one.
// - botocore's token cache, `~/.aws/sso/cache/<sha1(session name or start URL)>.json`, in the format
//   SSOTokenFetcher writes (camelCase keys, `expiresAt` as ISO 8601 in UTC without milliseconds).

const builtIn = (name: string, type: string, required: boolean, fallback?: boolean) => ({
  builtIn: name,
  required,
  documentation: name,
  type,
  ...(fallback === undefined ? {} : { default: fallback }),
});

export async function writeSsoEndpointRules(dataPath: string, endpoint: string): Promise<void> {
  const rules = {
    version: '1.0',
    parameters: {
      Region: builtIn('AWS::Region', 'String', false),
      UseDualStack: builtIn('AWS::UseDualStack', 'Boolean', true, false),
      UseFIPS: builtIn('AWS::UseFIPS', 'Boolean', true, false),
      Endpoint: builtIn('SDK::Endpoint', 'String', false),
    },
    rules: [{ conditions: [], endpoint: { url: endpoint, properties: {}, headers: {} }, type: 'endpoint' }],
  };
  for (const service of ['sso', 'sso-oidc']) {
    const dir = join(dataPath, service, '2019-06-10');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'endpoint-rule-set-1.json'), JSON.stringify(rules));
  }
}

/** Where botocore keeps the token of an sso-session (by its name) or a legacy profile (by its start URL). */
export const ssoCacheFile = (home: string, key: string) =>
  join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(key).digest('hex')}.json`);

/** ISO 8601 in UTC without milliseconds, as botocore writes and reads `expiresAt`. */
export const botocoreTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function writeSsoTokenCache(
  home: string,
  key: string,
  token: Record<string, string>,
): Promise<void> {
  const file = ssoCacheFile(home, key);
  await mkdir(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  await writeFile(file, JSON.stringify(token), { mode: 0o600 });
}
