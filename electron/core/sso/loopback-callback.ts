import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// The loopback redirect a native app's OAuth sign-in comes back to (RFC 8252 §7.3), as awscli's
// AuthCodeFetcher serves it: 127.0.0.1 on a free port, bound before the browser opens, kept until
// the one callback whose `state` is ours arrives (another state is refused and the wait goes on),
// or the time limit passes. The browser is answered with a small page saying what happened.

export const CALLBACK_PATH = '/oauth/callback';

export type CallbackResult =
  | { outcome: 'code'; code: string }
  | { outcome: 'error'; error: string; description?: string }
  | { outcome: 'timeout' }
  | { outcome: 'aborted' };

export interface LoopbackCallback {
  /** `http://127.0.0.1:PORT/oauth/callback`. */
  redirectUri: string;
  /** Resolves once: the code, the error the server sent back, the time limit, or the abort. */
  result: Promise<CallbackResult>;
  close(): void;
}

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="font-family:system-ui,sans-serif;margin:4rem auto;max-width:32rem">` +
  `<h1>${title}</h1><p>${text}</p></body></html>`;

function answer(response: ServerResponse, status: number, title: string, text: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  response.end(page(title, text));
}

export async function listenForCallback(options: {
  state: string;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<LoopbackCallback> {
  let settle!: (result: CallbackResult) => void;
  const result = new Promise<CallbackResult>((resolve) => (settle = resolve));
  let done = false;
  const finish = (outcome: CallbackResult) => {
    if (done) return;
    done = true;
    settle(outcome);
    close();
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET' || url.pathname !== CALLBACK_PATH || done) {
      answer(response, 404, 'Not found', 'This address only receives the IAM Identity Center sign-in.');
      return;
    }
    const params = url.searchParams;
    if (params.get('state') !== options.state) {
      answer(response, 400, 'Sign-in refused', 'This answer is not for the sign-in RoleTray started.');
      return;
    }
    const error = params.get('error');
    if (error !== null) {
      const description = params.get('error_description');
      answer(response, 200, 'Sign-in not completed', 'RoleTray was not signed in. You can close this tab.');
      finish({ outcome: 'error', error, ...(description ? { description } : {}) });
      return;
    }
    const code = params.get('code');
    if (!code) {
      answer(response, 400, 'Sign-in refused', 'The answer holds no authorization code.');
      return;
    }
    answer(response, 200, 'Signed in', 'RoleTray is signed in. You can close this tab.');
    finish({ outcome: 'code', code });
  });
  // A browser keeps its connection open; the server must not wait for it to close.
  server.keepAliveTimeout = 1000;
  const timer = setTimeout(() => finish({ outcome: 'timeout' }), options.timeoutMs);
  const onAbort = () => finish({ outcome: 'aborted' });
  options.signal?.addEventListener('abort', onAbort, { once: true });
  function close() {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    server.close();
    server.closeAllConnections();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    result,
    close: () => finish({ outcome: 'aborted' }),
  };
}
