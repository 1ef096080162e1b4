import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IpcResult } from '../../shared/ipc-contract';
import type { RoleTrayErrorInfo } from '../../shared/errors';
import type { AppServices } from '../../electron/app/app-services';
import { dispatch } from '../../electron/app/dispatch';
import { BridgeAccess } from './access';
import { EventStreams } from './event-stream';
import { assertSandboxOnly, foreignEndpoint } from './sandbox-guard';
import { shimScript } from './shim-bundle';
import { SHIM_PATH, StaticFiles } from './static-files';

// The loopback bridge: the app's handler table served to a browser page on 127.0.0.1, so the real
// UI runs in a browser against the sandbox. POST /invoke/<channel> answers an IpcResult, GET
// /events streams the event hub, anything else is the built renderer with the shim injected.

export interface BridgeOptions {
  services: AppServices;
  /** The built renderer (`out/renderer`). */
  staticDir: string;
  /** The sandbox every profile must point at; the bridge refuses to start otherwise. */
  sandboxEndpoint: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Refused requests and handler bugs, for the terminal. Never a token, key or query string. */
  log?: (line: string) => void;
}

export interface Bridge {
  /** The page to open; it carries the token. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;
/** A body this far over the cap is not drained any more: the connection is cut. */
const MAX_DRAINED_BYTES = 1024 * 1024;

const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
};

function failure(kind: RoleTrayErrorInfo['kind'], message: string): IpcResult<never> {
  return { ok: false, error: { kind, message } };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...COMMON_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

/** The body as text, or undefined once it passes the cap (the rest is drained, not kept). */
function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > MAX_DRAINED_BYTES) request.destroy();
    });
    request.on('end', () =>
      resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')),
    );
    request.on('error', reject);
  });
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const { services, sandboxEndpoint, log = () => undefined } = options;
  await assertSandboxOnly(services.core.profileState(), sandboxEndpoint);
  const files = await StaticFiles.open(options.staticDir);
  const shim = await shimScript();
  const streams = new EventStreams(services);
  const access = new BridgeAccess();

  async function invoke(request: IncomingMessage, response: ServerResponse, rawPath: string): Promise<void> {
    if (request.method !== 'POST') return sendJson(response, 405, failure('Validation', 'Use POST.'));
    // JSON only: a cross-site form cannot send it without a preflight, which the bridge never grants.
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
      return sendJson(response, 415, failure('Validation', 'The body must be application/json.'));
    }
    const text = await readBody(request);
    if (text === undefined) {
      return sendJson(response, 413, failure('Validation', `The body is over ${MAX_BODY_BYTES} bytes.`));
    }
    let body: unknown;
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      return sendJson(response, 400, failure('Validation', 'The body is not JSON.'));
    }
    const shaped =
      typeof body === 'object' &&
      body !== null &&
      !Array.isArray(body) &&
      Object.keys(body).every((key) => key === 'request');
    if (!shaped) {
      return sendJson(response, 400, failure('Validation', 'The body must be {"request": …} or {}.'));
    }
    let channel: string;
    try {
      channel = decodeURIComponent(rawPath.slice('/invoke/'.length));
    } catch {
      return sendJson(response, 400, failure('Validation', 'The channel name is malformed.'));
    }
    // The config is watched: a profile edited to point elsewhere after start stops the bridge too.
    const foreign = foreignEndpoint(services.core.profileState(), sandboxEndpoint);
    if (foreign) return sendJson(response, 403, failure('ConfigError', `The bridge refuses: ${foreign}.`));
    const payload = (body as { request?: unknown }).request;
    sendJson(response, 200, await dispatch(services.handlers, channel, payload, log));
  }

  async function serveStatic(
    request: IncomingMessage,
    response: ServerResponse,
    rawPath: string,
    withToken: boolean,
  ): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendJson(response, 405, failure('Validation', 'Use GET.'));
    }
    const found =
      rawPath === SHIM_PATH
        ? ({ kind: 'file', body: shim, contentType: 'text/javascript; charset=utf-8' } as const)
        : await files.read(rawPath);
    if (found.kind === 'refused') {
      log(`bridge: refused ${request.method} (${found.reason})`);
      return sendJson(response, 403, failure('Validation', 'That path is outside the renderer.'));
    }
    if (found.kind === 'not-found') return sendJson(response, 404, failure('Validation', 'Not found.'));
    response.writeHead(200, {
      ...COMMON_HEADERS,
      'content-type': found.contentType,
      // The page that presented the token may now load its scripts and styles without it.
      ...(withToken ? { 'set-cookie': access.assetCookie() } : {}),
    });
    response.end(request.method === 'HEAD' ? undefined : found.body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = request.url ?? '/';
    const queryAt = raw.indexOf('?');
    const rawPath = queryAt === -1 ? raw : raw.slice(0, queryAt);
    const query = new URLSearchParams(queryAt === -1 ? '' : raw.slice(queryAt + 1));
    const api = rawPath === '/events' || rawPath.startsWith('/invoke/');
    const verdict = access.check(request.headers, query, api ? 'api' : 'static');
    if (!verdict.ok) {
      log(`bridge: refused ${request.method} ${rawPath.slice(0, 80)}: ${verdict.reason}`);
      return sendJson(response, 403, failure('Validation', verdict.reason));
    }
    if (rawPath.startsWith('/invoke/')) return invoke(request, response, rawPath);
    if (rawPath === '/events') {
      if (request.method !== 'GET') return sendJson(response, 405, failure('Validation', 'Use GET.'));
      return streams.serve(request, response);
    }
    return serveStatic(request, response, rawPath, query.has('token'));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`bridge: ${request.method} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) sendJson(response, 500, failure('Internal', 'The bridge failed.'));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the bridge is never reachable from another machine.
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  access.bind(port);
  const { token } = access;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        streams.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
