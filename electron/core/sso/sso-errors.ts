import { RoleTrayError } from '../errors';
import { networkCode } from '../network-errors';
import { notAStartUrl } from './start-url';

// IAM Identity Center's errors (the OIDC service's and the portal's, as the SDK v3 throws them)
// turned into sentences naming the start URL, AWS's own words alongside.

/** No token for the start URL, or one nothing can renew: the user must sign in (again). */
export function signInRequired(startUrl: string, why?: string): RoleTrayError {
  return new RoleTrayError(
    'SignInRequired',
    why ? `Sign in to ${startUrl} first: ${why}` : `Sign in to ${startUrl} first.`,
  );
}

export interface SsoCallContext {
  action: string;
  startUrl: string;
  endpoint: string;
}

/** The OAuth `error` field the OIDC exceptions carry (authorization_pending, slow_down, invalid_grant…). */
export function oauthError(error: unknown): string | undefined {
  const field = (error as { error?: unknown } | undefined)?.error;
  return typeof field === 'string' ? field : undefined;
}

export function ssoError(error: unknown, context: SsoCallContext): RoleTrayError {
  if (error instanceof RoleTrayError) return error;
  const network = networkCode(error);
  if (network) {
    return new RoleTrayError(
      'Network',
      `Cannot reach IAM Identity Center at ${context.endpoint} (${network}); check the endpoint and your connection.`,
      { unreachable: { service: 'IAM Identity Center', endpoint: context.endpoint } },
    );
  }
  const { name, message, error_description } = error as {
    name?: unknown;
    message?: unknown;
    error_description?: unknown;
  };
  const awsCode = typeof name === 'string' ? name : 'Error';
  // The OIDC service's words are in error_description; the SDK's message is then "UnknownError".
  const awsMessage =
    typeof message === 'string' && message !== 'UnknownError'
      ? message
      : typeof error_description === 'string'
        ? error_description
        : '';
  const aws = { awsCode, awsMessage };
  if (awsCode === 'InvalidRequestException' && /start ?url|issuer ?url/i.test(awsMessage)) {
    return notAStartUrl(context.startUrl, awsMessage);
  }
  switch (awsCode) {
    case 'UnauthorizedException':
    case 'InvalidGrantException':
    case 'ExpiredTokenException':
      return new RoleTrayError(
        'SignInRequired',
        `Sign in to ${context.startUrl} again: IAM Identity Center no longer accepts the sign-in (${awsMessage || awsCode}).`,
        aws,
      );
    case 'AccessDeniedException':
    case 'ForbiddenException':
      return new RoleTrayError(
        'AccessDenied',
        `IAM Identity Center refused ${context.action} for ${context.startUrl}: ${awsMessage || awsCode}`,
        aws,
      );
    case 'TooManyRequestsException':
      return new RoleTrayError(
        'Network',
        `IAM Identity Center is throttling ${context.action}; try again in a moment.`,
        aws,
      );
    default:
      return new RoleTrayError(
        'Internal',
        `${context.action} for ${context.startUrl} failed: ${awsCode}: ${awsMessage}`,
        aws,
      );
  }
}
