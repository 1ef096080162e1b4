// Whether an SDK error means the service could not be reached at all, shared by the STS and S3
// error mappers: Node's socket codes sit on the error or a cause a few levels down.

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/** The socket error code (or "timeout"), or undefined when the service answered. */
export function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  const name = (error as { name?: unknown }).name;
  return name === 'TimeoutError' || name === 'RequestTimeout' ? 'timeout' : undefined;
}
