import { createHash, randomBytes } from 'node:crypto';
import { accessDenied } from './errors';
import type { PolicyDocument, PrincipalRef, RequestContext } from './policy';
import type { NamedPolicy, Scenario, ScenarioRole, ScenarioUser } from './scenario';
import { matchTotp, randomBase32Secret } from './totp';

// The sandbox's IAM and STS state: users with long-term keys, MFA devices, roles, and the temporary
// credentials STS has handed out. Keys and TOTP secrets are fresh on every start.

export interface UserPrincipal {
  type: 'user';
  account: string;
  name: string;
  arn: string;
  id: string;
  user: ScenarioUser;
}

export interface RoleRecord {
  arn: string;
  id: string;
  role: ScenarioRole;
}

export interface RoleSessionPrincipal {
  type: 'role-session';
  account: string;
  role: RoleRecord;
  sessionName: string;
  arn: string;
  id: string;
}

export type Principal = UserPrincipal | RoleSessionPrincipal;

export type CredentialKind = 'long-term' | 'session-token' | 'role-session';

export type AccessKeyStatus = 'Active' | 'Inactive';

/** What IAM knows of a long-term access key beyond its secret. */
export interface AccessKeyState {
  status: AccessKeyStatus;
  createdAt: number;
  lastUsed?: { at: number; service: string; region: string };
}

export interface CredentialRecord {
  kind: CredentialKind;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiresAt?: number;
  principal: Principal;
  /** When MFA was last proven for this credential's lineage; absent when never. */
  mfaAuthenticatedAt?: number;
  /** Long-term keys only. */
  accessKey?: AccessKeyState;
  /** A role session assumed with temporary credentials (role chaining, as AWS counts it). */
  chained?: boolean;
}

export interface MfaDevice {
  serial: string;
  secret: string;
  userArn: string;
  /** Counter of the last accepted code: a code is good once, as on AWS. */
  lastUsedCounter: number;
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomKeyId(prefix: 'AKIA' | 'ASIA'): string {
  const bytes = randomBytes(16);
  return prefix + Array.from(bytes, (byte) => KEY_ALPHABET[byte & 31]).join('');
}

const randomSecret = () => randomBytes(30).toString('base64');
const randomSessionToken = () => 'IQoJb3JpZ2luX2VjE' + randomBytes(180).toString('base64');

/** Stable IAM unique ids (AIDA..., AROA...) derived from the ARN, so restarts keep them. */
function uniqueId(prefix: 'AIDA' | 'AROA', arn: string): string {
  const digest = createHash('sha256').update(arn).digest();
  return prefix + Array.from(digest.subarray(0, 17), (byte) => KEY_ALPHABET[byte & 31]).join('');
}

export function canonicalUserId(account: string): string {
  return createHash('sha256').update(`canonical:${account}`).digest('hex');
}

export class Identities {
  readonly users = new Map<string, UserPrincipal>();
  readonly roles = new Map<string, RoleRecord>();
  readonly mfaDevices = new Map<string, MfaDevice>();
  private readonly credentials = new Map<string, CredentialRecord>();
  /** Inline policies attached while running (tests use them to make one call fail). */
  private readonly attachedPolicies = new Map<string, NamedPolicy[]>();

  constructor(
    readonly scenario: Scenario,
    private readonly now: () => number,
  ) {
    for (const user of scenario.users) {
      const arn = `arn:aws:iam::${user.account}:user/${user.name}`;
      const principal: UserPrincipal = {
        type: 'user',
        account: user.account,
        name: user.name,
        arn,
        id: uniqueId('AIDA', arn),
        user,
      };
      this.users.set(user.name, principal);
      this.createAccessKey(principal);
      if (user.mfa) {
        const serial = `arn:aws:iam::${user.account}:mfa/${user.name}`;
        this.mfaDevices.set(serial, {
          serial,
          secret: randomBase32Secret(),
          userArn: arn,
          lastUsedCounter: -1,
        });
      }
    }
    for (const role of scenario.roles) this.addRole(role);
  }

  /** A role by its ARN (with its path), for the scenario's and the SSO roles Identity Center makes. */
  addRole(role: ScenarioRole): RoleRecord {
    const arn = `arn:aws:iam::${role.account}:role${role.path ?? '/'}${role.name}`;
    const record = { arn, id: uniqueId('AROA', arn), role };
    this.roles.set(arn, record);
    return record;
  }

  credential(accessKeyId: string): CredentialRecord | undefined {
    return this.credentials.get(accessKeyId);
  }

  /** Every temporary credential STS handed out, for tests that check none leaks. */
  issued(): CredentialRecord[] {
    return [...this.credentials.values()].filter((record) => record.kind !== 'long-term');
  }

  /** A user's long-term keys, oldest first. */
  accessKeysOf(user: UserPrincipal): CredentialRecord[] {
    return [...this.credentials.values()].filter(
      (record) => record.kind === 'long-term' && record.principal === user,
    );
  }

  /** The user's oldest key: the one the scenario started with unless it was deleted since. */
  longTermKeysOf(userName: string): CredentialRecord {
    const user = this.users.get(userName);
    if (!user) throw new Error(`No user ${userName} in the scenario`);
    const [oldest] = this.accessKeysOf(user);
    if (!oldest) throw new Error(`User ${userName} has no access key left`);
    return oldest;
  }

  createAccessKey(user: UserPrincipal): CredentialRecord {
    const accessKeyId = randomKeyId('AKIA');
    const record: CredentialRecord = {
      kind: 'long-term',
      accessKeyId,
      secretAccessKey: randomSecret(),
      principal: user,
      accessKey: { status: 'Active', createdAt: this.now() },
    };
    this.credentials.set(accessKeyId, record);
    return record;
  }

  /** Gone at once: the next request signed with it is refused as an unknown key. */
  deleteAccessKey(accessKeyId: string): void {
    this.credentials.delete(accessKeyId);
  }

  /** Records a long-term key's last use, for GetAccessKeyLastUsed. */
  noteKeyUse(record: CredentialRecord, service: string, region: string): void {
    if (record.accessKey) record.accessKey.lastUsed = { at: this.now(), service, region };
  }

  /** Attaches an inline policy to a user while the sandbox runs (e.g. a Deny to make a call fail). */
  attachUserPolicy(userName: string, policy: NamedPolicy): void {
    if (!this.users.has(userName)) throw new Error(`No user ${userName} in the scenario`);
    this.detachUserPolicy(userName, policy.name);
    this.attachedPolicies.set(userName, [...(this.attachedPolicies.get(userName) ?? []), policy]);
  }

  detachUserPolicy(userName: string, policyName: string): void {
    const kept = (this.attachedPolicies.get(userName) ?? []).filter((policy) => policy.name !== policyName);
    this.attachedPolicies.set(userName, kept);
  }

  mfaDeviceOf(userName: string): MfaDevice | undefined {
    const user = this.users.get(userName);
    return [...this.mfaDevices.values()].find((device) => device.userArn === user?.arn);
  }

  issue(
    kind: 'session-token' | 'role-session',
    principal: Principal,
    durationSeconds: number,
    mfaAuthenticatedAt: number | undefined,
    chained = false,
  ): CredentialRecord {
    const accessKeyId = randomKeyId('ASIA');
    const record: CredentialRecord = {
      kind,
      accessKeyId,
      secretAccessKey: randomSecret(),
      sessionToken: randomSessionToken(),
      expiresAt: this.now() + durationSeconds * 1000,
      principal,
      ...(mfaAuthenticatedAt === undefined ? {} : { mfaAuthenticatedAt }),
      ...(chained ? { chained } : {}),
    };
    this.credentials.set(accessKeyId, record);
    return record;
  }

  /** Checks an MFA code for `user`: AWS's messages for a device that is not theirs and for a bad or reused code. */
  verifyMfa(principal: Principal, serial: string, code: string): number {
    const device = this.mfaDevices.get(serial);
    if (!device || principal.type !== 'user' || device.userArn !== principal.arn) {
      throw accessDenied(
        'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
      );
    }
    const now = this.now();
    const counter = matchTotp(device.secret, code, now);
    if (counter === undefined || counter <= device.lastUsedCounter) {
      throw accessDenied('MultiFactorAuthentication failed with invalid MFA one time pass code. ');
    }
    device.lastUsedCounter = counter;
    return now;
  }

  /** The identity policies that apply to a principal: a user's own and its groups', or the role's. */
  identityPolicies(principal: Principal): PolicyDocument[] {
    if (principal.type === 'role-session')
      return principal.role.role.policies.map((policy) => policy.document);
    const { user } = principal;
    const groupPolicies = this.scenario.groups
      .filter((group) => group.account === user.account && (user.groups ?? []).includes(group.name))
      .flatMap((group) => group.policies);
    const attached = this.attachedPolicies.get(user.name) ?? [];
    return [...(user.policies ?? []), ...attached, ...groupPolicies].map((policy) => policy.document);
  }

  principalRef(principal: Principal): PrincipalRef {
    const arns = principal.type === 'user' ? [principal.arn] : [principal.arn, principal.role.arn];
    return { account: principal.account, arns };
  }

  /** The global condition keys of a request made with `record`. */
  requestContext(record: CredentialRecord): RequestContext {
    const now = this.now();
    const { principal } = record;
    const context: RequestContext = {
      'aws:principalaccount': principal.account,
      'aws:principalarn': principal.type === 'user' ? principal.arn : principal.role.arn,
      'aws:principaltype': principal.type === 'user' ? 'User' : 'AssumedRole',
      'aws:userid': principal.id,
      'aws:currenttime': new Date(now).toISOString(),
      'aws:epochtime': String(Math.floor(now / 1000)),
      'aws:securetransport': 'false',
    };
    if (principal.type === 'user') context['aws:username'] = principal.name;
    // Long-term keys carry no MFA key at all, which is why BoolIfExists exists; temporary ones say true or false.
    if (record.kind !== 'long-term') {
      const mfa = record.mfaAuthenticatedAt !== undefined;
      context['aws:multifactorauthpresent'] = String(mfa);
      if (mfa)
        context['aws:multifactorauthage'] = String(Math.floor((now - record.mfaAuthenticatedAt!) / 1000));
    }
    return context;
  }
}
