import { describe, expect, it } from 'vitest';
import { noticeInteraction, sessionNotice } from './session-notices';

const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);
const names = (profile: string) => (profile === 'prod-read-only-mfa' ? 'Prod (MFA)' : profile);

describe('sessionNotice', () => {
  it('warns before a session that needs an MFA code expires', () => {
    expect(
      sessionNotice(
        {
          type: 'expiring',
          profile: 'prod-read-only-mfa',
          expiresAt: NOW + 4 * 60_000 + 30_000,
          needsMfa: true,
        },
        names,
        NOW,
      ),
    ).toEqual({
      profile: 'prod-read-only-mfa',
      title: 'Session for Prod (MFA) ends soon',
      body: '4 min left. Renewing it needs an MFA code: renew now to keep working without a gap.',
    });
  });

  it('passes on why a background renewal failed', () => {
    const notice = sessionNotice(
      {
        type: 'expiring',
        profile: 'prod-read-only',
        expiresAt: NOW + 20_000,
        needsMfa: false,
        error: 'STS could not be reached.',
      },
      names,
      NOW,
    );
    expect(notice?.body).toBe('Under 1 min left. RoleTray could not renew it: STS could not be reached.');
  });

  it('says when a session ended', () => {
    expect(sessionNotice({ type: 'expired', profile: 'prod-read-only' }, names, NOW)).toEqual({
      profile: 'prod-read-only',
      title: 'Session for prod-read-only ended',
      body: 'Renew to start a new one.',
    });
  });

  it('stays quiet about ordinary changes and renewals', () => {
    expect(sessionNotice({ type: 'changed' }, names, NOW)).toBeUndefined();
    expect(
      sessionNotice({ type: 'renewed', profile: 'x', expiresAt: NOW + 3600_000 }, names, NOW),
    ).toBeUndefined();
  });
});

describe('noticeInteraction', () => {
  it('offers a Renew button on macOS, and renews on click elsewhere', () => {
    expect(noticeInteraction('darwin')).toEqual({
      actions: [{ type: 'button', text: 'Renew' }],
      onClick: 'open-app',
    });
    expect(noticeInteraction('linux')).toEqual({ actions: [], onClick: 'renew' });
    expect(noticeInteraction('win32')).toEqual({ actions: [], onClick: 'renew' });
  });
});
