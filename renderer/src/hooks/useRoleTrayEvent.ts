import { useEffect, useEffectEvent } from 'react';
import type { EventChannel, EventChannels, RoleTrayApi } from '../../../shared/ipc-contract';

/** Listens to one event from main while the component is mounted, and unsubscribes on unmount. */
export function useRoleTrayEvent<E extends EventChannel>(
  api: RoleTrayApi | undefined,
  event: E,
  listener: (payload: EventChannels[E]) => void,
): void {
  const onEvent = useEffectEvent(listener);
  useEffect(() => api?.on(event, (payload) => onEvent(payload)), [api, event]);
}
