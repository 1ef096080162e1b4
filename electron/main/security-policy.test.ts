import { describe, expect, it } from 'vitest';
import { appPages } from './app-pages';
import {
  contentSecurityPolicy,
  navigationAllowed,
  permissionAllowed,
  withSecurityHeaders,
} from './security-policy';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  it('is strict: only the app itself, no inline or eval, no plugins, frames, base or forms', () => {
    const csp = contentSecurityPolicy();
    const policy = directives(csp);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(csp).not.toMatch(/https?:|wss?:/);
  });

  it('relaxes only for the dev server: inline scripts and styles, and its HMR socket', () => {
    const policy = directives(contentSecurityPolicy('http://localhost:5173'));
    expect(policy.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(contentSecurityPolicy('http://localhost:5173')).not.toContain('unsafe-eval');
    // The strict policy is not changed by having built a dev one.
    expect(contentSecurityPolicy()).not.toContain('unsafe-inline');
  });
});

describe('withSecurityHeaders', () => {
  it('replaces any CSP the response carried, whatever its case, and keeps other headers', () => {
    const headers = withSecurityHeaders(
      { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      "default-src 'self'",
    );
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ["default-src 'self'"],
      'X-Content-Type-Options': ['nosniff'],
    });
    expect(withSecurityHeaders(undefined, 'x')).toEqual({
      'Content-Security-Policy': ['x'],
      'X-Content-Type-Options': ['nosniff'],
    });
  });
});

describe('navigationAllowed', () => {
  it('allows the app:// pages only', () => {
    const { isAppPage } = appPages();
    expect(navigationAllowed('app://roletray/index.html#mfa', isAppPage)).toBe(true);
    expect(navigationAllowed('app://roletray/index.html#role=dev', isAppPage)).toBe(true);
    expect(navigationAllowed('https://console.aws.amazon.com/', isAppPage)).toBe(false);
    expect(navigationAllowed('file:///etc/passwd', isAppPage)).toBe(false);
    expect(navigationAllowed('app://roletray/assets/index.js', isAppPage)).toBe(false);
    expect(navigationAllowed('javascript:alert(1)', isAppPage)).toBe(false);
  });
});

describe('permissionAllowed', () => {
  it('refuses everything but clipboard writes from the app pages', () => {
    expect(permissionAllowed('clipboard-sanitized-write', true)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', false)).toBe(false);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(permissionAllowed(permission, true)).toBe(false);
    }
  });
});
