import type { IncomingMessage } from 'node:http';
import { AwsError } from './errors';
import type { Identities } from './identities';
import { DEFAULT_IDENTITY_CENTER, IdentityCenter, type IdentityCenterOptions } from './identity-center';
import { emptyParams, headerBag, MalformedQuery, parseQuery, readBody, type SandboxRequest } from './request';
import { jsonBody, jsonError, jsonResponse } from './rest-json';
import type { SandboxResponse } from './s3';
import type { ScenarioIdentityCenter } from './scenario';
import { APPROVAL_PATHS, pageRefusal, SsoApprovalPage } from './sso-approval-page';
import { OIDC_ACTIONS, oidcError, SsoOidc } from './sso-oidc';
import { PORTAL_ROUTES, SsoPortal } from './sso-portal';
import { TokenBucket } from './throttle';

// Which requests on the sandbox's one port are IAM Identity Center's, and their answers: the OIDC
// API, the portal API and the approval page. All three are unsigned (a signed request to the same
// path is S3's), so they are told apart from S3 by path, method and the missing signature.

export type IdentityCenterService = 'sso-oidc' | 'sso' | 'sso-page';

const MAX_BODY_BYTES = 64 * 1024;

export function identityCenterService(message: IncomingMessage): IdentityCenterService | undefined {
  if (message.headers.authorization !== undefined) return undefined;
  const url = message.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  if (/(^|&)X-Amz-Signature=/i.test(queryStart < 0 ? '' : url.slice(queryStart + 1))) return undefined;
  if (message.method === 'POST' && OIDC_ACTIONS[path]) return 'sso-oidc';
  if (PORTAL_ROUTES[path]?.method === message.method) return 'sso';
  if (APPROVAL_PATHS.has(path)) return 'sso-page';
  return undefined;
}

export class IdentityCenterHttp {
  readonly center: IdentityCenter;
  readonly oidc: SsoOidc;
  readonly portal: SsoPortal;
  private readonly page: SsoApprovalPage;

  constructor(
    instance: ScenarioIdentityCenter,
    identities: Identities,
    options: IdentityCenterOptions,
    now: () => number,
    port: () => number,
  ) {
    const settings = { ...DEFAULT_IDENTITY_CENTER, ...options };
    this.center = new IdentityCenter(instance, identities, settings, now);
    this.oidc = new SsoOidc(this.center, now, () => `http://127.0.0.1:${port()}`);
    this.portal = new SsoPortal(this.center, identities, new TokenBucket(settings.portalThrottle, now));
    this.page = new SsoApprovalPage(this.center, this.oidc, port);
  }

  async handle(
    service: IdentityCenterService,
    message: IncomingMessage,
    requestId: string,
  ): Promise<{ response: SandboxResponse; action: string }> {
    const url = message.url ?? '/';
    const queryStart = url.indexOf('?');
    const request: SandboxRequest = {
      id: requestId,
      method: message.method ?? 'GET',
      rawPath: queryStart < 0 ? url : url.slice(0, queryStart),
      query: emptyParams(),
      headers: headerBag(message),
      body: Buffer.alloc(0),
    };
    const action =
      service === 'sso-oidc'
        ? OIDC_ACTIONS[request.rawPath]!
        : service === 'sso'
          ? PORTAL_ROUTES[request.rawPath]!.action
          : `${request.method} ${request.rawPath}`;
    try {
      request.query = parseQuery(queryStart < 0 ? '' : url.slice(queryStart + 1));
      request.body = await readBody(message, MAX_BODY_BYTES);
      if (service === 'sso-page') return { action, response: this.page.handle(request) };
      const result =
        service === 'sso-oidc'
          ? this.oidc.handle(
              action,
              jsonBody(request.body, (reason) =>
                oidcError('InvalidRequestException', 'invalid_request', reason),
              ),
            )
          : this.portal.handle(action, request);
      return { action, response: jsonResponse(200, result, requestId) };
    } catch (error) {
      const refused =
        error instanceof MalformedQuery ? new AwsError('InvalidRequestException', error.message, 400) : error;
      if (!(refused instanceof AwsError)) throw error;
      // The page answers a browser: a page, not the APIs' JSON.
      const response =
        service === 'sso-page' ? pageRefusal(refused.status, refused.message) : jsonError(refused, requestId);
      return { action, response };
    }
  }
}
