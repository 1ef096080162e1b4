import { describe, expect, it, vi } from 'vitest';
import type { CachedSession } from '../sessions/credential-cache';
import type { AwsCredentials } from '../credentials';
import { RoleTrayError } from '../errors';
import { profileDirectory } from '../profiles/profile-directory';
import type { Profile } from '../profiles/profiles';
import type { ActiveSession } from '../sessions/session-manager';
import { stillGood } from '../sessions/session-validity';
import { S3Gateway } from './gateway';
import { createS3Sessions } from './sessions';

// Which credentials an S3 call gets, and when it renews, with the sessions core faked.

const NOW = 1_800_000_000_000;
const role: Profile = {
  kind: 'role',
  name: 'prod',
  roleArn: 'arn:aws-cn:iam::123456789012:role/R',
  accountId: '123456789012',
  roleName: 'R',
  partition: 'aws-cn',
  source: { kind: 'profile', profile: 'dev' },
  chain: ['prod', 'dev'],
  s3Endpoint: 'http://127.0.0.1:1',
};
const keys: Profile = {
  kind: 'keys',
  name: 'dev',
  file: 'credentials',
  accessKeyId: 'AKIA',
  secretAccessKey: 's',
  region: 'eu-west-1',
};

function fake(session?: Partial<AwsCredentials>) {
  let cached: CachedSession | undefined = session
    ? ({
        credentials: {
          accessKeyId: 'ASIA1',
          secretAccessKey: 's1',
          sessionToken: 't1',
          expiration: NOW + 3600_000,
          ...session,
        },
      } as CachedSession)
    : undefined;
  const manager = {
    credentials: vi.fn(async (profile: string) =>
      profile === 'dev' ? { accessKeyId: 'AKIA', secretAccessKey: 's' } : cached!.credentials,
    ),
    assume: vi.fn(async () => {
      cached = {
        credentials: {
          accessKeyId: 'ASIA2',
          secretAccessKey: 's2',
          sessionToken: 't2',
          expiration: NOW + 7200_000,
        },
      } as CachedSession;
      return {} as never;
    }),
  };
  // The manager's own answers over `cached`, by its one validity rule.
  const activeSession = (_profile: string, minimumMs = 0) =>
    stillGood(cached, NOW, minimumMs) ? ({ credentials: cached!.credentials } as ActiveSession) : undefined;
  const hasLapsed = () => cached !== undefined && !stillGood(cached, NOW);
  const sessions = createS3Sessions({
    manager: { ...manager, activeSession, hasLapsed },
    profiles: profileDirectory(() => [role, keys]),
  });
  return { manager, sessions };
}

describe('createS3Sessions', () => {
  it('uses an active session as it is, without going through the manager', async () => {
    const { manager, sessions } = fake({});
    expect(await sessions.credentials('prod')).toMatchObject({ accessKeyId: 'ASIA1' });
    expect(manager.credentials).not.toHaveBeenCalled();
    expect(sessions.target('prod')).toEqual({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      partition: 'aws-cn',
    });
    expect(sessions.target('dev')).toEqual({ region: 'eu-west-1', partition: 'aws' });
    expect(await sessions.credentials('dev')).toEqual({ accessKeyId: 'AKIA', secretAccessKey: 's' });
  });

  it('says Expired for a role without a session or with an expired one, and lets the manager renew one about to end', async () => {
    await expect(fake().sessions.credentials('prod')).rejects.toThrow(
      'There is no active session for prod; assume the role first.',
    );
    await expect(fake({ expiration: NOW - 1 }).sessions.credentials('prod')).rejects.toThrow(
      'The session for prod has expired; renew it to keep browsing.',
    );
    const ending = fake({ expiration: NOW + 30_000 });
    await ending.sessions.credentials('prod');
    expect(ending.manager.credentials).toHaveBeenCalledWith('prod');
    await expect(fake().sessions.credentials('nope')).rejects.toMatchObject({
      info: { kind: 'ConfigError' },
    });
  });

  it('renews once: a session someone else renewed already is taken as it is', async () => {
    const { manager, sessions } = fake({ expiration: NOW - 1 });
    const renewed = await sessions.renew('prod', { accessKeyId: 'ASIA1', secretAccessKey: 's1' });
    expect(renewed).toMatchObject({ accessKeyId: 'ASIA2' });
    expect(manager.assume).toHaveBeenCalledWith('prod', { renew: true });
    expect(await sessions.renew('prod', { accessKeyId: 'ASIA1', secretAccessKey: 's1' })).toMatchObject({
      accessKeyId: 'ASIA2',
    });
    expect(manager.assume).toHaveBeenCalledTimes(1);
    await expect(sessions.renew('dev')).rejects.toMatchObject({ info: { kind: 'Expired' } });
  });
});

describe('S3Gateway.call', () => {
  const expiredToken = Object.assign(new Error('The provided token has expired.'), {
    name: 'ExpiredToken',
    $metadata: { httpStatusCode: 400 },
  });

  it('renews and retries once when S3 says the session expired, only for work under way', async () => {
    const { manager, sessions } = fake({});
    const gateway = new S3Gateway(sessions, () => NOW);
    const used: string[] = [];
    const use = async (_client: unknown, credentials: AwsCredentials) => {
      used.push(credentials.accessKeyId);
      if (credentials.accessKeyId === 'ASIA1') throw expiredToken;
      return 'listed';
    };
    const request = { action: 'ListObjectsV2' as const, profile: 'prod', bucket: 'b', prefix: 'p/' };
    await expect(gateway.call(request, use)).rejects.toMatchObject({
      info: { kind: 'Expired', awsCode: 'ExpiredToken' },
    });
    expect(await gateway.call({ ...request, renewIfExpired: true }, use)).toBe('listed');
    expect(used).toEqual(['ASIA1', 'ASIA1', 'ASIA2']);
    expect(manager.assume).toHaveBeenCalledTimes(1);
    gateway.close();
  });

  it('renews up front when the session is already over and the work may renew', async () => {
    const { sessions } = fake({ expiration: NOW - 1 });
    const gateway = new S3Gateway(sessions, () => NOW);
    const use = async (_client: unknown, credentials: AwsCredentials) => credentials.accessKeyId;
    const request = { action: 'GetObject' as const, profile: 'prod', bucket: 'b', key: 'k' };
    await expect(gateway.call(request, use)).rejects.toBeInstanceOf(RoleTrayError);
    expect(await gateway.call({ ...request, renewIfExpired: true }, use)).toBe('ASIA2');
    gateway.close();
  });

  it('calls a bodiless refusal of expired credentials what it is', async () => {
    let now = NOW;
    const { sessions } = fake({ expiration: NOW + 120_000 });
    const gateway = new S3Gateway(sessions, () => now);
    const headFailure = Object.assign(new Error('UnknownError'), {
      name: 'Unknown',
      $metadata: { httpStatusCode: 400 },
    });
    const use = async () => {
      now += 180_000; // the session ends while the request is out
      throw headFailure;
    };
    await expect(
      gateway.call({ action: 'HeadObject', profile: 'prod', bucket: 'b', key: 'k' }, use),
    ).rejects.toMatchObject({
      info: { kind: 'Expired', message: 'The session for prod has expired; renew it to keep browsing.' },
    });
    gateway.close();
  });
});
