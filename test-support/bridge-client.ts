import { request as httpRequest } from 'node:http';
import { EventFrames } from '../dev/preview/page/event-frames';
import type { EventChannel, EventChannels } from '../shared/ipc-contract';

// The bridge's tests talk to it as a page would, over real HTTP: fetch for calls, a streamed GET
// for the events. Every body received is kept in `transcript`, so a test can search it for secrets.

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface EventFrame {
  event: EventChannel;
  payload: unknown;
}

export class BridgeClient {
  /** Every response body and event frame, as received. */
  readonly transcript: string[] = [];

  constructor(
    readonly port: number,
    readonly token: string,
  ) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** POST /invoke/<channel> with the token, as the shim sends it; `body` replaces `{request}`. */
  async invoke(
    channel: string,
    request?: unknown,
    options: { token?: string | null; headers?: Record<string, string>; body?: string } = {},
  ): Promise<{ status: number; body: unknown }> {
    const token = options.token === undefined ? this.token : options.token;
    const response = await fetch(`${this.origin}/invoke/${channel}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...options.headers,
      },
      body: options.body ?? JSON.stringify(request === undefined ? {} : { request }),
    });
    const text = await response.text();
    this.transcript.push(text);
    return { status: response.status, body: JSON.parse(text) as unknown };
  }

  /** A request exactly as given: the path is not normalised and Host can be anything. */
  raw(
    path: string,
    options: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const sent = httpRequest(
        {
          host: '127.0.0.1',
          port: this.port,
          path,
          method: options.method ?? 'GET',
          headers: options.headers,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            this.transcript.push(text);
            resolve({ status: response.statusCode ?? 0, headers: response.headers, text });
          });
        },
      );
      sent.on('error', reject);
      sent.end(options.body);
    });
  }

  /** Opens GET /events with the token, as the shim does; resolves once the bridge is subscribed. */
  async events(token: string = this.token): Promise<EventStream> {
    const controller = new AbortController();
    const response = await fetch(`${this.origin}/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    if (response.status !== 200 || !response.body) {
      throw new Error(`GET /events answered ${response.status}: ${await response.text()}`);
    }
    return new EventStream(response.body, controller, this.transcript);
  }
}

export class EventStream {
  readonly frames: EventFrame[] = [];
  private readonly reader = new EventFrames();
  private taken = new Set<EventFrame>();
  private waiters: (() => void)[] = [];
  private done = false;
  /** Resolves when the bridge ends the stream. */
  readonly ended: Promise<void>;

  constructor(
    body: ReadableStream<Uint8Array>,
    private readonly controller: AbortController,
    transcript: string[],
  ) {
    this.ended = (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of body) {
          const text = decoder.decode(chunk, { stream: true });
          transcript.push(text);
          this.receive(text);
        }
      } catch {
        // Aborted by close().
      }
      this.done = true;
      for (const wake of this.waiters.splice(0)) wake();
    })();
  }

  private receive(text: string): void {
    for (const data of this.reader.push(text)) this.frames.push(JSON.parse(data) as EventFrame);
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** The first event of that name (matching `where`) not yet returned by next(). */
  async next<E extends EventChannel>(
    event: E,
    where: (payload: EventChannels[E]) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<EventChannels[E]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(
        (frame) =>
          !this.taken.has(frame) && frame.event === event && where(frame.payload as EventChannels[E]),
      );
      if (found) {
        this.taken.add(found);
        return found.payload as EventChannels[E];
      }
      const left = deadline - Date.now();
      if (left <= 0 || this.done) {
        throw new Error(
          `no ${event} event within ${timeoutMs} ms; got ${this.frames.map((f) => f.event).join(', ')}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.controller.abort();
  }
}
