import type { EventChannel, IpcResult, RoleTrayApi } from '../../../shared/ipc-contract';
import { EventFrames } from './event-frames';

// `window.roletray` in a plain browser, for the loopback bridge (dev/preview): the same API the
// preload offers in Electron, over fetch and one event stream. The bridge compiles this file into a
// classic script and loads it before the app, so the app cannot tell the difference. Never shipped
// inside the Electron app. The token goes in the Authorization header on every call, the event
// stream included: EventSource cannot send headers, so the stream is read with fetch.

type Listener = (payload: unknown) => void;

const TOKEN_KEY = 'roletray-bridge-token';

/** The token from the preview URL, kept for reloads in this tab and hidden from the address bar. */
function takeToken(): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function failure(message: string): IpcResult<never> {
  return { ok: false, error: { kind: 'Internal', message } };
}

function isIpcResult(value: unknown): value is IpcResult<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** As the bridge's `retry:` asks; EventSource would wait as long before reconnecting. */
const RECONNECT_MS = 1_000;

/**
 * GET /events with the token, reconnecting when the stream ends or the bridge cannot be reached,
 * as EventSource does; a refusal (4xx) is final, as it is for EventSource. Resolves once the first
 * attempt has connected or failed.
 */
function streamEvents(token: string, onFrame: (data: string) => void): Promise<void> {
  let settle: () => void = () => undefined;
  const firstAttempt = new Promise<void>((resolve) => (settle = resolve));
  const connect = async (): Promise<boolean> => {
    const response = await fetch('/events', {
      headers: { authorization: `Bearer ${token}` },
      cache: 'no-store',
    });
    settle();
    if (!response.ok || !response.body) return response.status >= 500;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const frames = new EventFrames();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      for (const data of frames.push(decoder.decode(value, { stream: true }))) onFrame(data);
    }
  };
  void (async () => {
    for (;;) {
      const again = await connect().catch(() => true);
      settle();
      if (!again) return;
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  })();
  return firstAttempt;
}

function install(): void {
  const token = takeToken();
  const listeners = new Map<EventChannel, Set<Listener>>();

  // One stream for every listener, opened now so events (an MFA prompt above all) are not missed.
  // The first request waits until the stream is open (or has failed), so it cannot miss the events
  // its own handling publishes.
  const connected = streamEvents(token, (data) => {
    let frame: { event: EventChannel; payload: unknown };
    try {
      frame = JSON.parse(data) as typeof frame;
    } catch {
      return;
    }
    for (const listener of [...(listeners.get(frame.event) ?? [])]) {
      // One broken listener must not keep the others from hearing the event.
      try {
        listener(frame.payload);
      } catch (error) {
        reportError(error);
      }
    }
  });

  async function post(channel: string, request: unknown[]): Promise<IpcResult<unknown>> {
    await connected;
    let response: Response;
    try {
      response = await fetch(`/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(request.length > 0 ? { request: request[0] } : {}),
        cache: 'no-store',
      });
    } catch {
      return failure('The preview bridge cannot be reached: is `npm run preview` still running?');
    }
    const body: unknown = await response.json().catch(() => undefined);
    // The bridge answers its own refusals (a missing token, a foreign profile) as IpcResults too.
    return isIpcResult(body) ? body : failure(`The preview bridge answered HTTP ${response.status}.`);
  }

  const api: RoleTrayApi = {
    invoke: ((channel: string, ...request: unknown[]) => post(channel, request)) as RoleTrayApi['invoke'],
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      // A wrapper per call: subscribing one function twice gives two subscriptions, as in Electron.
      const entry: Listener = (payload) => (listener as Listener)(payload);
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
  };
  // Read-only, as contextBridge makes it in Electron.
  Object.defineProperty(window, 'roletray', { value: Object.freeze(api), enumerable: true });
}

install();
