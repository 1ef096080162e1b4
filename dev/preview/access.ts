import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { sameSecret } from '../../electron/core/secret-compare';

// Who may talk to the bridge: a caller that knows its random token, through a Host that names the
// bridge itself (a DNS-rebinding page would send its own name) and, when a browser says where the
// request comes from, from the bridge's own origin. The token in the URL opens only the page (a
// URL ends up in history, logs and Referer headers); calls carry it in the Authorization header.
// Nothing here is ever logged.

export type Route = 'api' | 'static';

export type Verdict = { ok: true } | { ok: false; reason: string };

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at !== -1 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

export class BridgeAccess {
  /** Grants everything; carried by the page URL, then sent by the shim in a header on every call. */
  readonly token = randomBytes(32).toString('base64url');
  /**
   * Grants only the renderer's static files, which the page loads without a way to add the token.
   * A separate key, because a cookie on 127.0.0.1 also reaches every other port there.
   */
  private readonly assetKey = randomBytes(32).toString('base64url');
  /** Empty until the port is known: until then every request is refused. */
  private hosts = new Set<string>();
  private origins = new Set<string>();
  private cookieName = 'roletray-bridge';

  /** The port the bridge listens on, which Host and Origin must name. */
  bind(port: number): void {
    this.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    this.origins = new Set([...this.hosts].map((host) => `http://${host}`));
    // Per port: cookies on 127.0.0.1 are shared by every port there.
    this.cookieName = `roletray-bridge-${port}`;
  }

  /** The Set-Cookie value that lets the page that presented the token load its assets. */
  assetCookie(): string {
    return `${this.cookieName}=${this.assetKey}; Path=/; HttpOnly; SameSite=Strict`;
  }

  /**
   * Whether the request carries the token: in the Authorization header, or for static files also in
   * the query (the page load) or as the cookie (its assets).
   */
  check(headers: IncomingHttpHeaders, query: URLSearchParams, route: Route): Verdict {
    if (!this.hosts.has((headers.host ?? '').toLowerCase())) {
      return { ok: false, reason: 'The bridge answers only requests addressed to 127.0.0.1 or localhost.' };
    }
    const origin = headers.origin;
    if (origin !== undefined && !this.origins.has(origin.toLowerCase())) {
      return { ok: false, reason: 'The bridge answers only pages it served itself.' };
    }
    const bearer = /^Bearer (\S+)$/.exec(headers.authorization ?? '')?.[1];
    const inQuery = query.get('token') ?? undefined;
    if (route === 'api') {
      if (sameSecret(bearer, this.token)) return { ok: true };
      if (bearer === undefined && inQuery !== undefined) {
        return { ok: false, reason: 'The bridge takes the token in the Authorization header, not the URL.' };
      }
      return { ok: false, reason: 'The bridge needs the token from the preview URL.' };
    }
    const given = bearer ?? inQuery;
    if (sameSecret(given, this.token)) return { ok: true };
    if (given === undefined && sameSecret(cookie(headers.cookie, this.cookieName), this.assetKey)) {
      return { ok: true };
    }
    return { ok: false, reason: 'The bridge needs the token from the preview URL.' };
  }
}
