import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate, type ServiceName } from './auth';
import { AwsError } from './errors';
import { FederationService, isFederationRequest } from './federation';
import { handleIam, IAM_NAMESPACE, REFUSE_ACCESS_KEY_DELETION } from './iam';
import { Identities } from './identities';
import type { IdentityCenterOptions } from './identity-center';
import { IdentityCenterHttp, identityCenterService } from './identity-center-http';
import { queryError, queryResponse } from './query-protocol';
import {
  emptyParams,
  headerBag,
  headerBytes,
  isQueryProtocol,
  MalformedQuery,
  parseQuery,
  queryParams,
  readBody,
  type SandboxRequest,
} from './request';
import { S3Service, s3Target, type SandboxResponse } from './s3';
import { Bucket } from './s3-buckets';
import { loadScenario, type Scenario } from './scenario';
import {
  claimedSignature,
  MalformedAuthorization,
  UnsupportedAuthorization,
  type ClaimedSignature,
} from './sigv4';
import type { ThrottleOptions } from './throttle';
import { handleSts, handleUnsignedSts, isUnsignedStsAction, STS_NAMESPACE } from './sts';
import {
  DEFAULT_WEB_IDENTITY_ISSUER,
  DEFAULT_WEB_IDENTITY_SUBJECT,
  WebIdentityIssuer,
  type MintOptions,
} from './web-identity-tokens';
import { requestKind, WireConditions, type WireOptions } from './wire-conditions';
import { escapeXml, renderXml } from './xml';

// The sandbox's HTTP front: one port for STS and S3 (so one endpoint_url serves both, as in an AWS
// config), every request authenticated, every failure answered in the service's own error format.

export interface SandboxOptions extends WireOptions {
  scenario?: Scenario;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Milliseconds since the epoch; tests pass a clock they can move. */
  clock?: () => number;
  /** Called once per request, for the CLI's --verbose. */
  onRequest?: (line: string) => void;
  /** IAM Identity Center's lifetimes and throttle, short in tests that watch things expire. */
  identityCenter?: IdentityCenterOptions;
}

export interface RunningSandbox {
  endpoint: string;
  port: number;
  scenario: Scenario;
  identities: Identities;
  s3: S3Service;
  /**
   * Makes the user's DeleteAccessKey calls fail with AWS's explicit-deny AccessDenied (an inline Deny
   * policy), so clients can test a key rotation whose delete is refused. `false` lifts it again.
   */
  refuseAccessKeyDeletion: (userName: string, refuse?: boolean) => void;
  /** The sandbox's OIDC issuer, whose tokens AssumeRoleWithWebIdentity takes. */
  webIdentity: WebIdentityIssuer;
  /** An RS256 ID token from that issuer: sub, aud (sts.amazonaws.com), an hour's life unless told. */
  mintWebIdentityToken: (options?: MintOptions) => string;
  /** The scenario's IAM Identity Center (OIDC, portal, approval page), when it has one. */
  identityCenter: IdentityCenterHttp | undefined;
  /** New limits for the portal's throttle (a full bucket from now). */
  setPortalThrottle: (options: ThrottleOptions) => void;
  /** Latency, bandwidth and S3 faults (changeable while running), and the traffic counts. */
  wire: WireConditions;
  /**
   * An endpoint that is down, for clients' "cannot reach AWS": while on, every connection is reset
   * as it arrives (the port stays bound, so turning it off brings the same endpoint back).
   */
  setUnreachable: (unreachable: boolean) => void;
  close: () => Promise<void>;
}

/** S3 documents 8 KiB as the largest header section it takes. */
const MAX_HEADER_BYTES = 8192;
const MAX_BODY_BYTES = 64 * 1024 * 1024 + 1024 * 1024;
const QUERY_MAX_BODY_BYTES = 128 * 1024;
const NAMESPACES = { sts: STS_NAMESPACE, iam: IAM_NAMESPACE };

/** Which service a request is for: its signature's scope says, else the Query protocol means STS. */
function serviceOf(request: SandboxRequest, claim: ClaimedSignature | undefined): ServiceName {
  if (claim?.service === 'sts' || claim?.service === 'iam' || claim?.service === 's3') return claim.service;
  return isQueryProtocol(request) ? 'sts' : 's3';
}

function s3Error(error: AwsError, requestId: string, method: string): SandboxResponse {
  const hostId = randomBytes(48).toString('base64');
  const headers = { 'x-amz-request-id': requestId, 'x-amz-id-2': hostId, ...error.headers };
  if (method === 'HEAD') return { status: error.status, headers };
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message>${renderXml(error.details)}` +
    `<RequestId>${requestId}</RequestId><HostId>${hostId}</HostId></Error>`;
  return { status: error.status, headers: { ...headers, 'content-type': 'application/xml' }, body };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const scenario = options.scenario ?? loadScenario();
  const now = options.clock ?? Date.now;
  const identities = new Identities(scenario, now);
  const buckets = new Map(scenario.buckets.map((spec) => [spec.name, Bucket.fromScenario(spec)]));
  const s3 = new S3Service(identities, buckets, now);
  const wire = new WireConditions(options);
  const federation = new FederationService(identities, now);
  const webIdentity = new WebIdentityIssuer(
    scenario.webIdentity?.issuer ?? DEFAULT_WEB_IDENTITY_ISSUER,
    scenario.webIdentity?.tokenFile.sub ?? DEFAULT_WEB_IDENTITY_SUBJECT,
    now,
  );

  let port = 0;
  const identityCenter = scenario.identityCenter
    ? new IdentityCenterHttp(
        scenario.identityCenter,
        identities,
        options.identityCenter ?? {},
        now,
        () => port,
      )
    : undefined;

  async function answerQuery(
    service: 'sts' | 'iam',
    request: SandboxRequest,
    claim: ClaimedSignature | undefined,
  ) {
    // Read before authenticating only to spot the unsigned call; a malformed body is answered after.
    let early;
    try {
      early = queryParams(request);
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
    }
    if (service === 'sts' && early && isUnsignedStsAction(early))
      return handleUnsignedSts(identities, webIdentity, early, now());
    const caller = await authenticate(request, service, claim, identities, now());
    const params = early ?? queryParams(request);
    return service === 'iam'
      ? handleIam(identities, caller, params)
      : handleSts(identities, caller, params, now());
  }

  async function respond(
    message: IncomingMessage,
  ): Promise<{ response: SandboxResponse; service: ServiceName; action: string }> {
    const url = message.url ?? '/';
    const queryStart = url.indexOf('?');
    let service: ServiceName = 's3';
    let action: string;
    const requestId = randomUUID();
    const s3RequestId = requestId.replace(/-/g, '').slice(0, 16).toUpperCase();
    const method = message.method ?? 'GET';
    try {
      const request: SandboxRequest = {
        id: requestId,
        method,
        rawPath: queryStart < 0 ? url : url.slice(0, queryStart),
        query: emptyParams(),
        headers: headerBag(message),
        body: Buffer.alloc(0),
      };
      const rawQuery = queryStart < 0 ? '' : url.slice(queryStart + 1);
      try {
        request.query = parseQuery(rawQuery);
      } catch (error) {
        if (error instanceof MalformedQuery) throw new AwsError('MalformedQueryString', error.message, 400);
        throw error;
      }
      if (headerBytes(message) > MAX_HEADER_BYTES) {
        throw new AwsError(
          'RequestHeaderSectionTooLarge',
          'Your request header section exceeds the maximum allowed size.',
          400,
          {
            MaxSizeAllowed: String(MAX_HEADER_BYTES),
          },
        );
      }
      let claim;
      try {
        claim = claimedSignature(request);
      } catch (error) {
        service = isQueryProtocol(request) ? 'sts' : 's3';
        if (error instanceof MalformedAuthorization) {
          throw service === 'sts'
            ? new AwsError('IncompleteSignature', error.message, 400)
            : new AwsError(
                request.query['X-Amz-Algorithm']
                  ? 'AuthorizationQueryParametersError'
                  : 'AuthorizationHeaderMalformed',
                error.message,
                400,
              );
        }
        if (error instanceof UnsupportedAuthorization) {
          throw service === 'sts'
            ? new AwsError('IncompleteSignature', error.message, 400)
            : new AwsError(
                'InvalidRequest',
                'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
                400,
              );
        }
        throw error;
      }
      service = serviceOf(request, claim);
      if (service !== 's3') {
        request.body = await readBody(message, QUERY_MAX_BODY_BYTES);
        const result = await answerQuery(service, request, claim);
        action = result.action;
        return {
          service,
          action,
          response: queryResponse(NAMESPACES[service], result.action, result.result, requestId),
        };
      }
      const target = s3Target(request);
      request.body = await readBody(message, MAX_BODY_BYTES);
      const caller = await authenticate(request, 's3', claim, identities, now());
      const fault = wire.s3Faults?.(request);
      if (fault) throw fault;
      const response = await s3.handle(request, target, caller);
      response.headers['x-amz-request-id'] = s3RequestId;
      return { service, action: `${method} ${request.rawPath}`, response };
    } catch (error) {
      let awsError: AwsError;
      if (error instanceof AwsError) awsError = error;
      else {
        options.onRequest?.(`internal error: ${(error as Error).stack ?? String(error)}`);
        awsError = new AwsError('InternalError', 'We encountered an internal error. Please try again.', 500);
      }
      action = `${method} ${url.slice(0, 80)}`;
      const response =
        service === 's3'
          ? s3Error(awsError, s3RequestId, method)
          : queryError(NAMESPACES[service], awsError, requestId);
      return { service, action, response };
    }
  }

  async function handler(message: IncomingMessage, reply: ServerResponse): Promise<void> {
    // The console federation endpoint (unsigned GET /federation) and Identity Center's unsigned
    // APIs and page are neither STS nor S3.
    const sso = identityCenter && identityCenterService(message);
    const { response, service, action } = sso
      ? { service: sso, ...(await identityCenter.handle(sso, message, randomUUID())) }
      : isFederationRequest(message)
        ? { service: 'federation', ...federation.handle(message) }
        : await respond(message);
    const body =
      response.body === undefined
        ? undefined
        : Buffer.isBuffer(response.body)
          ? response.body
          : Buffer.from(response.body, 'utf8');
    const headers: Record<string, string> = {
      server: 'RoleTraySandbox',
      date: new Date(now()).toUTCString(),
      ...response.headers,
    };
    if (message.method === 'HEAD' || body === undefined) headers['content-length'] ??= '0';
    else headers['content-length'] = String(body.length);
    await wire.hold();
    reply.writeHead(response.status, headers);
    await wire.send(reply, message.method === 'HEAD' ? undefined : body);
    options.onRequest?.(`${service} ${response.status} ${action}`);
  }

  const server: Server = createServer({ maxHeaderSize: 64 * 1024 }, (message, reply) => {
    wire.traffic.begin(requestKind(message.method ?? 'GET', message.url ?? '/'));
    reply.once('close', () => wire.traffic.end());
    handler(message, reply).catch((error: unknown) => {
      options.onRequest?.(`failed to answer: ${String(error)}`);
      reply.destroy();
    });
  });
  let unreachable = false;
  server.on('connection', (socket) => {
    if (unreachable) socket.destroy();
  });
  // Requests Node cannot even parse (headers beyond 64 KiB, garbage) still get an S3-style answer.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return;
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const awsError = tooLarge
      ? new AwsError(
          'RequestHeaderSectionTooLarge',
          'Your request header section exceeds the maximum allowed size.',
          400,
          {
            MaxSizeAllowed: String(MAX_HEADER_BYTES),
          },
        )
      : new AwsError('BadRequest', 'An error occurred when parsing the HTTP request.', 400);
    const { body } = s3Error(awsError, randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase(), 'GET');
    const text = String(body);
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: application/xml\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    scenario,
    identities,
    s3,
    refuseAccessKeyDeletion: (userName, refuse = true) => {
      if (refuse) identities.attachUserPolicy(userName, REFUSE_ACCESS_KEY_DELETION);
      else identities.detachUserPolicy(userName, REFUSE_ACCESS_KEY_DELETION.name);
    },
    webIdentity,
    mintWebIdentityToken: (mintOptions) => webIdentity.mint(mintOptions),
    identityCenter,
    setPortalThrottle: (throttle) => identityCenter?.portal.throttle.configure(throttle),
    wire,
    setUnreachable: (on) => {
      unreachable = on;
      // Kept-alive connections go too: a client must not slip through on one.
      if (on) server.closeAllConnections();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
