import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../../shared/sessions';
import { rolesHeldUp, statusSentence, unreachableNotices } from './status-model';

const NOW = Date.parse('2026-12-02T12:00:00Z');

function session(profile: string, expiresInMs: number): SessionInfo {
  return {
    profile,
    roleArn: `arn:aws:iam::123456789012:role/${profile}`,
    accountId: '123456789012',
    roleName: profile,
    assumedRoleArn: `arn:aws:sts::123456789012:assumed-role/${profile}/roletray`,
    issuedAt: NOW - 1000,
    expiresAt: NOW + expiresInMs,
    mfa: false,
    obtainedBy: 'keys',
  };
}

describe('statusSentence', () => {
  it('keeps "Assumed" only while the role has a session', () => {
    const event = { kind: 'assumed', profile: 'prod' } as const;
    expect(statusSentence(event, [session('prod', 60_000)], NOW)).toBe('Assumed prod.');
    expect(statusSentence(event, [session('prod', -1)], NOW)).toBe('');
    expect(statusSentence(event, [], NOW)).toBe('');
  });

  it('keeps "Ended" only while the role has none', () => {
    const event = { kind: 'ended', profile: 'prod' } as const;
    expect(statusSentence(event, [], NOW)).toBe('Ended the session of prod.');
    expect(statusSentence(event, [session('prod', 60_000)], NOW)).toBe('');
  });

  it('says an ended role leaves its MFA session, with its end, while that session lasts', () => {
    const device = 'arn:aws:iam::210987654321:mfa/alice';
    const event = { kind: 'ended', profile: 'prod', mfaDevice: device } as const;
    const expiresAt = NOW + 2 * 3600_000;
    const mfa = { device, sourceProfiles: ['dev'], issuedAt: NOW - 1000, expiresAt, roles: [] };
    const until = new Date(expiresAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    expect(statusSentence(event, [], NOW, [mfa])).toBe(
      `Ended the session of prod. The MFA session for ${device} stays until ${until}; forget it under MFA sessions.`,
    );
    // Forgotten (or expired) since: the plain sentence.
    expect(statusSentence(event, [], NOW, [])).toBe('Ended the session of prod.');
    expect(statusSentence(event, [], expiresAt + 1, [mfa])).toBe('Ended the session of prod.');
  });

  it('says a cancelled prompt left an active session as it was, never that it was not assumed', () => {
    const event = { kind: 'cancelled', profile: 'prod' } as const;
    expect(statusSentence(event, [session('prod', 60_000)], NOW)).toBe(
      'Cancelled: the session of prod is unchanged.',
    );
    expect(statusSentence(event, [], NOW)).toBe('Cancelled: prod was not assumed.');
  });

  it('drops "Signed out of all sessions" once a session exists again', () => {
    const event = { kind: 'signed-out-all' } as const;
    expect(statusSentence(event, [], NOW)).toBe('Signed out of all sessions.');
    expect(statusSentence(event, [session('dev', 60_000)], NOW)).toBe('');
  });
});

describe('unreachableNotices', () => {
  const down = (service: string, endpoint: string) => ({
    kind: 'Network' as const,
    message: `Cannot reach ${service} at ${endpoint} (ECONNREFUSED); check the endpoint and your connection.`,
    unreachable: { service, endpoint },
  });

  it('makes one notice per endpoint with every role it held up, and ignores other failures', () => {
    const notices = unreachableNotices({
      a: down('STS', 'http://127.0.0.1:1'),
      b: { kind: 'AccessDenied', message: 'b is not allowed to assume B.' },
      c: down('STS', 'http://127.0.0.1:1'),
      d: down('S3', 'http://127.0.0.1:2'),
      e: {
        kind: 'Network',
        message: 'IAM Identity Center is throttling ListAccounts; try again in a moment.',
      },
    });
    expect(notices.map((notice) => [notice.service, notice.endpoint, notice.profiles])).toEqual([
      ['STS', 'http://127.0.0.1:1', ['a', 'c']],
      ['S3', 'http://127.0.0.1:2', ['d']],
    ]);
  });

  it('names the roles held up in a few words', () => {
    expect(rolesHeldUp(['a'])).toBe('a');
    expect(rolesHeldUp(['a', 'b'])).toBe('a and b');
    expect(rolesHeldUp(['a', 'b', 'c', 'd', 'e'])).toBe('a and 4 more');
  });
});
