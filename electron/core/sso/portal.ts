import { GetRoleCredentialsCommand, LogoutCommand, SSOClient } from '@aws-sdk/client-sso';
import { ClientCache } from '../client-cache';
import type { AwsCredentials } from '../credentials';
import { ssoError } from './sso-errors';
import { portalEndpointOf, type SsoTarget } from './sso-target';

// The AWS access portal (`sso`, rest-json, the access token in x-amz-sso_bearer_token) with the
// SDK v3's client: the role credentials of one account and role, and Logout. Listing accounts and
// their roles (ListAccounts, ListAccountRoles) belongs beside these, on the same client.

export type RoleCredentials = AwsCredentials & { sessionToken: string; expiration: number };

export interface SsoPortal {
  getRoleCredentials(
    target: SsoTarget,
    accessToken: string,
    role: { accountId: string; roleName: string },
  ): Promise<RoleCredentials>;
  /** Ends the sign-in session at AWS: every token of it is refused from then on. */
  logout(target: SsoTarget, accessToken: string): Promise<void>;
}

const CLIENT_CACHE_SIZE = 8;

export function createSsoPortal(options: { maxAttempts?: number } = {}): SsoPortal {
  const clients = new ClientCache<SSOClient>(CLIENT_CACHE_SIZE, (client) => client.destroy());
  const client = (target: SsoTarget) =>
    clients.get(
      `${target.portalEndpoint ?? ''}\n${target.region}`,
      () =>
        new SSOClient({
          region: target.region,
          ...(target.portalEndpoint ? { endpoint: target.portalEndpoint } : {}),
          maxAttempts: options.maxAttempts ?? 3,
        }),
    );
  const context = (target: SsoTarget, action: string) => ({
    action,
    startUrl: target.startUrl,
    endpoint: portalEndpointOf(target),
  });

  return {
    async getRoleCredentials(target, accessToken, { accountId, roleName }) {
      let answer;
      try {
        answer = await client(target).send(
          new GetRoleCredentialsCommand({ accessToken, accountId, roleName }),
        );
      } catch (error) {
        throw ssoError(error, context(target, `GetRoleCredentials (${accountId} ${roleName})`));
      }
      const credentials = answer.roleCredentials;
      if (
        !credentials?.accessKeyId ||
        !credentials.secretAccessKey ||
        !credentials.sessionToken ||
        !credentials.expiration
      ) {
        throw new Error('The portal answered without complete role credentials');
      }
      return {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        sessionToken: credentials.sessionToken,
        // The portal's expiration is epoch milliseconds.
        expiration: credentials.expiration,
      };
    },

    async logout(target, accessToken) {
      try {
        await client(target).send(new LogoutCommand({ accessToken }));
      } catch (error) {
        throw ssoError(error, context(target, 'Logout'));
      }
    },
  };
}
