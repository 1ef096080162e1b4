import { createHash } from 'node:crypto';
import { AwsError } from './errors';
import type { CredentialRecord, Identities } from './identities';
import type { SandboxRequest } from './request';
import { formatAmzDate, parseAmzDate, signatureMatches, type ClaimedSignature } from './sigv4';
import { isoSeconds } from './xml';

// Authentication for every service: the same checks in the same order, with each service's own error
// codes and wording (the Query API services, STS and IAM, speak of "security tokens", S3 of access key
// ids and tokens).

export type ServiceName = 'sts' | 'iam' | 's3';

/** IAM is global: AWS signs its requests for us-east-1 whatever region the client is in. */
const IAM_SIGNING_REGION = 'us-east-1';

export interface Caller {
  record: CredentialRecord;
  claim: ClaimedSignature;
}

const MAX_SKEW_MS = 15 * 60 * 1000;
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

function queryApiError(code: string, message: string, status = 403) {
  return new AwsError(code, message, status);
}

function tokenProblem(
  service: ServiceName,
  accessKeyId: string,
  sessionToken: string | undefined,
  kind: 'unknown-key' | 'bad-token' | 'expired',
): AwsError {
  if (service !== 's3') {
    return kind === 'expired'
      ? queryApiError('ExpiredToken', 'The security token included in the request is expired')
      : queryApiError('InvalidClientTokenId', 'The security token included in the request is invalid.');
  }
  if (kind === 'unknown-key') {
    return new AwsError(
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
      403,
      {
        AWSAccessKeyId: accessKeyId,
      },
    );
  }
  const token = { 'Token-0': sessionToken ?? '' };
  if (kind === 'expired') return new AwsError('ExpiredToken', 'The provided token has expired.', 400, token);
  return new AwsError('InvalidToken', 'The provided token is malformed or otherwise invalid.', 400, token);
}

function malformed(service: ServiceName, message: string): AwsError {
  return service !== 's3'
    ? queryApiError('IncompleteSignature', message, 400)
    : new AwsError('AuthorizationHeaderMalformed', `The authorization header is malformed; ${message}`, 400);
}

function checkClock(service: ServiceName, claim: ClaimedSignature, now: number): void {
  const signedAt = parseAmzDate(claim.amzDate);
  if (Number.isNaN(signedAt))
    throw malformed(service, `X-Amz-Date '${claim.amzDate}' is not in ISO 8601 basic format.`);
  if (claim.mode === 'query') {
    if ((claim.expiresIn ?? 0) > MAX_PRESIGN_SECONDS) {
      throw new AwsError(
        'AuthorizationQueryParametersError',
        'X-Amz-Expires must be less than a week (in seconds) that is 604800',
        400,
      );
    }
    const expiresAt = signedAt + (claim.expiresIn ?? 0) * 1000;
    if (now > expiresAt) {
      throw new AwsError('AccessDenied', 'Request has expired', 403, {
        'X-Amz-Expires': String(claim.expiresIn),
        Expires: isoSeconds(expiresAt),
        ServerTime: isoSeconds(now),
      });
    }
    if (signedAt - now > MAX_SKEW_MS) throw new AwsError('AccessDenied', 'Request is not yet valid', 403);
    return;
  }
  const skew = signedAt - now;
  if (Math.abs(skew) <= MAX_SKEW_MS) return;
  if (service === 's3') {
    throw new AwsError(
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
      403,
      {
        RequestTime: claim.amzDate,
        ServerTime: isoSeconds(now),
        MaxAllowedSkewMilliseconds: String(MAX_SKEW_MS),
      },
    );
  }
  const nowText = formatAmzDate(now);
  throw skew < 0
    ? queryApiError(
        'SignatureDoesNotMatch',
        `Signature expired: ${claim.amzDate} is now earlier than ${formatAmzDate(now - MAX_SKEW_MS)} (${nowText} - 15 min.)`,
      )
    : queryApiError(
        'SignatureDoesNotMatch',
        `Signature not yet current: ${claim.amzDate} is still later than ${formatAmzDate(now + MAX_SKEW_MS)} (${nowText} + 15 min.)`,
      );
}

/** A signed x-amz-content-sha256 vouches for the body only if the body really hashes to it. */
function checkPayloadHash(request: SandboxRequest, service: ServiceName): void {
  const declared = request.headers['x-amz-content-sha256'];
  if (declared === undefined || !/^[0-9a-f]{64}$/.test(declared)) return;
  const actual = createHash('sha256').update(request.body).digest('hex');
  if (actual === declared) return;
  throw service === 's3'
    ? new AwsError(
        'XAmzContentSHA256Mismatch',
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
        400,
        { ClientComputedContentSHA256: declared, S3ComputedContentSHA256: actual },
      )
    : queryApiError(
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      );
}

/** Who signed this request, or the AWS error that a real endpoint would answer. */
export async function authenticate(
  request: SandboxRequest,
  service: ServiceName,
  claim: ClaimedSignature | undefined,
  identities: Identities,
  now: number,
): Promise<Caller> {
  if (!claim) {
    throw service !== 's3'
      ? queryApiError('MissingAuthenticationToken', 'Request is missing Authentication Token')
      : new AwsError('AccessDenied', 'Access Denied', 403);
  }
  if (claim.service !== service) {
    throw service !== 's3'
      ? queryApiError(
          'SignatureDoesNotMatch',
          `Credential should be scoped to correct service: '${service}'. `,
        )
      : malformed(service, `incorrect service "${claim.service}". This endpoint belongs to "${service}".`);
  }
  if (claim.scopeDate !== claim.amzDate.slice(0, 8)) {
    throw service !== 's3'
      ? queryApiError(
          'SignatureDoesNotMatch',
          `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${claim.scopeDate}' != '${claim.amzDate.slice(0, 8)}', from '${claim.amzDate}'.`,
        )
      : malformed(
          service,
          `incorrect date "${claim.scopeDate}"; the request was signed at ${claim.amzDate}.`,
        );
  }
  if (service === 'iam' && claim.region !== IAM_SIGNING_REGION) {
    throw queryApiError(
      'SignatureDoesNotMatch',
      `Credential should be scoped to a valid region, not '${claim.region}'. `,
    );
  }
  const record = identities.credential(claim.accessKeyId);
  // An inactive key is refused exactly like one that does not exist, as AWS does.
  if (!record || record.accessKey?.status === 'Inactive')
    throw tokenProblem(service, claim.accessKeyId, claim.sessionToken, 'unknown-key');
  if (record.sessionToken !== claim.sessionToken) {
    // A temporary key without its token is unknown to S3; with a foreign token it is an invalid token.
    const kind = service === 's3' && claim.sessionToken === undefined ? 'unknown-key' : 'bad-token';
    throw tokenProblem(service, claim.accessKeyId, claim.sessionToken, kind);
  }
  if (record.expiresAt !== undefined && record.expiresAt <= now)
    throw tokenProblem(service, claim.accessKeyId, claim.sessionToken, 'expired');
  checkClock(service, claim, now);
  checkPayloadHash(request, service);
  if (!(await signatureMatches(request, claim, record.secretAccessKey, service))) {
    throw new AwsError(
      'SignatureDoesNotMatch',
      service !== 's3'
        ? 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'
        : 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      403,
      service === 's3' ? { AWSAccessKeyId: claim.accessKeyId, SignatureProvided: claim.signature } : {},
    );
  }
  // IAM refuses GetSessionToken credentials unless MFA was proven for them (AWS documents this).
  if (service === 'iam' && record.kind === 'session-token' && record.mfaAuthenticatedAt === undefined)
    throw tokenProblem(service, claim.accessKeyId, claim.sessionToken, 'bad-token');
  identities.noteKeyUse(record, service, claim.region);
  return { record, claim };
}
