import type { SsoEndpoints, SsoLogin } from '../profiles/profiles';

// Where one Identity Center instance's calls go: its sso_region, the endpoints the profile names
// (the sandbox, a VPC endpoint) or AWS's regional ones, and which token file is its sign-in.

export interface SsoTarget {
  startUrl: string;
  region: string;
  /** `sso_registration_scopes`; without any, AWS issues no refresh token. */
  scopes: string[];
  /** botocore's token cache key: the sso-session name, or the legacy start URL as written. */
  tokenCacheKey: string;
  /** The sso-session's name, when the profile names one. */
  session?: string;
  oidcEndpoint?: string;
  portalEndpoint?: string;
}

export function ssoTargetOf(login: SsoLogin, endpoints: SsoEndpoints): SsoTarget {
  return {
    startUrl: login.startUrl,
    region: login.region,
    scopes: login.session?.registrationScopes ?? [],
    tokenCacheKey: login.tokenCacheKey,
    ...(login.session ? { session: login.session.name } : {}),
    ...(endpoints.ssoOidcEndpoint ? { oidcEndpoint: endpoints.ssoOidcEndpoint } : {}),
    ...(endpoints.ssoEndpoint ? { portalEndpoint: endpoints.ssoEndpoint } : {}),
  };
}

/** For messages: the endpoint a call went to. */
export const oidcEndpointOf = (target: SsoTarget) =>
  target.oidcEndpoint ?? `https://oidc.${target.region}.amazonaws.com`;
export const portalEndpointOf = (target: SsoTarget) =>
  target.portalEndpoint ?? `https://portal.sso.${target.region}.amazonaws.com`;
