import { RoleTrayError } from '../errors';
import { networkCode } from '../network-errors';
import { backoffMs, PortalPacer } from './portal-pacer';

// The two listing calls of IAM Identity Center's portal (rest-json, unsigned, the access token in
// `x-amz-sso_bearer_token`): ListAccounts and ListAccountRoles, every page, paced under the
// portal's throttle. A 429 is never an answer here: the call waits (jittered backoff, the pacer
// slowed) and is sent again. A 401 means the sign-in ended: SsoSignInAgain.

export const BEARER_HEADER = 'x-amz-sso_bearer_token';
const PAGE_SIZE = '100';
/** 5xx and dropped connections are tried this many more times; 429s until they stop. */
const SERVER_RETRIES = 3;

/** The portal of a region, when the profile names no `sso` endpoint. */
export const portalEndpointOf = (region: string) => `https://portal.sso.${region}.amazonaws.com`;

export interface PortalAccess {
  /** The instance, for messages. */
  startUrl: string;
  /** The portal's base URL (the profile's sso endpoint, else portalEndpointOf(sso_region)). */
  endpoint: string;
  /** The current access token of the instance's sign-in. */
  accessToken: () => Promise<string>;
}

export interface PortalAccount {
  accountId: string;
  accountName: string;
  emailAddress?: string;
}

/** What the listing cost: every request sent, the 429s among their answers, the requests sent again. */
export interface PortalStats {
  requests: number;
  throttled: number;
  retried: number;
}

/** The sign-in behind the access token ended (expired, signed out): the user must sign in again. */
export class SsoSignInAgain extends RoleTrayError {
  constructor(startUrl: string) {
    super('Expired', `Your IAM Identity Center sign-in to ${startUrl} has ended: sign in again.`);
  }
}

export class PortalListing {
  readonly stats: PortalStats = { requests: 0, throttled: 0, retried: 0 };

  constructor(
    private readonly access: PortalAccess,
    private readonly pacer = new PortalPacer(),
    private readonly random: () => number = Math.random,
  ) {}

  /** Every account the signed-in user is assigned, in the portal's order. */
  async accounts(): Promise<PortalAccount[]> {
    const pages = await this.allPages('/assignment/accounts', {}, 'accountList');
    return pages.map((item) => {
      const { accountId, accountName, emailAddress } = item as Record<string, unknown>;
      return {
        accountId: String(accountId),
        accountName: String(accountName ?? accountId),
        ...(typeof emailAddress === 'string' ? { emailAddress } : {}),
      };
    });
  }

  /** The role names the user may take in `accountId`. */
  async roles(accountId: string): Promise<string[]> {
    const pages = await this.allPages('/assignment/roles', { account_id: accountId }, 'roleList');
    return pages.map((item) => String((item as Record<string, unknown>)['roleName']));
  }

  private async allPages(path: string, query: Record<string, string>, list: string): Promise<unknown[]> {
    const items: unknown[] = [];
    let nextToken: string | undefined;
    do {
      const body = await this.call(path, {
        ...query,
        max_result: PAGE_SIZE,
        ...(nextToken ? { next_token: nextToken } : {}),
      });
      const page = body[list];
      if (Array.isArray(page)) items.push(...(page as unknown[]));
      nextToken =
        typeof body['nextToken'] === 'string' && body['nextToken'] !== '' ? body['nextToken'] : undefined;
    } while (nextToken);
    return items;
  }

  private async call(path: string, query: Record<string, string>): Promise<Record<string, unknown>> {
    const url = `${this.access.endpoint.replace(/\/+$/, '')}${path}?${new URLSearchParams(query).toString()}`;
    let failures = 0;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) this.stats.retried++;
      const token = await this.access.accessToken();
      let response: Response;
      try {
        response = await this.pacer.run(() => {
          this.stats.requests++;
          return fetch(url, { headers: { [BEARER_HEADER]: token } });
        });
      } catch (error) {
        if (failures++ < SERVER_RETRIES) {
          await sleep(backoffMs(attempt, this.random));
          continue;
        }
        throw new RoleTrayError(
          'Network',
          `RoleTray could not reach IAM Identity Center at ${this.access.endpoint} (${networkCode(error) ?? String(error)}).`,
        );
      }
      const text = await response.text();
      if (response.status === 429) {
        this.stats.throttled++;
        this.pacer.throttled();
        await sleep(backoffMs(attempt, this.random));
        continue;
      }
      if (response.status === 401) throw new SsoSignInAgain(this.access.startUrl);
      if (response.status >= 500 && failures++ < SERVER_RETRIES) {
        await sleep(backoffMs(attempt, this.random));
        continue;
      }
      if (!response.ok) throw refusal(response, text, path);
      this.pacer.answered();
      return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    }
  }
}

function refusal(response: Response, text: string, path: string): RoleTrayError {
  const awsCode = response.headers.get('x-amzn-errortype')?.split(':')[0] ?? `HTTP ${response.status}`;
  let awsMessage = text;
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') awsMessage = parsed.message;
  } catch {
    // Not JSON: the text as it came.
  }
  const what = path === '/assignment/accounts' ? 'its accounts' : 'the roles of an account';
  return new RoleTrayError(
    response.status === 403 ? 'AccessDenied' : 'Internal',
    `IAM Identity Center refused to list ${what}: ${awsCode}: ${awsMessage}`,
    { awsCode, awsMessage },
  );
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
