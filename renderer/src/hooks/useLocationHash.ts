import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** `location.hash`, following changes (main may point an open window at another role). */
export function useLocationHash(): string {
  return useSyncExternalStore(subscribe, () => location.hash);
}
