import { AwsError } from './errors';
import type { Identities } from './identities';
import type { IdentityCenter, SignInSession } from './identity-center';
import { single, type SandboxRequest } from './request';
import { roleSessionPrincipal } from './role-sessions';
import type { TokenBucket } from './throttle';

// IAM Identity Center's portal API (`portal.sso.<region>.amazonaws.com`, rest-json, unsigned, the
// access token in `x-amz-sso_bearer_token`) as botocore's SSOCredentialFetcher and the SDKs call
// it: ListAccounts, ListAccountRoles (paginated by max_result 1..100 and next_token),
// GetRoleCredentials and Logout. A token that expired, or whose session ended or was logged out, is
// UnauthorizedException (401); beyond the throttle, TooManyRequestsException (429).
//
// GetRoleCredentials hands out a role session of the SSO role (`AWSReservedSSO_<set>_<hex>`) named
// after the user, which STS, S3 and the console federation then treat like any assumed role.

export const PORTAL_ROUTES: Record<string, { method: string; action: string }> = {
  '/assignment/accounts': { method: 'GET', action: 'ListAccounts' },
  '/assignment/roles': { method: 'GET', action: 'ListAccountRoles' },
  '/federation/credentials': { method: 'GET', action: 'GetRoleCredentials' },
  '/logout': { method: 'POST', action: 'Logout' },
};

export const BEARER_HEADER = 'x-amz-sso_bearer_token';
const DEFAULT_PAGE_SIZE = 20;

const invalidRequest = (message: string) => new AwsError('InvalidRequestException', message, 400);
const unauthorized = () => new AwsError('UnauthorizedException', 'Session token not found or invalid', 401);
const noAccess = () => new AwsError('ForbiddenException', 'No access', 403);

function required(request: SandboxRequest, name: string, member: string): string {
  const value = single(request.query, name);
  if (value === undefined || value === '')
    throw invalidRequest(
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    );
  return value;
}

/** One page of `items` by `max_result` and `next_token` (an opaque offset, as far as clients know). */
function paginate<T>(request: SandboxRequest, items: T[]): { page: T[]; nextToken?: string } {
  const rawMax = single(request.query, 'max_result');
  let size = DEFAULT_PAGE_SIZE;
  if (rawMax !== undefined) {
    size = Number(rawMax);
    if (!/^-?\d+$/.test(rawMax) || size < 1 || size > 100)
      throw invalidRequest(
        `1 validation error detected: Value '${rawMax}' at 'maxResults' failed to satisfy constraint: ` +
          'Member must have value ' +
          (size > 100 ? 'less than or equal to 100' : 'greater than or equal to 1'),
      );
  }
  const rawToken = single(request.query, 'next_token');
  let start = 0;
  if (rawToken !== undefined) {
    const decoded = /^[A-Za-z0-9_-]+$/.test(rawToken) ? Buffer.from(rawToken, 'base64url').toString() : '';
    const match = /^offset:(\d+)$/.exec(decoded);
    if (!match || Number(match[1]) > items.length) throw invalidRequest('Invalid pagination token');
    start = Number(match[1]);
  }
  const end = start + size;
  const page = items.slice(start, end);
  return end < items.length
    ? { page, nextToken: Buffer.from(`offset:${end}`).toString('base64url') }
    : { page };
}

export class SsoPortal {
  constructor(
    private readonly center: IdentityCenter,
    private readonly identities: Identities,
    readonly throttle: TokenBucket,
  ) {}

  handle(action: string, request: SandboxRequest): unknown {
    if (!this.throttle.take()) throw new AwsError('TooManyRequestsException', 'HTTP 429 Unknown Code', 429);
    const token = request.headers[BEARER_HEADER];
    const session = token ? this.center.sessionOf(token) : undefined;
    if (!session) throw unauthorized();
    if (action === 'ListAccounts') return this.listAccounts(request);
    if (action === 'ListAccountRoles') return this.listAccountRoles(request);
    if (action === 'GetRoleCredentials') return this.getRoleCredentials(request, session);
    this.center.logout(session);
    return undefined;
  }

  private listAccounts(request: SandboxRequest) {
    const { page, nextToken } = paginate(request, this.center.accounts);
    return {
      accountList: page.map(({ accountId, accountName, emailAddress }) => ({
        accountId,
        accountName,
        emailAddress,
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  }

  private listAccountRoles(request: SandboxRequest) {
    const account = this.center.account(required(request, 'account_id', 'accountId'));
    if (!account) throw noAccess();
    const { page, nextToken } = paginate(request, [...account.roles.keys()]);
    return {
      roleList: page.map((roleName) => ({ roleName, accountId: account.accountId })),
      ...(nextToken ? { nextToken } : {}),
    };
  }

  private getRoleCredentials(request: SandboxRequest, session: SignInSession) {
    const roleName = required(request, 'role_name', 'roleName');
    const accountId = required(request, 'account_id', 'accountId');
    const assigned = this.center.account(accountId)?.roles.get(roleName);
    if (!assigned) throw noAccess();
    const principal = roleSessionPrincipal(assigned.role, session.userName);
    const seconds = assigned.permissionSet.sessionDurationSeconds ?? 3600;
    const record = this.identities.issue('role-session', principal, seconds, undefined);
    return {
      roleCredentials: {
        accessKeyId: record.accessKeyId,
        secretAccessKey: record.secretAccessKey,
        sessionToken: record.sessionToken,
        expiration: record.expiresAt,
      },
    };
  }
}
