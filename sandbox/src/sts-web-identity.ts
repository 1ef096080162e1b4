import { AwsError, accessDenied } from './errors';
import type { Identities } from './identities';
import { evaluatePolicies, type RequestContext } from './policy';
import { patternParam, required, type PatternRule } from './query-params';
import type { QueryParams } from './request';
import { checkRoleArn, issueRoleSession, roleParams } from './role-sessions';
import type { ScenarioOidcProvider } from './scenario';
import { UnverifiableToken, WebIdentityIssuer, type TokenClaims } from './web-identity-tokens';
import type { XmlNode } from './xml';

// STS AssumeRoleWithWebIdentity: unsigned, the OIDC token is the credential. Checked in AWS's order:
// the token is a JWT, its issuer is an OIDC provider registered in the role's account, the issuer
// signed it, it has not expired, its audience is one of the provider's client ids, it has a subject,
// and the role's trust policy allows the provider (Federated) with these `<provider>:aud/sub` values.
// Only the sandbox's own issuer has a key the sandbox can check; any other issuer cannot be verified.

const WEB_IDENTITY_TOKEN: PatternRule = { min: 4, max: 20000, pattern: /^/, patternText: '' };

const INVALID_TOKEN =
  'The web identity token that was passed could not be validated by Amazon Web Services. Get a new identity token from the identity provider and then retry the request.';

const invalidToken = (message = INVALID_TOKEN) => new AwsError('InvalidIdentityToken', message, 400);

/** `https://oidc.roletray.test/x` → `oidc.roletray.test/x`: the provider ARN's and condition keys' prefix. */
export const providerHost = (url: string) => url.replace(/^https:\/\//, '');
export const providerArn = (provider: ScenarioOidcProvider) =>
  `arn:aws:iam::${provider.account}:oidc-provider/${providerHost(provider.url)}`;

function verifiedClaims(
  issuer: WebIdentityIssuer,
  providers: ScenarioOidcProvider[],
  token: string,
  now: number,
): { claims: TokenClaims; provider: ScenarioOidcProvider; audience: string; subject: string } {
  let claims: TokenClaims;
  try {
    claims = WebIdentityIssuer.claimsOf(token);
  } catch (error) {
    if (error instanceof UnverifiableToken) throw invalidToken();
    throw error;
  }
  const iss = typeof claims.iss === 'string' ? claims.iss : '';
  const provider = providers.find((candidate) => candidate.url === iss);
  if (!provider) throw invalidToken(`No OpenIDConnect provider found in your account for ${iss}`);
  if (iss !== issuer.issuer) {
    throw invalidToken(
      "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
    );
  }
  if (!issuer.signed(token)) throw invalidToken();
  if (typeof claims.exp !== 'number') throw invalidToken();
  const nowSeconds = Math.floor(now / 1000);
  if (nowSeconds >= claims.exp) {
    throw new AwsError(
      'ExpiredTokenException',
      `Token expired: current date/time ${nowSeconds} must be before the expiration date/time ${claims.exp}`,
      400,
    );
  }
  const audiences = (Array.isArray(claims.aud) ? claims.aud : [claims.aud]).filter(
    (aud): aud is string => typeof aud === 'string',
  );
  const audience = audiences.find((aud) => provider.clientIds.includes(aud));
  if (audience === undefined) throw invalidToken('Incorrect token audience');
  if (typeof claims.sub !== 'string' || claims.sub === '') {
    throw new AwsError(
      'IDPRejectedClaim',
      'The identity provider (IdP) reported that authentication failed. This might be because the claim is invalid.',
      403,
    );
  }
  return { claims, provider, audience, subject: claims.sub };
}

export function assumeRoleWithWebIdentity(
  identities: Identities,
  issuer: WebIdentityIssuer,
  params: QueryParams,
  now: number,
): XmlNode {
  const role = roleParams(params);
  const token = required(
    patternParam(params, 'WebIdentityToken', 'webIdentityToken', WEB_IDENTITY_TOKEN),
    'webIdentityToken',
  );
  checkRoleArn(role.roleArn, params);
  const account = role.roleArn.split(':')[4];
  const providers = (identities.scenario.oidcProviders ?? []).filter((p) => p.account === account);
  const { provider, audience, subject } = verifiedClaims(issuer, providers, token, now);

  const host = providerHost(provider.url);
  const context: RequestContext = {
    [`${host}:aud`.toLowerCase()]: audience,
    [`${host}:sub`.toLowerCase()]: subject,
    'sts:rolesessionname': role.sessionName,
    'aws:currenttime': new Date(now).toISOString(),
    'aws:epochtime': String(Math.floor(now / 1000)),
  };
  const target = identities.roles.get(role.roleArn);
  const decision = evaluatePolicies(target ? [target.role.trustPolicy] : [], {
    action: 'sts:AssumeRoleWithWebIdentity',
    resource: role.roleArn,
    context,
    principal: { account: '', arns: [], federated: providerArn(provider) },
  });
  if (!target || decision !== 'allow')
    throw accessDenied('Not authorized to perform sts:AssumeRoleWithWebIdentity');

  const session = issueRoleSession(identities, target, role, false, undefined);
  return {
    SubjectFromWebIdentityToken: subject,
    Audience: audience,
    AssumedRoleUser: session.AssumedRoleUser,
    Credentials: session.Credentials,
    Provider: providerArn(provider),
  };
}
