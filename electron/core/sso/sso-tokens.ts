import type { Clock } from '../credentials';
import { SingleFlight } from '../single-flight';
import { authCodeSignIn } from './auth-code-flow';
import { deviceCodeSignIn, type DeviceCodePrompt } from './device-flow';
import {
  createOidcApi,
  type ClientRegistration,
  type CreatedToken,
  type OidcApi,
  type RegisterInput,
} from './oidc';
import { signInRequired, ssoError } from './sso-errors';
import { oidcEndpointOf, type SsoTarget } from './sso-target';
import { formatCacheTime, tokenCachePath, type SsoToken } from './token-cache-file';
import { readSsoToken, removeSsoToken, writeSsoToken } from './token-cache';
import { canRefresh, isExpired, needsRefresh } from './token-refresh';
import { checkStartUrl } from './start-url';

// One Identity Center sign-in per token cache key, kept where the AWS CLI keeps it
// (~/.aws/sso/cache/<sha1>.json): signing in (browser with PKCE, or device code), handing out the
// access token (refreshed with the refresh token under 15 minutes before expiry, as botocore does,
// the rotated refresh token stored), and signing out. The file is read at every use, so a token
// `aws sso login` wrote is used as it is and one `aws sso logout` removed means signed out.
// Parallel callers for one key share one sign-in and one refresh.

export type SignInMethod = 'browser' | 'device';

export interface SsoTokensDeps {
  homeDir: string;
  clock: Clock;
  oidc?: OidcApi;
  /** Opens the authorize page (browser sign-in) in the user's browser. */
  openBrowser: (url: string) => Promise<void>;
  /** A device code is waiting for the user (device sign-in). */
  onDeviceCode: (target: SsoTarget, prompt: DeviceCodePrompt) => void;
  sleep?: (ms: number) => Promise<void>;
  authCodeTimeoutMs?: number;
  /** The name clients are registered under. */
  clientName?: string;
}

export interface SignInState {
  signedIn: boolean;
  /** Epoch milliseconds, when signed in. */
  expiresAt?: number;
  /** Whether the token can be refreshed (a refresh token and a live client registration). */
  refreshable?: boolean;
  /** A file that is there but holds no token: the sentence naming it. */
  problem?: string;
}

/** A registration is used while it has more than this left, so no sign-in runs into its end. */
const REGISTRATION_MARGIN_MS = 60 * 60 * 1000;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SsoTokens {
  private readonly flights = new SingleFlight();
  private readonly oidc: OidcApi;
  /** Client registrations by key, method and scopes: one RegisterClient serves many sign-ins. */
  private readonly registrations = new Map<string, ClientRegistration>();
  private readonly signIns = new Map<string, AbortController>();

  constructor(private readonly deps: SsoTokensDeps) {
    this.oidc = deps.oidc ?? createOidcApi();
  }

  file(target: SsoTarget): string {
    return tokenCachePath(this.deps.homeDir, target.tokenCacheKey);
  }

  async state(target: SsoTarget): Promise<SignInState> {
    const read = await readSsoToken(this.file(target));
    if (read.status === 'missing') return { signedIn: false };
    if (read.status === 'unreadable') return { signedIn: false, problem: read.problem };
    const now = this.deps.clock();
    const refreshable = canRefresh(read.token, now);
    return isExpired(read.token, now) && !refreshable
      ? { signedIn: false }
      : { signedIn: true, expiresAt: read.token.expiresAt, refreshable };
  }

  /** The access token for the target's portal calls; SignInRequired when there is none to use. */
  accessToken(target: SsoTarget): Promise<string> {
    return this.flights.run(`token:${target.tokenCacheKey}`, async () => {
      const read = await readSsoToken(this.file(target));
      if (read.status === 'missing') throw signInRequired(target.startUrl);
      if (read.status === 'unreadable') throw signInRequired(target.startUrl, read.problem);
      const { token } = read;
      const now = this.deps.clock();
      if (!needsRefresh(token, now)) return token.accessToken;
      if (canRefresh(token, now)) {
        try {
          return (await this.refresh(target, token)).accessToken;
        } catch (error) {
          // As botocore: a failed refresh still leaves a token that has not expired usable.
          if (!isExpired(token, this.deps.clock())) return token.accessToken;
          throw error;
        }
      }
      if (!isExpired(token, now)) return token.accessToken;
      throw signInRequired(target.startUrl, 'the sign-in has expired.');
    });
  }

  /** Signs in; callers meanwhile (the window, the tray, a credential_process) share the one sign-in. */
  signIn(target: SsoTarget, method: SignInMethod): Promise<SignInState> {
    return this.flights.run(`sign-in:${target.tokenCacheKey}`, async () => {
      checkStartUrl(target.startUrl);
      const abort = new AbortController();
      this.signIns.set(target.tokenCacheKey, abort);
      try {
        const { token, client } = await this.obtain(target, method, abort.signal);
        const now = this.deps.clock();
        const written: SsoToken = {
          startUrl: target.startUrl,
          region: target.region,
          accessToken: token.accessToken,
          expiresAt: now + token.expiresIn * 1000,
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          registrationExpiresAt: client.expiresAt,
          ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
          extra: { receivedAt: formatCacheTime(now) },
        };
        await writeSsoToken(this.file(target), written);
        return this.state(target);
      } finally {
        this.signIns.delete(target.tokenCacheKey);
      }
    });
  }

  /** Stops a sign-in that is waiting for the browser or the device code. */
  cancelSignIn(target: SsoTarget): boolean {
    const abort = this.signIns.get(target.tokenCacheKey);
    abort?.abort();
    return abort !== undefined;
  }

  /**
   * The portal's Logout (so every token of the sign-in is refused), then the file removed, as
   * `aws sso logout` does. A token the portal no longer takes is removed all the same.
   */
  async signOut(target: SsoTarget, logout: (accessToken: string) => Promise<void>): Promise<void> {
    const read = await readSsoToken(this.file(target));
    if (read.status === 'found' && !isExpired(read.token, this.deps.clock())) {
      try {
        await logout(read.token.accessToken);
      } catch (error) {
        const info = (error as { info?: { kind?: string } }).info;
        if (info?.kind !== 'SignInRequired') throw error;
      }
    }
    await removeSsoToken(this.file(target));
  }

  private async obtain(
    target: SsoTarget,
    method: SignInMethod,
    signal: AbortSignal,
  ): Promise<{ token: CreatedToken; client: ClientRegistration }> {
    if (method === 'browser') {
      return authCodeSignIn(target, {
        oidc: this.oidc,
        register: (authorizationCode) => this.registration(target, method, authorizationCode),
        openBrowser: this.deps.openBrowser,
        signal,
        ...(this.deps.authCodeTimeoutMs ? { timeoutMs: this.deps.authCodeTimeoutMs } : {}),
      });
    }
    const client = await this.registration(target, method, undefined);
    const token = await deviceCodeSignIn(target, client, {
      oidc: this.oidc,
      clock: this.deps.clock,
      sleep: this.deps.sleep ?? defaultSleep,
      onCode: (prompt) => this.deps.onDeviceCode(target, prompt),
      signal,
    });
    return { token, client };
  }

  private async registration(
    target: SsoTarget,
    method: SignInMethod,
    authorizationCode: RegisterInput['authorizationCode'],
  ): Promise<ClientRegistration> {
    const key = [
      target.tokenCacheKey,
      target.region,
      target.oidcEndpoint ?? '',
      method,
      ...target.scopes,
    ].join('\n');
    const kept = this.registrations.get(key);
    if (kept && kept.expiresAt - this.deps.clock() > REGISTRATION_MARGIN_MS) return kept;
    let registered: ClientRegistration;
    try {
      registered = await this.oidc.registerClient(target, {
        clientName: `${this.deps.clientName ?? 'roletray'}-${Math.floor(this.deps.clock() / 1000)}`,
        scopes: target.scopes,
        ...(authorizationCode ? { authorizationCode } : {}),
      });
    } catch (error) {
      throw ssoError(error, {
        action: 'RegisterClient',
        startUrl: target.startUrl,
        endpoint: oidcEndpointOf(target),
      });
    }
    this.registrations.set(key, registered);
    return registered;
  }

  /** The refresh_token grant; the new access token and the rotated refresh token written back. */
  private async refresh(target: SsoTarget, token: SsoToken): Promise<SsoToken> {
    let created: CreatedToken;
    try {
      created = await this.oidc.createToken(
        target,
        { clientId: token.clientId!, clientSecret: token.clientSecret! },
        { grantType: 'refresh_token', refreshToken: token.refreshToken! },
      );
    } catch (error) {
      throw ssoError(error, {
        action: 'CreateToken',
        startUrl: target.startUrl,
        endpoint: oidcEndpointOf(target),
      });
    }
    const refreshed: SsoToken = {
      ...token,
      accessToken: created.accessToken,
      expiresAt: this.deps.clock() + created.expiresIn * 1000,
      ...(created.refreshToken ? { refreshToken: created.refreshToken } : {}),
    };
    await writeSsoToken(this.file(target), refreshed);
    return refreshed;
  }
}
