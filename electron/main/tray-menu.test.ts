import { describe, expect, it } from 'vitest';
import type { RoleView } from '../../shared/profiles-view';
import type { SessionInfo } from '../../shared/sessions';
import {
  displayPath,
  findMenuItem,
  formatTimeLeft,
  trayMenuModel,
  trayToolTip,
  type TrayMenuItem,
  type TrayMenuState,
} from './tray-menu';

const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);
const PROD = '123456789012';
const DEV = '210987654321';

function role(name: string, accountId: string, extra: Partial<RoleView> = {}): RoleView {
  const roleName = `${name}-role`;
  return {
    name,
    roleArn: `arn:aws:iam::${accountId}:role/${roleName}`,
    accountId,
    roleName,
    chain: [name, 'dev'],
    metadata: {},
    ...extra,
  };
}

function session(profile: string, minutesLeft: number, extra: Partial<SessionInfo> = {}): SessionInfo {
  return {
    profile,
    roleArn: `arn:aws:iam::${PROD}:role/${profile}-role`,
    accountId: PROD,
    roleName: `${profile}-role`,
    assumedRoleArn: `arn:aws:sts::${PROD}:assumed-role/${profile}-role/tyler`,
    issuedAt: NOW - 60_000,
    expiresAt: NOW + minutesLeft * 60_000,
    mfa: false,
    obtainedBy: 'chain',
    ...extra,
  };
}

function state(overrides: Partial<TrayMenuState> = {}, profiles: Partial<TrayMenuState['profiles']> = {}) {
  return {
    profiles: { configFile: '/home/tyler/.aws/config', roles: [], unusable: [], ...profiles },
    sessions: [],
    pendingMfa: [],
    busy: new Set<string>(),
    now: NOW,
    homeDir: '/home/tyler',
    ...overrides,
  } satisfies TrayMenuState;
}

const sandboxRoles = [
  role('prod-read-only', PROD, { accountAlias: 'acme-prod' }),
  role('prod-read-only-mfa', PROD, {
    accountAlias: 'acme-prod',
    mfaSerial: `arn:aws:iam::${DEV}:mfa/Tyler-Dev`,
  }),
  role('dev-admin', DEV),
  role('prod-audit', PROD, { accountAlias: 'acme-prod', metadata: { favourite: true } }),
];

const labels = (items: TrayMenuItem[]) =>
  items.map((item) => (item.type === 'separator' ? '---' : item.label));
const submenuLabels = (items: TrayMenuItem[], id: string) => labels(findMenuItem(items, id)?.submenu ?? []);

describe('trayMenuModel', () => {
  it('groups roles by account, named by alias and id, favourites and their account first', () => {
    const menu = trayMenuModel(state({}, { roles: sandboxRoles }));
    expect(labels(menu)).toEqual([
      'acme-prod (123456789012)',
      '★ prod-audit',
      'prod-read-only',
      'prod-read-only-mfa · MFA',
      '210987654321',
      'dev-admin',
      '---',
      'Open RoleTray',
      'Sign out of all sessions',
      '---',
      'Quit RoleTray',
    ]);
    expect(findMenuItem(menu, `account:${PROD}`)).toMatchObject({ enabled: false });
    expect(findMenuItem(menu, 'role:prod-audit')).toMatchObject({ type: 'submenu' });
  });

  it('keeps the config order among favourites and among the rest', () => {
    const roles = [
      role('b', PROD),
      role('a', PROD, { metadata: { favourite: true } }),
      role('d', PROD),
      role('c', PROD, { metadata: { favourite: true } }),
    ];
    expect(labels(trayMenuModel(state({}, { roles }))).slice(1, 5)).toEqual(['★ a', '★ c', 'b', 'd']);
  });

  it('uses the display name the user chose, and says which profile it is', () => {
    const roles = [role('prod-read-only', PROD, { metadata: { displayName: 'Prod (read)' } })];
    const menu = trayMenuModel(state({}, { roles }));
    expect(findMenuItem(menu, 'role:prod-read-only')?.label).toBe('Prod (read)');
    expect(submenuLabels(menu, 'role:prod-read-only')).toContain('Profile prod-read-only');
  });

  it('offers Assume without a session, and the role commands', () => {
    const menu = trayMenuModel(state({}, { roles: sandboxRoles }));
    expect(submenuLabels(menu, 'role:prod-read-only')).toEqual([
      'No session',
      '---',
      'Assume',
      '---',
      'Open in browser window',
      'Copy role ARN',
    ]);
    expect(findMenuItem(menu, 'assume:prod-read-only')?.action).toEqual({
      kind: 'assume',
      profile: 'prod-read-only',
    });
    expect(findMenuItem(menu, 'open-role:prod-read-only')?.action).toEqual({
      kind: 'open-role',
      profile: 'prod-read-only',
    });
    expect(findMenuItem(menu, 'copy-arn:prod-read-only')?.action).toEqual({
      kind: 'copy-arn',
      profile: 'prod-read-only',
    });
    expect(findMenuItem(menu, 'renew:prod-read-only')).toBeUndefined();
    expect(findMenuItem(menu, 'end-all')?.enabled).toBe(false);
  });

  it('marks an active session with its time left, and offers Renew and End session', () => {
    const menu = trayMenuModel(
      state(
        { sessions: [session('prod-read-only', 42.5), session('prod-read-only-mfa', 125, { mfa: true })] },
        { roles: sandboxRoles },
      ),
    );
    expect(findMenuItem(menu, 'role:prod-read-only')?.label).toBe('prod-read-only · 42 min left');
    expect(findMenuItem(menu, 'role:prod-read-only-mfa')?.label).toBe(
      'prod-read-only-mfa · MFA · 2 h 5 min left',
    );
    expect(submenuLabels(menu, 'role:prod-read-only')).toEqual([
      'Session: 42 min left',
      '---',
      'Renew',
      'End session',
      '---',
      'Browse S3 buckets',
      'Open the AWS console',
      'Open a terminal',
      'Copy as environment variables',
      'Open in browser window',
      'Copy role ARN',
    ]);
    expect(submenuLabels(menu, 'role:prod-read-only-mfa').slice(0, 4)).toEqual([
      'Session: 2 h 5 min left, with MFA',
      '---',
      'Renew…',
      'End session',
    ]);
    expect(findMenuItem(menu, 'assume:prod-read-only')).toBeUndefined();
    expect(findMenuItem(menu, 'browse-s3:prod-read-only')?.action).toEqual({
      kind: 'browse-s3',
      profile: 'prod-read-only',
    });
    expect(findMenuItem(menu, 'end:prod-read-only')?.action).toEqual({
      kind: 'end',
      profile: 'prod-read-only',
    });
    expect(findMenuItem(menu, 'end-all')).toMatchObject({ enabled: true, action: { kind: 'end-all' } });
  });

  it('marks roles that need an MFA code, and their commands ask for more with an ellipsis', () => {
    const menu = trayMenuModel(state({}, { roles: sandboxRoles }));
    expect(findMenuItem(menu, 'assume:prod-read-only-mfa')?.label).toBe('Assume…');
    expect(submenuLabels(menu, 'role:prod-read-only-mfa')[0]).toBe(
      'No session; assuming asks for an MFA code',
    );
  });

  it('shows a role being worked on, with its session commands disabled', () => {
    const menu = trayMenuModel(state({ busy: new Set(['prod-read-only']) }, { roles: sandboxRoles }));
    expect(findMenuItem(menu, 'role:prod-read-only')?.label).toBe('prod-read-only · working…');
    expect(findMenuItem(menu, 'assume:prod-read-only')?.enabled).toBe(false);
    expect(findMenuItem(menu, 'copy-arn:prod-read-only')?.enabled).toBe(true);
  });

  it('puts an open MFA prompt first', () => {
    const menu = trayMenuModel(state({ pendingMfa: ['prod-read-only-mfa'] }, { roles: sandboxRoles }));
    expect(menu[0]).toMatchObject({
      label: 'Enter the MFA code for prod-read-only-mfa…',
      action: { kind: 'open-mfa' },
    });
    expect(menu[1]?.type).toBe('separator');
  });

  it('says where it looked when there are no roles', () => {
    const menu = trayMenuModel(state());
    expect(labels(menu)[0]).toBe('No roles in ~/.aws/config');
    expect(findMenuItem(menu, 'no-roles')?.enabled).toBe(false);
    const elsewhere = trayMenuModel(state({}, { configFile: '/tmp/sandbox/config' }));
    expect(labels(elsewhere)[0]).toBe('No roles in /tmp/sandbox/config');
  });

  it('lists the profiles it cannot use, with the reason', () => {
    const menu = trayMenuModel(
      state(
        {},
        {
          roles: sandboxRoles,
          unusable: [{ name: 'sso-dev', reason: 'SSO profiles are not supported yet.' }],
        },
      ),
    );
    expect(findMenuItem(menu, 'unusable')?.label).toBe('Profiles RoleTray cannot use (1)');
    expect(submenuLabels(menu, 'unusable')).toEqual(['sso-dev: SSO profiles are not supported yet.']);
    expect(findMenuItem(menu, 'unusable:sso-dev')?.enabled).toBe(false);
  });

  it('reports a malformed config and opens the app for details', () => {
    const menu = trayMenuModel(
      state(
        {},
        { error: { kind: 'ConfigError', message: 'Line 4 of ~/.aws/config is not a key = value line.' } },
      ),
    );
    expect(menu[0]).toMatchObject({
      label: 'Problem in your AWS config: Line 4 of ~/.aws/config is not a key = value line.',
      action: { kind: 'open-app' },
    });
    expect(findMenuItem(menu, 'no-roles')).toBeUndefined();
  });

  it('gives every item a unique id', () => {
    const menu = trayMenuModel(
      state(
        { sessions: [session('prod-read-only', 10)], pendingMfa: ['prod-read-only-mfa'] },
        { roles: sandboxRoles, unusable: [{ name: 'x', reason: 'y' }] },
      ),
    );
    const ids: string[] = [];
    const collect = (items: TrayMenuItem[]) =>
      items.forEach((item) => {
        ids.push(item.id);
        if (item.submenu) collect(item.submenu);
      });
    collect(menu);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('formatTimeLeft', () => {
  it('counts down in whole minutes, then hours and minutes', () => {
    expect(formatTimeLeft(42 * 60_000 + 59_000)).toBe('42 min left');
    expect(formatTimeLeft(59_999)).toBe('under 1 min left');
    expect(formatTimeLeft(-5_000)).toBe('under 1 min left');
    expect(formatTimeLeft(60 * 60_000)).toBe('1 h left');
    expect(formatTimeLeft(12 * 3600_000 - 60_000)).toBe('11 h 59 min left');
  });
});

describe('displayPath', () => {
  it('abbreviates the home folder, on either separator', () => {
    expect(displayPath('/home/tyler/.aws/config', '/home/tyler')).toBe('~/.aws/config');
    expect(displayPath('/home/tyler2/.aws/config', '/home/tyler')).toBe('/home/tyler2/.aws/config');
    expect(displayPath('C:\\Users\\tyler\\.aws\\config', 'C:\\Users\\tyler')).toBe('~\\.aws\\config');
    expect(displayPath('', '/home/tyler')).toBe('your AWS config');
  });
});

describe('trayToolTip', () => {
  it('counts active sessions', () => {
    expect(trayToolTip([])).toBe('RoleTray: no active sessions');
    expect(trayToolTip([session('prod-read-only', 5)])).toBe('RoleTray: prod-read-only active');
    expect(trayToolTip([session('a', 5), session('b', 5)])).toBe('RoleTray: 2 active sessions');
  });
});
