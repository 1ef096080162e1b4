import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventChannel, EventChannels } from '../../shared/ipc-contract';
import type { AppServices } from '../../electron/app/app-services';

// Main → page events as Server-Sent Events: one `data: {"event", "payload"}` frame per hub event.
// Plain HTTP that EventSource reconnects by itself, so no WebSocket dependency is needed.

const HEARTBEAT_MS = 15_000;

export class EventStreams {
  private readonly streams = new Set<ServerResponse>();

  constructor(private readonly services: Pick<AppServices, 'hub' | 'broker'>) {}

  serve(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    const send = <E extends EventChannel>(event: E, payload: EventChannels[E]) =>
      response.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
    const unsubscribe = this.services.hub.subscribe(send);
    // Subscribed first, then headers out: a client that sees the response misses no later event.
    response.write('retry: 1000\n\n');
    // A prompt opened before this page connected (say, a reload mid-prompt) still waits for an answer.
    for (const view of this.services.broker.open()) send('mfa:request', view);
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    this.streams.add(response);
    request.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.streams.delete(response);
    });
  }

  get size(): number {
    return this.streams.size;
  }

  closeAll(): void {
    for (const response of this.streams) response.end();
  }
}
