import type { ProfilesState } from '../../electron/core/sessions/sessions-core';

// The bridge hands the app to a browser page, a weaker boundary than Electron's. It is meant for
// tests and UI work only, so it serves nothing unless every profile can reach the local sandbox and
// nothing else: a real key must never be one click away from a page on a loopback port.

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const PROBE_TIMEOUT_MS = 3000;

/** What the sandbox's answers carry in their `server` header (sandbox/src/server.ts). */
export const SANDBOX_SERVER_HEADER = 'RoleTraySandbox';

function parse(endpoint: string): URL | undefined {
  try {
    return new URL(endpoint);
  } catch {
    return undefined;
  }
}

/** Scheme, loopback host and port: `localhost` and `127.0.0.1` name the same sandbox. */
function sameServer(endpoint: string, sandbox: URL): boolean {
  const url = parse(endpoint);
  if (!url || (url.pathname !== '/' && url.pathname !== '')) return false;
  const host = (hostname: string) => (hostname === 'localhost' ? '127.0.0.1' : hostname);
  return (
    url.protocol === sandbox.protocol &&
    host(url.hostname) === host(sandbox.hostname) &&
    url.port === sandbox.port
  );
}

/** Why the endpoint cannot be the sandbox's, or undefined when it is a loopback http(s) URL. */
export function notLoopback(endpoint: string): string | undefined {
  const url = parse(endpoint);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    return `${endpoint} is not an http URL`;
  if (!LOOPBACK_HOSTS.has(url.hostname)) return `${endpoint} is not on a loopback address`;
  return undefined;
}

/**
 * The first profile that would talk to something other than the sandbox, as a sentence; undefined
 * when every usable profile's STS (and S3, when set) endpoint is the sandbox's.
 */
export function foreignEndpoint(state: ProfilesState, sandboxEndpoint: string): string | undefined {
  const sandbox = parse(sandboxEndpoint);
  if (!sandbox) return `the sandbox endpoint ${sandboxEndpoint} is not a URL`;
  if (!state.loaded) {
    return `the AWS config did not load (${state.error?.message ?? 'no profiles'}); the bridge serves only the sandbox`;
  }
  for (const profile of state.loaded.profiles) {
    if (profile.kind === 'unusable') continue;
    const endpoints = [
      profile.stsEndpoint ?? "AWS's default STS endpoint",
      ...(profile.s3Endpoint ? [profile.s3Endpoint] : []),
    ];
    for (const endpoint of endpoints) {
      if (!sameServer(endpoint, sandbox)) {
        return `profile ${profile.name} uses ${endpoint}, not the sandbox; the bridge serves only the sandbox`;
      }
    }
  }
  return undefined;
}

/** Resolves when the endpoint answers as the RoleTray sandbox does; otherwise says what it saw. */
export async function probeSandbox(sandboxEndpoint: string): Promise<string | undefined> {
  try {
    const response = await fetch(sandboxEndpoint, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      redirect: 'manual',
    });
    await response.body?.cancel();
    if (response.headers.get('server') === SANDBOX_SERVER_HEADER) return undefined;
    return `${sandboxEndpoint} answered, but not as the RoleTray sandbox (HTTP ${response.status})`;
  } catch (error) {
    const reason =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : '';
    return `the sandbox at ${sandboxEndpoint} does not answer${reason ? ` (${reason})` : ''}`;
  }
}

/** Throws unless the endpoint is a loopback sandbox that answers and every profile uses only it. */
export async function assertSandboxOnly(state: ProfilesState, sandboxEndpoint: string): Promise<void> {
  const problem =
    notLoopback(sandboxEndpoint) ??
    foreignEndpoint(state, sandboxEndpoint) ??
    (await probeSandbox(sandboxEndpoint));
  if (problem) throw new Error(`The bridge will not start: ${problem}.`);
}
