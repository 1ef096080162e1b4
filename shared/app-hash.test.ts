import { describe, expect, it } from 'vitest';
import { browseHash, pageFromHash, roleHash } from './app-hash';

describe('pageFromHash', () => {
  it('tells the MFA window from the app', () => {
    expect(pageFromHash('#mfa')).toEqual({ kind: 'mfa' });
    expect(pageFromHash('#switcher')).toEqual({ kind: 'switcher' });
    expect(pageFromHash('')).toEqual({ kind: 'app' });
    expect(pageFromHash('#other')).toEqual({ kind: 'app' });
  });

  it('reads the role the app was opened on', () => {
    expect(pageFromHash('#role=prod-read-only')).toEqual({ kind: 'app', role: 'prod-read-only' });
    expect(pageFromHash('#role=a%20b%2Fc')).toEqual({ kind: 'app', role: 'a b/c' });
    expect(pageFromHash('#role=')).toEqual({ kind: 'app' });
    expect(pageFromHash('#role=%E0%A4%A')).toEqual({ kind: 'app' });
  });

  it('reads a place in the S3 browser', () => {
    expect(pageFromHash('#browse')).toEqual({ kind: 'browse', prefix: '' });
    expect(pageFromHash('#browse=')).toEqual({ kind: 'browse', prefix: '' });
    expect(pageFromHash('#browse=prod-read-only')).toEqual({
      kind: 'browse',
      profile: 'prod-read-only',
      prefix: '',
    });
    expect(pageFromHash('#browse=prod-read-only/acme-prod-app-data/')).toEqual({
      kind: 'browse',
      profile: 'prod-read-only',
      bucket: 'acme-prod-app-data',
      prefix: '',
    });
    expect(pageFromHash('#browse=prod-read-only/acme-prod-app-data/reports/2026/q3/')).toEqual({
      kind: 'browse',
      profile: 'prod-read-only',
      bucket: 'acme-prod-app-data',
      prefix: 'reports/2026/q3/',
    });
    expect(pageFromHash('#browse=p/b-1/%E0%A4%A/')).toEqual({ kind: 'browse', profile: 'p', prefix: '' });
  });

  it('round-trips unicode, spaces and odd characters through browseHash', () => {
    for (const prefix of ['', 'docs/naïve café/', 'a//b/', '100% #1/', 'q?x=1&y/']) {
      const target = { profile: 'team/prod read', bucket: 'acme-prod-app-data', prefix };
      expect(pageFromHash(browseHash(target))).toEqual({ kind: 'browse', ...target });
    }
    expect(browseHash({ profile: 'p', bucket: 'b-1', prefix: 'a b/' })).toBe('#browse=p/b-1/a%20b/');
    expect(browseHash({ profile: 'p', prefix: '' })).toBe('#browse=p');
  });

  it('writes the role hash the tray opens', () => {
    expect(pageFromHash(roleHash('a b/c'))).toEqual({ kind: 'app', role: 'a b/c' });
  });
});
