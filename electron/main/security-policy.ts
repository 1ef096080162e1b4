// The security decisions security.ts applies to Electron's session and web contents, kept pure so
// tests can read them: the Content-Security-Policy, which navigations and permissions are allowed.

const STRICT_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  // The renderer reaches main over IPC only; nothing to fetch.
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/**
 * The policy sent with every response. `devServerUrl` is set only for `electron-vite dev`, whose
 * React refresh preamble is an inline script and whose styles are injected inline; a packaged or
 * built app never gets those relaxations.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  const directives = structuredClone(STRICT_DIRECTIVES);
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    const socket = `${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`;
    directives['script-src']!.push("'unsafe-inline'");
    directives['style-src']!.push("'unsafe-inline'");
    directives['connect-src']!.push(socket);
  }
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Response headers with the app's CSP replacing whatever the response carried. */
export function withSecurityHeaders(
  headers: Record<string, string | string[]> | undefined,
  csp: string,
): Record<string, string | string[]> {
  const kept = Object.entries(headers ?? {}).filter(
    ([name]) => !['content-security-policy', 'x-content-type-options'].includes(name.toLowerCase()),
  );
  return {
    ...Object.fromEntries(kept),
    'Content-Security-Policy': [csp],
    'X-Content-Type-Options': ['nosniff'],
  };
}

/** A page may only navigate to the app's own pages; links to anything else go nowhere. */
export function navigationAllowed(url: string, isAppPage: (url: string) => boolean): boolean {
  return isAppPage(url);
}

/**
 * Every permission is refused except writing text to the clipboard from the app's own pages
 * (copying an ARN or an account id); camera, notifications, geolocation and the rest have no use here.
 */
export function permissionAllowed(permission: string, fromAppPage: boolean): boolean {
  return fromAppPage && permission === 'clipboard-sanitized-write';
}
