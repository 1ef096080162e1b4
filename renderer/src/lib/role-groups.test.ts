import { describe, expect, it } from 'vitest';
import type { RoleView } from '../../../shared/profiles-view';
import { flattenGroups, groupRoles, matchesQuery, roleLabel } from './role-groups';

function role(name: string, accountId: string, extra: Partial<RoleView> = {}): RoleView {
  const roleName = extra.roleName ?? `${name}-role`;
  return {
    name,
    accountId,
    roleName,
    roleArn: `arn:aws:iam::${accountId}:role/${roleName}`,
    chain: [name, 'dev'],
    metadata: {},
    ...extra,
  };
}

const PROD = '123456789012';
const DEV = '210987654321';
const roles = [
  role('prod-read-only', PROD, { accountAlias: 'acme-prod', roleName: 'DevReadOnly-CrossAccount' }),
  role('prod-audit', PROD, { accountAlias: 'acme-prod' }),
  role('dev-admin', DEV),
  role('prod-read-only-mfa', PROD, { accountAlias: 'acme-prod', mfaSerial: 'arn:aws:iam::1:mfa/x' }),
];

describe('roleLabel', () => {
  it('prefers the display name and ignores a blank one', () => {
    expect(roleLabel(role('a', DEV, { metadata: { displayName: 'Prod (read)' } }))).toBe('Prod (read)');
    expect(roleLabel(role('a', DEV, { metadata: { displayName: '  ' } }))).toBe('a');
  });
});

describe('matchesQuery', () => {
  const target = roles[0]!;
  it('matches every word, case-insensitively, across names, role and account', () => {
    expect(matchesQuery(target, '')).toBe(true);
    expect(matchesQuery(target, '  ')).toBe(true);
    expect(matchesQuery(target, 'PROD')).toBe(true);
    expect(matchesQuery(target, 'acme crossaccount')).toBe(true);
    expect(matchesQuery(target, '1234567')).toBe(true);
    expect(matchesQuery(target, 'acme dev-admin')).toBe(false);
  });

  it('matches the display name', () => {
    expect(matchesQuery(role('x', DEV, { metadata: { displayName: 'Billing' } }), 'bill')).toBe(true);
  });
});

describe('groupRoles', () => {
  it('groups by account alias or id, sorted by label, roles by name', () => {
    const groups = groupRoles(roles);
    expect(groups.map((group) => group.label)).toEqual(['210987654321', 'acme-prod']);
    expect(groups[1]!.roles.map((r) => r.name)).toEqual([
      'prod-audit',
      'prod-read-only',
      'prod-read-only-mfa',
    ]);
  });

  it('puts favourites first within an account, and accounts holding one first', () => {
    const withFavourite = roles.map((r) =>
      r.name === 'prod-read-only-mfa' ? { ...r, metadata: { favourite: true } } : r,
    );
    const groups = groupRoles(withFavourite);
    expect(groups.map((group) => group.accountId)).toEqual([PROD, DEV]);
    expect(groups[0]!.roles.map((r) => r.name)).toEqual([
      'prod-read-only-mfa',
      'prod-audit',
      'prod-read-only',
    ]);
  });

  it('sorts by display name when there is one', () => {
    const renamed = roles.map((r) =>
      r.name === 'prod-read-only' ? { ...r, metadata: { displayName: 'A first' } } : r,
    );
    expect(groupRoles(renamed)[1]!.roles[0]!.name).toBe('prod-read-only');
  });

  it('drops what the query does not match, and empty accounts with it', () => {
    const groups = groupRoles(roles, 'mfa');
    expect(groups).toHaveLength(1);
    expect(flattenGroups(groups).map((r) => r.name)).toEqual(['prod-read-only-mfa']);
    expect(groupRoles(roles, 'nothing-like-this')).toEqual([]);
  });

  it('takes the alias from any role of the account', () => {
    const mixed = [role('a', PROD), role('b', PROD, { accountAlias: 'acme-prod' })];
    expect(groupRoles(mixed)[0]!.label).toBe('acme-prod');
  });

  it('flattens in display order', () => {
    expect(flattenGroups(groupRoles(roles)).map((r) => r.name)).toEqual([
      'dev-admin',
      'prod-audit',
      'prod-read-only',
      'prod-read-only-mfa',
    ]);
  });
});
