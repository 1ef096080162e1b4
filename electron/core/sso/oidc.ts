import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { ClientCache } from '../client-cache';
import type { SsoTarget } from './sso-target';

// IAM Identity Center's OIDC service (`sso-oidc`, unsigned rest-json) with the SDK v3's client:
// the three calls a sign-in and a refresh make. Errors are the SDK's own (the caller reads their
// OAuth `error` field: authorization_pending, slow_down, invalid_grant…).

export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export interface ClientRegistration {
  clientId: string;
  clientSecret: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface RegisterInput {
  clientName: string;
  scopes: string[];
  /** For the authorization code grant: its grants, loopback redirect and the start URL as issuer. */
  authorizationCode?: { redirectUri: string; issuerUrl: string };
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  /** Seconds. */
  expiresIn: number;
  interval: number;
}

export type TokenGrant =
  | { grantType: typeof DEVICE_GRANT; deviceCode: string }
  | { grantType: 'authorization_code'; code: string; redirectUri: string; codeVerifier: string }
  | { grantType: 'refresh_token'; refreshToken: string };

export interface CreatedToken {
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
  refreshToken?: string;
}

export interface OidcApi {
  registerClient(target: SsoTarget, input: RegisterInput): Promise<ClientRegistration>;
  startDeviceAuthorization(
    target: SsoTarget,
    client: Pick<ClientRegistration, 'clientId' | 'clientSecret'>,
  ): Promise<DeviceAuthorization>;
  createToken(
    target: SsoTarget,
    client: Pick<ClientRegistration, 'clientId' | 'clientSecret'>,
    grant: TokenGrant,
  ): Promise<CreatedToken>;
}

const CLIENT_CACHE_SIZE = 8;

function required<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null || value === '') {
    throw new Error(`IAM Identity Center's OIDC service answered without ${what}`);
  }
  return value;
}

export function createOidcApi(options: { maxAttempts?: number } = {}): OidcApi {
  const clients = new ClientCache<SSOOIDCClient>(CLIENT_CACHE_SIZE, (client) => client.destroy());
  const client = (target: SsoTarget) =>
    clients.get(
      `${target.oidcEndpoint ?? ''}\n${target.region}`,
      () =>
        new SSOOIDCClient({
          region: target.region,
          ...(target.oidcEndpoint ? { endpoint: target.oidcEndpoint } : {}),
          maxAttempts: options.maxAttempts ?? 3,
        }),
    );

  return {
    async registerClient(target, { clientName, scopes, authorizationCode }) {
      const answer = await client(target).send(
        new RegisterClientCommand({
          clientName,
          clientType: 'public',
          ...(scopes.length > 0 ? { scopes } : {}),
          // As awscli's AuthCodeFetcher registers: the code grant and refresh, a loopback redirect.
          ...(authorizationCode
            ? {
                grantTypes: ['authorization_code', 'refresh_token'],
                redirectUris: [authorizationCode.redirectUri],
                issuerUrl: authorizationCode.issuerUrl,
              }
            : {}),
        }),
      );
      return {
        clientId: required(answer.clientId, 'a clientId'),
        clientSecret: required(answer.clientSecret, 'a clientSecret'),
        expiresAt: required(answer.clientSecretExpiresAt, 'clientSecretExpiresAt') * 1000,
      };
    },

    async startDeviceAuthorization(target, { clientId, clientSecret }) {
      const answer = await client(target).send(
        new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: target.startUrl }),
      );
      const verificationUri = required(answer.verificationUri, 'a verificationUri');
      return {
        deviceCode: required(answer.deviceCode, 'a deviceCode'),
        userCode: required(answer.userCode, 'a userCode'),
        verificationUri,
        verificationUriComplete: answer.verificationUriComplete ?? verificationUri,
        expiresIn: required(answer.expiresIn, 'expiresIn'),
        // RFC 8628: 5 seconds when the server says nothing.
        interval: answer.interval ?? 5,
      };
    },

    async createToken(target, { clientId, clientSecret }, grant) {
      const answer = await client(target).send(new CreateTokenCommand({ clientId, clientSecret, ...grant }));
      return {
        accessToken: required(answer.accessToken, 'an accessToken'),
        expiresIn: required(answer.expiresIn, 'expiresIn'),
        ...(answer.refreshToken ? { refreshToken: answer.refreshToken } : {}),
      };
    },
  };
}
