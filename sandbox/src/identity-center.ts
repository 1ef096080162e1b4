import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Identities, RoleRecord } from './identities';
import type {
  ScenarioIdentityCenter,
  ScenarioIdentityCenterAccount,
  ScenarioIdentityCenterUser,
  ScenarioPermissionSet,
  ScenarioRole,
} from './scenario';
import type { ThrottleOptions } from './throttle';

// The IAM Identity Center instance the sandbox plays: its accounts (the scenario's named ones and
// the generated ones) with an SSO role per assigned permission set, its users, the sign-in sessions
// a user's approval starts, and the access tokens OIDC hands out for them. The OIDC and portal APIs
// (sso-oidc.ts, sso-portal.ts) and the approval page (sso-approval-page.ts) work on this state.

export interface IdentityCenterOptions {
  /** How long a sign-in session lasts (Identity Center's session duration): 8 h unless told. */
  sessionSeconds?: number;
  /** How long an access token lasts when the client may refresh it: 1 h unless told. */
  accessTokenSeconds?: number;
  /** How long a device code waits for approval: 10 min unless told. */
  deviceCodeSeconds?: number;
  /** The device flow's polling interval: 1 s unless told, as AWS answers. */
  pollIntervalSeconds?: number;
  /**
   * The first this many polls of each device code are answered slow_down whatever their timing
   * (a busy service), 0 unless told; each slow_down raises that code's interval by 5 s (RFC 8628).
   */
  slowDownPolls?: number;
  /** The portal's throttle: 20 requests a second, a burst of 20, unless told. */
  portalThrottle?: ThrottleOptions;
}

export type IdentityCenterSettings = Required<IdentityCenterOptions>;

export const DEFAULT_IDENTITY_CENTER: IdentityCenterSettings = {
  sessionSeconds: 8 * 3600,
  accessTokenSeconds: 3600,
  deviceCodeSeconds: 600,
  pollIntervalSeconds: 1,
  slowDownPolls: 0,
  portalThrottle: { ratePerSecond: 20, burst: 20 },
};

export interface SsoAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  /** The SSO role of each assigned permission set, by permission set name. */
  roles: Map<string, { role: RoleRecord; permissionSet: ScenarioPermissionSet }>;
}

export interface SignInSession {
  id: string;
  userName: string;
  endsAt: number;
  loggedOut: boolean;
}

interface AccessTokenRecord {
  session: SignInSession;
  expiresAt: number;
}

/** mulberry32: a small seeded generator, so the generated accounts are the same on every start. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAMS = ['payments', 'search', 'identity', 'data', 'mobile', 'billing', 'ml', 'edge', 'ops', 'web'];
const STAGES = ['sandbox', 'dev', 'test', 'staging', 'prod'];

/** `count` accounts with unique 12-digit ids (none of `taken`), each with one to four permission sets. */
export function generatedAccounts(
  count: number,
  seed: number,
  permissionSets: string[],
  taken: Set<string>,
): ScenarioIdentityCenterAccount[] {
  const random = seeded(seed);
  const pick = (length: number) => Math.floor(random() * length);
  const ids = new Set(taken);
  const accounts: ScenarioIdentityCenterAccount[] = [];
  for (let index = 1; index <= count; index++) {
    let id: string;
    do id = String(100_000_000_000 + pick(900_000_000_000));
    while (ids.has(id));
    ids.add(id);
    const name = `${TEAMS[pick(TEAMS.length)]}-${STAGES[pick(STAGES.length)]}-${String(index).padStart(3, '0')}`;
    const sets = [...permissionSets];
    const chosen = Array.from(
      { length: 1 + pick(Math.min(4, sets.length)) },
      () => sets.splice(pick(sets.length), 1)[0]!,
    );
    accounts.push({ id, name, email: `aws+${name}@acme.example`, permissionSets: chosen });
  }
  return accounts;
}

function sameSecret(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

export const randomToken = (prefix: string, bytes = 96) => prefix + randomBytes(bytes).toString('base64url');

export class IdentityCenter {
  readonly accounts: SsoAccount[];
  private readonly accountsById = new Map<string, SsoAccount>();
  private readonly sessions = new Map<string, SignInSession>();
  private readonly accessTokens = new Map<string, AccessTokenRecord>();

  constructor(
    readonly instance: ScenarioIdentityCenter,
    identities: Identities,
    readonly settings: IdentityCenterSettings,
    private readonly now: () => number,
  ) {
    const named = new Set(instance.accounts.map((account) => account.id));
    const generated = instance.generatedAccounts
      ? generatedAccounts(
          instance.generatedAccounts.count,
          instance.generatedAccounts.seed,
          instance.permissionSets.map((set) => set.name),
          named,
        )
      : [];
    this.accounts = [...instance.accounts, ...generated].map((account) => ({
      accountId: account.id,
      accountName: account.name,
      emailAddress: account.email,
      roles: new Map(
        account.permissionSets.map((name) => {
          const permissionSet = instance.permissionSets.find((set) => set.name === name)!;
          return [name, { role: identities.addRole(this.ssoRole(account.id, permissionSet)), permissionSet }];
        }),
      ),
    }));
    for (const account of this.accounts) this.accountsById.set(account.accountId, account);
  }

  /**
   * The role Identity Center provisions for a permission set in an account:
   * `role/aws-reserved/sso.amazonaws.com/<region>/AWSReservedSSO_<PermissionSet>_<16 hex>`, trusting
   * the account's SAML provider; the hex is stable per account and permission set.
   */
  private ssoRole(account: string, permissionSet: ScenarioPermissionSet): ScenarioRole {
    const hex = createHash('sha256')
      .update(`${this.instance.startUrl}|${account}|${permissionSet.name}`)
      .digest('hex')
      .slice(0, 16);
    const provider = `arn:aws:iam::${account}:saml-provider/AWSSSO_${hex}_DO_NOT_DELETE`;
    return {
      account,
      name: `AWSReservedSSO_${permissionSet.name}_${hex}`,
      path: `/aws-reserved/sso.amazonaws.com/${this.instance.region}/`,
      maxSessionDuration: 43200,
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: provider },
            Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
            Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
          },
        ],
      },
      policies: permissionSet.policies,
    };
  }

  account(accountId: string): SsoAccount | undefined {
    return this.accountsById.get(accountId);
  }

  /** The user when the password is theirs; undefined for an unknown user or a wrong password alike. */
  signIn(userName: string, password: string): ScenarioIdentityCenterUser | undefined {
    const user = this.instance.users.find((candidate) => candidate.userName === userName);
    return user && sameSecret(user.password, password) ? user : undefined;
  }

  startSession(userName: string): SignInSession {
    const session: SignInSession = {
      id: randomToken('', 24),
      userName,
      endsAt: this.now() + this.settings.sessionSeconds * 1000,
      loggedOut: false,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  isLive(session: SignInSession): boolean {
    return !session.loggedOut && this.now() < session.endsAt;
  }

  /**
   * A new access token for the session. With a refresh token it lasts accessTokenSeconds; without
   * (a client registered without scopes) as long as the session, as AWS's legacy tokens do.
   */
  issueAccessToken(session: SignInSession, refreshable: boolean): { accessToken: string; expiresIn: number } {
    const now = this.now();
    const until = refreshable
      ? Math.min(session.endsAt, now + this.settings.accessTokenSeconds * 1000)
      : session.endsAt;
    const accessToken = randomToken('aoa');
    this.accessTokens.set(accessToken, { session, expiresAt: until });
    return { accessToken, expiresIn: Math.max(0, Math.round((until - now) / 1000)) };
  }

  /** The live session an access token belongs to; undefined once it expired or its session ended. */
  sessionOf(accessToken: string): SignInSession | undefined {
    const record = this.accessTokens.get(accessToken);
    if (!record || record.expiresAt <= this.now() || !this.isLive(record.session)) return undefined;
    return record.session;
  }

  /** Ends the sign-in session: its access and refresh tokens are refused from now on. */
  logout(session: SignInSession): void {
    session.loggedOut = true;
  }
}
