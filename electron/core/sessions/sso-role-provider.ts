import type { SsoPortal } from '../sso/portal';
import type { SsoTokens } from '../sso/sso-tokens';
import { ssoTargetOf, type SsoTarget } from '../sso/sso-target';
import type { SsoEndpoints, SsoLogin } from '../profiles/profiles';
import { roleKey, type CachedSession } from './credential-cache';
import type {
  CredentialProvider,
  ProvidedCredentials,
  ProviderContext,
  ProviderDeps,
} from './credential-provider';
import { stillGood } from './session-validity';
import type { StsTarget } from './sts-gateway';

// An IAM Identity Center profile's session: GetRoleCredentials with the sign-in's access token
// (sso/sso-tokens.ts refreshes it or says to sign in), cached as the profile's role session until
// it expires, as botocore's SSOCredentialFetcher caches it. Roles chained from the profile are
// assumed with these credentials through the usual AssumeRole hops. GetRoleCredentials does not say
// which IAM role it is (Identity Center's AWSReservedSSO_<PermissionSet>_<16 hex>), so one
// GetCallerIdentity with the new credentials asks STS, and the session carries what AWS names.

/** The Identity Center side the sessions core calls: the sign-in's tokens and the portal. */
export interface SsoAccess {
  tokens: SsoTokens;
  portal: SsoPortal;
}

export interface SsoRole {
  /** The profile whose session this is. */
  name: string;
  login: SsoLogin;
  endpoints: SsoEndpoints;
  /** Where the profile's STS calls go (its region and endpoint), for the session's identity. */
  sts: Omit<StsTarget, 'credentials'>;
}

/**
 * The role as far as the profile's settings say, until STS has named it: the permission set's name
 * stands for the role's (AWSReservedSSO_<PermissionSet>_<hex>, which only a session shows).
 */
export const ssoRoleArn = (login: Pick<SsoLogin, 'accountId' | 'roleName'>) =>
  `arn:aws:iam::${login.accountId}:role/${login.roleName}`;

const ASSUMED_ROLE = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/;

/**
 * The IAM role of an assumed-role ARN, as STS names it: `arn:aws:sts::<acct>:assumed-role/<role>/<session>`
 * gives `arn:aws:iam::<acct>:role/<role>`. STS leaves the role's path out (Identity Center's roles
 * live under /aws-reserved/sso.amazonaws.com/…), so the ARN has none.
 */
export function roleArnOfAssumedRole(assumedRoleArn: string): string | undefined {
  const match = ASSUMED_ROLE.exec(assumedRoleArn);
  return match ? `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` : undefined;
}

export async function ssoRoleCredentials(sso: SsoAccess, target: SsoTarget, login: SsoLogin) {
  const accessToken = await sso.tokens.accessToken(target);
  return sso.portal.getRoleCredentials(target, accessToken, login);
}

export class SsoRoleProvider implements CredentialProvider {
  private readonly target: SsoTarget;

  constructor(
    private readonly deps: ProviderDeps,
    private readonly sso: SsoAccess,
    private readonly role: SsoRole,
  ) {
    this.target = ssoTargetOf(role.login, role.endpoints);
  }

  private get key(): string {
    return roleKey(this.role.name);
  }

  session(context: ProviderContext): Promise<CachedSession> {
    const cached = this.deps.cache.get(this.key);
    if (stillGood(cached, this.deps.clock(), this.deps.policy.minimumValiditySeconds * 1000)) {
      return Promise.resolve(cached!);
    }
    return this.renew(context);
  }

  /** New role credentials even if the cached ones are still good; concurrent callers share one call. */
  renew(_context: ProviderContext): Promise<CachedSession> {
    return this.deps.flights.run(`sso:${this.role.name}`, () => this.obtain());
  }

  async provide(context: ProviderContext): Promise<ProvidedCredentials> {
    const session = await this.session(context);
    return { credentials: session.credentials, mfa: false, origin: 'sso' };
  }

  forget(): Promise<void> {
    return this.deps.cache.remove(this.key);
  }

  private async obtain(): Promise<CachedSession> {
    const issuedAt = this.deps.clock();
    const credentials = await ssoRoleCredentials(this.sso, this.target, this.role.login);
    const identity = await this.deps.sts
      .getCallerIdentity({ ...this.role.sts, credentials })
      // The credentials are good whether or not STS answers now: the session goes on without a name.
      .catch(() => undefined);
    const roleArn = identity && roleArnOfAssumedRole(identity.arn);
    const session: CachedSession = {
      key: this.key,
      kind: 'role',
      profile: this.role.name,
      credentials,
      issuedAt,
      obtainedBy: 'sso',
      mfa: false,
      // GetRoleCredentials is not an AssumeRole from temporary credentials.
      chained: false,
      roleArn: roleArn ?? ssoRoleArn(this.role.login),
      ...(identity && roleArn ? { assumedRoleArn: identity.arn, assumedRoleId: identity.userId } : {}),
    };
    await this.deps.cache.put(session);
    this.deps.stored(session);
    return session;
  }
}
