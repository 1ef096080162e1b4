import { RoleTrayError } from '../errors';
import { networkCode } from '../network-errors';

// AWS's STS errors turned into sentences a user can act on, keeping AWS's own words alongside.

export interface StsCallContext {
  action: 'AssumeRole' | 'AssumeRoleWithWebIdentity' | 'GetSessionToken' | 'GetCallerIdentity';
  profile: string;
  /** For AssumeRoleWithWebIdentity: the file the token came from. */
  tokenFile?: string;
  endpoint: string;
  roleArn?: string;
  mfaSerial?: string;
}

const lastSegment = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/** "User: arn:...:user/Sam-Contractor is not authorized to perform: sts:AssumeRole on resource: arn:...:role/X" → names. */
function deniedAssumeSentence(awsMessage: string, roleArn: string | undefined): string | undefined {
  const match = /^User: (\S+) is not authorized to perform: sts:AssumeRole on resource: (\S+)/.exec(
    awsMessage,
  );
  if (!match) return undefined;
  const caller = match[1]!;
  const callerName = caller.includes(':assumed-role/')
    ? caller.split('/').slice(1).join('/')
    : lastSegment(caller);
  return `${callerName} is not allowed to assume ${lastSegment(roleArn ?? match[2]!)}.`;
}

export function stsError(error: unknown, context: StsCallContext): RoleTrayError {
  if (error instanceof RoleTrayError) return error;
  const { profile } = context;
  const network = networkCode(error);
  if (network) {
    return new RoleTrayError(
      'Network',
      `Cannot reach STS at ${context.endpoint} (${network}); check the endpoint and your connection.`,
      { profile, unreachable: { service: 'STS', endpoint: context.endpoint } },
    );
  }
  const { name, message } = error as { name?: unknown; message?: unknown };
  const awsCode = typeof name === 'string' ? name : 'Error';
  const awsMessage = typeof message === 'string' ? message : '';
  const aws = { profile, awsCode, awsMessage };
  const role = context.roleArn ? lastSegment(context.roleArn) : profile;
  switch (awsCode) {
    case 'AccessDenied':
      if (awsMessage.startsWith('MultiFactorAuthentication failed with invalid MFA one time pass code')) {
        return new RoleTrayError(
          'MfaInvalid',
          'AWS rejected the MFA code: it is wrong or was already used. Wait for the next code and try again.',
          aws,
        );
      }
      if (awsMessage.startsWith('MultiFactorAuthentication failed, unable to validate MFA code')) {
        return new RoleTrayError(
          'MfaInvalid',
          `AWS could not validate the code against ${context.mfaSerial ?? 'the MFA device'}: check that mfa_serial in profile ${profile} is your own device.`,
          aws,
        );
      }
      if (awsMessage === 'Cannot call GetSessionToken with session credentials') {
        return new RoleTrayError(
          'Validation',
          `The keys behind ${profile} are temporary, and AWS allows GetSessionToken only with long-term keys.`,
          aws,
        );
      }
      return new RoleTrayError(
        'AccessDenied',
        `${deniedAssumeSentence(awsMessage, context.roleArn) ?? `AWS denied ${context.action} for ${profile}.`} AWS answers the same whether the caller's policy, the role's trust policy or an MFA condition refused.`,
        aws,
      );
    case 'ExpiredToken':
    case 'ExpiredTokenException':
      if (context.tokenFile) {
        return new RoleTrayError(
          'Expired',
          `The web identity token in ${context.tokenFile} has expired; whatever writes that file must write a new one.`,
          aws,
        );
      }
      return new RoleTrayError('Expired', `The credentials behind ${profile} have expired.`, aws);
    case 'InvalidIdentityToken':
    case 'IDPCommunicationError':
      return new RoleTrayError(
        'InvalidCredentials',
        `AWS does not accept the web identity token in ${context.tokenFile ?? 'web_identity_token_file'}: ${awsMessage}`,
        aws,
      );
    case 'IDPRejectedClaim':
      return new RoleTrayError(
        'AccessDenied',
        `The identity provider's token does not let ${profile} assume ${role}: ${awsMessage}`,
        aws,
      );
    case 'InvalidClientTokenId':
    case 'SignatureDoesNotMatch':
    case 'InvalidAccessKeyId':
    case 'UnrecognizedClientException':
      return new RoleTrayError(
        'InvalidCredentials',
        `AWS does not accept the keys behind ${profile} (${awsCode}); check them in your credentials file.`,
        aws,
      );
    case 'ValidationError':
      return new RoleTrayError('Validation', `AWS rejected the request for ${role}: ${awsMessage}`, aws);
    case 'RegionDisabledException':
      return new RoleTrayError(
        'AccessDenied',
        `STS is not activated in this region for the account behind ${profile}.`,
        aws,
      );
    default:
      return new RoleTrayError(
        'Internal',
        `${context.action} for ${profile} failed: ${awsCode}: ${awsMessage}`,
        aws,
      );
  }
}
