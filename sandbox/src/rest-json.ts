import type { AwsError } from './errors';
import type { SandboxResponse } from './s3';

// The rest-json protocol of the Identity Center APIs (OIDC and the portal): JSON bodies in and out,
// errors named in `x-amzn-ErrorType` (which botocore and the SDK v3 read first) with the service's
// own body: OIDC's `{"error","error_description"}` (the AwsError's details), the portal's `{"message"}`.

export function jsonResponse(status: number, body: unknown, requestId: string): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

export function jsonError(error: AwsError, requestId: string): SandboxResponse {
  const body = Object.keys(error.details).length > 0 ? error.details : { message: error.message };
  return {
    status: error.status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': requestId,
      'x-amzn-ErrorType': error.code,
      ...error.headers,
    },
    body: JSON.stringify(body),
  };
}

/** A JSON object body; anything else is the service's bad request. */
export function jsonBody(body: Buffer, badRequest: (reason: string) => AwsError): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw badRequest('The request body must be a JSON object.');
  return parsed as Record<string, unknown>;
}
