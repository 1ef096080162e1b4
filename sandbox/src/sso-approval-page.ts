import { htmlPage } from './html-page';
import type { IdentityCenter } from './identity-center';
import type { SandboxRequest } from './request';
import { parseQuery, single, type QueryParams } from './request';
import type { SandboxResponse } from './s3';
import type { AuthorizeRequest, SsoOidc } from './sso-oidc';
import { escapeXml } from './xml';

// The sign-in and approval page a browser opens for IAM Identity Center: the device flow's
// verificationUriComplete (`/device?user_code=…`) and the authorization code flow's `/authorize`.
// A plain form (user name, password, "Allow access" / "Deny"), no script. On /authorize, Allow
// redirects (302) to the client's loopback redirect_uri with `code` and `state`, Deny with
// `error=access_denied`.
//
// Only the sandbox's own address may serve it (the Host header must be 127.0.0.1 or localhost on its
// port: a DNS-rebinding guard), and a POST whose Origin is another site is refused, so a page
// elsewhere cannot approve a sign-in by posting the form.

export const APPROVAL_PATHS = new Set(['/device', '/authorize']);

const HEADERS = {
  'content-security-policy':
    "default-src 'none'; form-action 'self' http://127.0.0.1:* http://localhost:* http://[::1]:*; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  // Not html-page.ts's no-referrer: under it Chromium sends `Origin: null` with the form's own POST,
  // which the cross-origin check below must refuse. same-origin still sends nothing to other sites.
  'referrer-policy': 'same-origin',
};

const page = (status: number, title: string, body: string) =>
  htmlPage(status, title, `<h1>${escapeXml(title)}</h1>\n${body}`, HEADERS);
export const pageRefusal = (status: number, reason: string) =>
  page(status, 'Request refused', `<p id="error">${escapeXml(reason)}</p>`);

const hidden = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeXml(name)}" value="${escapeXml(value)}">`)
    .join('\n');

function signInForm(
  action: string,
  fields: Record<string, string>,
  userCode: string | undefined,
  error = '',
) {
  const codeInput =
    userCode === undefined
      ? ''
      : `<p><label>Code <input name="user_code" value="${escapeXml(userCode)}" autocomplete="off"></label></p>\n`;
  return (
    (error ? `<p id="error">${escapeXml(error)}</p>\n` : '') +
    `<form method="post" action="${action}">\n${hidden(fields)}\n${codeInput}` +
    `<p><label>User name <input name="username" autocomplete="username"></label></p>\n` +
    `<p><label>Password <input name="password" type="password" autocomplete="current-password"></label></p>\n` +
    `<p><button name="decision" value="allow">Allow access</button> ` +
    `<button name="decision" value="deny">Deny</button></p>\n</form>`
  );
}

const AUTHORIZE_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'code_challenge',
  'code_challenge_method',
  'scopes',
  'scope',
];

function fieldsOf(params: QueryParams, names: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const name of names) {
    const value = single(params, name);
    if (value !== undefined) fields[name] = value;
  }
  return fields;
}

export class SsoApprovalPage {
  constructor(
    private readonly center: IdentityCenter,
    private readonly oidc: SsoOidc,
    /** The sandbox's port, once it listens. */
    private readonly port: () => number,
  ) {}

  handle(request: SandboxRequest): SandboxResponse {
    const port = this.port();
    const host = request.headers['host'] ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`)
      return pageRefusal(403, 'This page is served only at the sandbox’s own loopback address.');
    if (request.method !== 'GET' && request.method !== 'POST') return pageRefusal(405, 'Method not allowed.');
    const origin = request.headers['origin'];
    if (request.method === 'POST' && origin !== undefined && origin !== `http://${host}`)
      return pageRefusal(403, 'Cross-origin form posts are refused.');
    const form = request.method === 'POST' ? parseQuery(request.body.toString('utf8')) : request.query;
    return request.rawPath === '/device'
      ? this.device(request.method, form)
      : this.authorize(request.method, form);
  }

  private device(method: string, form: QueryParams): SandboxResponse {
    const userCode = single(form, 'user_code') ?? '';
    if (method === 'GET') return page(200, 'Authorize request', signInForm('/device', {}, userCode));
    const device = this.oidc.pendingDevice(userCode);
    if (!device) return pageRefusal(400, 'The code is not valid, has expired or was already used.');
    const user = this.center.signIn(single(form, 'username') ?? '', single(form, 'password') ?? '');
    if (!user)
      return page(
        401,
        'Authorize request',
        signInForm('/device', {}, userCode, 'Incorrect user name or password.'),
      );
    if (single(form, 'decision') !== 'allow') {
      this.oidc.decideDevice(device, undefined);
      return page(200, 'Request denied', '<p id="result">Access was denied. You can close this window.</p>');
    }
    this.oidc.decideDevice(device, this.center.startSession(user.userName));
    return page(200, 'Request approved', '<p id="result">Access was allowed. You can close this window.</p>');
  }

  private authorize(method: string, form: QueryParams): SandboxResponse {
    const fields = fieldsOf(form, AUTHORIZE_PARAMS);
    const checked = this.oidc.authorizeRequest(fields);
    // A request that fails its checks is never redirected: its redirect_uri is not trusted yet.
    if (typeof checked === 'string') return pageRefusal(400, checked);
    if (method === 'GET') return page(200, 'Authorize request', signInForm('/authorize', fields, undefined));
    const user = this.center.signIn(single(form, 'username') ?? '', single(form, 'password') ?? '');
    if (!user)
      return page(
        401,
        'Authorize request',
        signInForm('/authorize', fields, undefined, 'Incorrect user name or password.'),
      );
    if (single(form, 'decision') !== 'allow')
      return redirect(checked, { error: 'access_denied', error_description: 'The user denied the request.' });
    const code = this.oidc.issueCode(checked, this.center.startSession(user.userName));
    return redirect(checked, { code });
  }
}

function redirect(request: AuthorizeRequest, params: Record<string, string>): SandboxResponse {
  const location = new URL(request.redirectUri);
  for (const [name, value] of Object.entries({ ...params, state: request.state }))
    location.searchParams.set(name, value);
  return { status: 302, headers: { location: location.href, 'cache-control': 'no-store', ...HEADERS } };
}
