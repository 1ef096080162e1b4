/** An error answered to the client in the calling service's own error format. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** Extra elements S3 puts in its error body (Resource, BucketName, RequestTime, ...). */
    readonly details: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export const accessDenied = (message: string, details?: Record<string, string>) =>
  new AwsError('AccessDenied', message, 403, details);

export const validationError = (message: string) => new AwsError('ValidationError', message, 400);

/** AWS's wording for a parameter that fails its constraint, e.g. a bad DurationSeconds. */
export function constraintError(value: string, field: string, constraint: string): AwsError {
  return validationError(
    `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}
