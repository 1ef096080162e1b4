import { createSign, createVerify, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';

// The sandbox as an OpenID Connect identity provider for itself: it signs ID tokens (RS256 JWTs with
// iss, sub, aud, iat, exp) with a key made on first use, and checks them for AssumeRoleWithWebIdentity.
// No discovery document or JWKS is served: STS here verifies with the key directly.

export const DEFAULT_WEB_IDENTITY_AUDIENCE = 'sts.amazonaws.com';
/** For scenarios without `webIdentity`; the default scenario names the same issuer. */
export const DEFAULT_WEB_IDENTITY_ISSUER = 'https://oidc.roletray.test';
export const DEFAULT_WEB_IDENTITY_SUBJECT = 'sandbox-workload';

export interface MintOptions {
  sub?: string;
  aud?: string;
  /** Seconds from now (by the sandbox clock); negative makes a token that has already expired. */
  ttlSeconds?: number;
  /** Another issuer than the sandbox's own, e.g. to test an unregistered provider. */
  issuer?: string;
  /** Extra or overriding claims (`{ sub: '' }` makes a token without a usable subject). */
  claims?: Record<string, unknown>;
}

export interface TokenClaims {
  iss?: unknown;
  sub?: unknown;
  aud?: unknown;
  exp?: unknown;
  [claim: string]: unknown;
}

/** Why a token is refused before its claims are looked at. */
export class UnverifiableToken extends Error {}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decodeJson(part: string): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new UnverifiableToken('not a JSON object');
  return value as Record<string, unknown>;
}

export class WebIdentityIssuer {
  private keys: { privateKey: KeyObject; publicKey: KeyObject } | undefined;
  readonly keyId = randomUUID();

  constructor(
    /** The `iss` of every token minted here, e.g. https://oidc.roletray.test. */
    readonly issuer: string,
    private readonly defaultSubject: string,
    private readonly now: () => number,
  ) {}

  /** RSA key generation takes a moment: only sandboxes that use web identity pay for it. */
  private keyPair() {
    this.keys ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
    return this.keys;
  }

  mint(options: MintOptions = {}): string {
    const issuedAt = Math.floor(this.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: this.keyId };
    const payload = {
      iss: options.issuer ?? this.issuer,
      sub: options.sub ?? this.defaultSubject,
      aud: options.aud ?? DEFAULT_WEB_IDENTITY_AUDIENCE,
      iat: issuedAt,
      exp: issuedAt + (options.ttlSeconds ?? 3600),
      jti: randomUUID(),
      ...options.claims,
    };
    const signingInput = `${encode(header)}.${encode(payload)}`;
    const signature = createSign('RSA-SHA256').update(signingInput).sign(this.keyPair().privateKey);
    return `${signingInput}.${signature.toString('base64url')}`;
  }

  /** The token's claims, unverified (STS reads `iss` first to find the provider). */
  static claimsOf(token: string): TokenClaims {
    const parts = token.split('.');
    if (parts.length !== 3) throw new UnverifiableToken('not three dot-separated parts');
    try {
      decodeJson(parts[0]!);
      return decodeJson(parts[1]!);
    } catch (error) {
      if (error instanceof UnverifiableToken) throw error;
      throw new UnverifiableToken('a part is not base64url JSON');
    }
  }

  /** Whether this issuer signed the token (RS256 with its key, the header naming that key). */
  signed(token: string): boolean {
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const { alg, kid } = decodeJson(header);
    if (alg !== 'RS256' || kid !== this.keyId) return false;
    return createVerify('RSA-SHA256')
      .update(`${header}.${payload}`)
      .verify(this.keyPair().publicKey, Buffer.from(signature, 'base64url'));
  }
}
