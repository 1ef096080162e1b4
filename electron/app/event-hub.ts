import type { EventChannel, EventChannels } from '../../shared/ipc-contract';

export type EventListener = <E extends EventChannel>(event: E, payload: EventChannels[E]) => void;

/** Main → renderer events, fanned out to every subscriber (Electron windows, bridge clients). */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish<E extends EventChannel>(event: E, payload: EventChannels[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }
}
