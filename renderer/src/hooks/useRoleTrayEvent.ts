import { useEffect, useEffectEvent } from 'react';
import type { EventChannel, EventChannels } from '../../../shared/ipc-contract';
import { useRoleTrayApi } from '../state/RoleTrayApiContext';

/** Listens to one event from main while the component is mounted, and unsubscribes on unmount. */
export function useRoleTrayEvent<E extends EventChannel>(
  event: E,
  listener: (payload: EventChannels[E]) => void,
): void {
  const api = useRoleTrayApi();
  const onEvent = useEffectEvent(listener);
  useEffect(() => api?.on(event, (payload) => onEvent(payload)), [api, event]);
}
