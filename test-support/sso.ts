import { createHash, randomBytes } from 'node:crypto';

// What IAM Identity Center tests share: raw calls to the sandbox's OIDC and portal APIs (as the SDKs
// send them: JSON POSTs, the bearer token in x-amz-sso_bearer_token), the approval page's form filled
// in and posted as a browser would, the whole device flow in one call, and a PKCE pair.

export const SSO_USER = 'tyler.dev@acme.example';
export const SSO_SCOPES = ['sso:account:access'];

export interface JsonAnswer {
  status: number;
  /** The exception name of an error (x-amzn-ErrorType), undefined on success. */
  errorType: string | undefined;
  body: Record<string, unknown>;
}

async function jsonAnswer(response: Response): Promise<JsonAnswer> {
  const text = await response.text();
  return {
    status: response.status,
    errorType: response.headers.get('x-amzn-errortype') ?? undefined,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}

/** One OIDC operation: POST `path` with a JSON body, unsigned. */
export async function oidcCall(endpoint: string, path: string, body: unknown): Promise<JsonAnswer> {
  return jsonAnswer(
    await fetch(`${endpoint}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

/** One portal operation with the access token in the portal's header. */
export async function portalCall(
  endpoint: string,
  path: string,
  accessToken: string | undefined,
  query: Record<string, string> = {},
  method = 'GET',
): Promise<JsonAnswer> {
  const search = new URLSearchParams(query).toString();
  return jsonAnswer(
    await fetch(`${endpoint}${path}${search ? `?${search}` : ''}`, {
      method,
      headers: accessToken === undefined ? {} : { 'x-amz-sso_bearer_token': accessToken },
    }),
  );
}

export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
}

export async function registerClient(
  endpoint: string,
  input: Record<string, unknown> = { scopes: SSO_SCOPES },
): Promise<RegisteredClient> {
  const answer = await oidcCall(endpoint, '/client/register', {
    clientName: 'roletray-tests',
    clientType: 'public',
    ...input,
  });
  if (answer.status !== 200) throw new Error(`RegisterClient: ${JSON.stringify(answer)}`);
  return answer.body as unknown as RegisteredClient;
}

const unescapeHtml = (text: string) =>
  text
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

/** The approval page's form: where it posts and the values it already holds (hidden fields, the code). */
export function formOf(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form method="post" action="([^"]*)">/.exec(html)?.[1];
  if (action === undefined) throw new Error(`no form on the page:\n${html}`);
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input (?:type="hidden" )?name="([^"]+)" value="([^"]*)"/g))
    fields[unescapeHtml(match[1]!)] = unescapeHtml(match[2]!);
  return { action: unescapeHtml(action), fields };
}

/**
 * Opens the approval page at `url`, signs in and presses "Allow access" or "Deny", as a browser
 * would (same origin, redirects not followed); the answer to the form post.
 */
export async function approveSignIn(
  url: string,
  userName: string,
  password: string,
  decision: 'allow' | 'deny',
): Promise<Response> {
  const page = await fetch(url);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`approval page ${url}: ${page.status}\n${html}`);
  const { action, fields } = formOf(html);
  const target = new URL(action, url);
  return fetch(target, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: target.origin },
    body: new URLSearchParams({ ...fields, username: userName, password, decision }).toString(),
  });
}

export interface DeviceSignIn {
  client: RegisteredClient;
  accessToken: string;
  refreshToken?: string;
  expiresIn: number;
}

/** The device flow end to end: register, start, approve on the page, create the token. */
export async function signInWithDeviceCode(
  endpoint: string,
  startUrl: string,
  password: string,
  options: { scopes?: string[]; userName?: string } = {},
): Promise<DeviceSignIn> {
  const client = await registerClient(endpoint, options.scopes ? { scopes: options.scopes } : {});
  const device = await oidcCall(endpoint, '/device_authorization', { ...client, startUrl });
  const approved = await approveSignIn(
    String(device.body['verificationUriComplete']),
    options.userName ?? SSO_USER,
    password,
    'allow',
  );
  if (approved.status !== 200) throw new Error(`approval: ${approved.status} ${await approved.text()}`);
  const token = await oidcCall(endpoint, '/token', {
    ...client,
    grantType: 'urn:ietf:params:oauth:grant-type:device_code',
    deviceCode: device.body['deviceCode'],
  });
  if (token.status !== 200) throw new Error(`CreateToken: ${JSON.stringify(token)}`);
  const { accessToken, refreshToken, expiresIn } = token.body as {
    accessToken: string;
    refreshToken?: string;
    expiresIn: number;
  };
  return { client, accessToken, expiresIn, ...(refreshToken ? { refreshToken } : {}) };
}

/** A PKCE verifier and its S256 challenge, padding trimmed as the AWS CLI sends it. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/**
 * The browser's part of a sign-in with the authorization code: the app opened `url` (the
 * /authorize page); sign in, press the button, and follow the redirect to the app's loopback
 * listener as a browser would. Resolves the page the listener answered.
 */
export async function finishBrowserSignIn(
  url: string,
  password: string,
  decision: 'allow' | 'deny' = 'allow',
): Promise<string> {
  const answer = await approveSignIn(url, SSO_USER, password, decision);
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location)
    throw new Error(`approval: ${answer.status} ${await answer.text()}`);
  return (await fetch(location)).text();
}
