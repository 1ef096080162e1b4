import { describe, expect, it } from 'vitest';
import type { RoleView } from '../../../shared/profiles-view';
import {
  flattenGroups,
  groupRoles,
  listRows,
  matchesQuery,
  RECENT_MS,
  roleLabel,
  sourceProfile,
} from './role-groups';
import { role } from './role-view-fixture';

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

  it('matches the source profile and the external id', () => {
    const chained = role('audit', PROD, { chain: ['audit', 'contractor'], externalId: 'acme-audit-2026' });
    expect(matchesQuery(chained, 'contractor')).toBe(true);
    expect(matchesQuery(chained, 'acme-audit')).toBe(true);
    expect(matchesQuery(chained, 'dev')).toBe(false);
    expect(sourceProfile(chained)).toBe('contractor');
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

describe('recently used roles', () => {
  const NOW = Date.UTC(2026, 10, 20, 12);
  const used = (name: string, ago: number) => (r: RoleView) =>
    r.name === name ? { ...r, metadata: { ...r.metadata, lastUsed: NOW - ago } } : r;

  it('come after favourites and before the rest, newest first', () => {
    const recent = roles
      .map(used('prod-read-only-mfa', 60_000))
      .map(used('prod-read-only', 3_600_000))
      .map((r) => (r.name === 'prod-audit' ? { ...r, metadata: { favourite: true } } : r));
    expect(groupRoles(recent, '', NOW)[0]!.roles.map((r) => r.name)).toEqual([
      'prod-audit',
      'prod-read-only-mfa',
      'prod-read-only',
    ]);
  });

  it('bring their account forward, but a use older than RECENT_MS does not', () => {
    const recent = roles.map(used('prod-audit', 60_000));
    expect(groupRoles(recent, '', NOW).map((g) => g.accountId)).toEqual([PROD, DEV]);
    const old = roles.map(used('prod-audit', RECENT_MS + 1));
    expect(groupRoles(old, '', NOW).map((g) => g.accountId)).toEqual([DEV, PROD]);
    expect(groupRoles(old, '', NOW)[1]!.roles[0]!.name).toBe('prod-audit');
  });
});

describe('listRows', () => {
  it('puts each account header before its roles and leaves out the roles of collapsed accounts', () => {
    const groups = groupRoles(roles);
    const open = listRows(groups, new Set());
    expect(open.map((row) => (row.kind === 'account' ? `# ${row.group.label}` : row.role.name))).toEqual([
      '# 210987654321',
      'dev-admin',
      '# acme-prod',
      'prod-audit',
      'prod-read-only',
      'prod-read-only-mfa',
    ]);
    const folded = listRows(groups, new Set([PROD]));
    expect(folded).toHaveLength(3);
    expect(folded[2]).toMatchObject({ kind: 'account', expanded: false });
    expect(folded[0]).toMatchObject({ kind: 'account', expanded: true });
  });
});
