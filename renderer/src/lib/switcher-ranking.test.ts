import { describe, expect, it } from 'vitest';
import type { RoleView } from '../../../shared/profiles-view';
import { RECENT_MS } from './role-groups';
import { role } from './role-view-fixture';
import { matchScore, rankRoles } from './switcher-ranking';

const NOW = Date.UTC(2026, 11, 3, 12);
const PROD = '123456789012';
const DEV = '210987654321';

const names = (roles: RoleView[]) => roles.map((found) => found.name);

describe('rankRoles', () => {
  const roles = [
    role('prod-read-only', PROD, { accountAlias: 'acme-prod', roleName: 'DevReadOnly-CrossAccount' }),
    role('prod-audit', PROD, { accountAlias: 'acme-prod', roleName: 'AuditReadOnly-ExternalId' }),
    role('dev-admin', DEV, { accountAlias: 'acme-dev', roleName: 'Admin' }),
    role('contractor-prod-read-only', PROD, { accountAlias: 'acme-prod' }),
  ];

  it('finds what the roles list finds: account names and ids, role names, profile and display names', () => {
    expect(names(rankRoles(roles, 'acme-dev', NOW))).toEqual(['dev-admin']);
    expect(names(rankRoles(roles, '2109876', NOW))).toEqual(['dev-admin']);
    expect(names(rankRoles(roles, 'crossaccount', NOW))).toEqual(['prod-read-only']);
    const named = [...roles, role('x', DEV, { metadata: { displayName: 'Billing console' } })];
    expect(names(rankRoles(named, 'billing', NOW))).toEqual(['x']);
    expect(rankRoles(roles, 'nothing-like-it', NOW)).toEqual([]);
  });

  it('with no query: favourites, then recently used (newest first), then by name', () => {
    const ordered = rankRoles(
      [
        roles[0]!,
        { ...roles[1]!, metadata: { lastUsed: NOW - 60_000 } },
        { ...roles[2]!, metadata: { favourite: true } },
        { ...roles[3]!, metadata: { lastUsed: NOW - 10_000 } },
      ],
      '',
      NOW,
    );
    expect(names(ordered)).toEqual([
      'dev-admin',
      'contractor-prod-read-only',
      'prod-audit',
      'prod-read-only',
    ]);
  });

  it('a role last used over a week ago is not recent any more', () => {
    const old = { ...roles[3]!, metadata: { lastUsed: NOW - RECENT_MS - 1 } };
    expect(names(rankRoles([old, roles[1]!], '', NOW))).toEqual(['contractor-prod-read-only', 'prod-audit']);
    const recent = { ...old, metadata: { lastUsed: NOW - 1000 } };
    expect(names(rankRoles([roles[1]!, recent], '', NOW))).toEqual([
      'contractor-prod-read-only',
      'prod-audit',
    ]);
    const older = { ...roles[1]!, metadata: { lastUsed: NOW - RECENT_MS - 1 } };
    expect(names(rankRoles([older, { ...roles[0]!, metadata: {} }], '', NOW))).toEqual([
      'prod-audit',
      'prod-read-only',
    ]);
  });

  it('within a tier, the better match first: exact, then prefix, then a word start, then inside', () => {
    const pool = [
      role('reprod', DEV), // "prod" inside a word
      role('my-prod', DEV), // at a word's start
      role('prod-x', DEV), // at the name's start
      role('prod', DEV), // the whole name
    ];
    expect(names(rankRoles(pool, 'prod', NOW))).toEqual(['prod', 'prod-x', 'my-prod', 'reprod']);
  });

  it('favourites and recent roles stay first even when another role matches better', () => {
    const pool = [role('prod', DEV), { ...role('my-prod', DEV), metadata: { favourite: true } }];
    expect(names(rankRoles(pool, 'pro', NOW))).toEqual(['my-prod', 'prod']);
    const recent = [role('prod', DEV), { ...role('reprod', DEV), metadata: { lastUsed: NOW } }];
    expect(names(rankRoles(recent, 'pro', NOW))).toEqual(['reprod', 'prod']);
  });

  it('a role whose whole name was typed comes before favourites and recent roles', () => {
    const pool = [
      { ...role('prod-read-only-mfa', PROD), metadata: { favourite: true, lastUsed: NOW } },
      role('prod-read-only', PROD),
      { ...role('renamed', PROD), metadata: { displayName: 'Prod RO', lastUsed: NOW } },
    ];
    expect(names(rankRoles(pool, 'prod-read-only', NOW))).toEqual(['prod-read-only', 'prod-read-only-mfa']);
    expect(names(rankRoles(pool, ' PROD ro ', NOW))[0]).toBe('renamed');
  });

  it('does not change the list it is given', () => {
    const given = [roles[2]!, roles[0]!];
    rankRoles(given, '', NOW);
    expect(names(given)).toEqual(['dev-admin', 'prod-read-only']);
  });
});

describe('matchScore', () => {
  it('weighs names the user chose above the ARN', () => {
    const target = role('ops', PROD, { roleName: 'Deploy' });
    expect(matchScore(target, 'ops')).toBeGreaterThan(matchScore(target, 'deploy'));
    expect(matchScore(target, 'deploy')).toBeGreaterThan(matchScore(target, 'iam'));
  });

  it('adds up every word', () => {
    const target = role('prod-audit', PROD, { accountAlias: 'acme-prod' });
    expect(matchScore(target, 'acme audit')).toBeGreaterThan(matchScore(target, 'audit'));
    expect(matchScore(target, '')).toBe(0);
  });
});
