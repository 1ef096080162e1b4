import { createContext, use, useState, type ReactNode } from 'react';
import type { RoleTrayApi } from '../../../shared/ipc-contract';
import { roleTrayApi } from '../lib/roletray-client';

// The window's connection to main: `window.roletray` (the preload in Electron, the bridge shim in a
// browser), read once for the whole page. Every hook that talks to main takes it from here. The MFA
// window needs only this; the main window builds its shared state on it (RoleTrayContext).

interface Connection {
  /** Undefined when the page was opened without the preload or the bridge. */
  api: RoleTrayApi | undefined;
}

// Null outside a provider, so a component rendered without one fails loudly instead of acting as if
// the window were not connected.
const ConnectionContext = createContext<Connection | null>(null);

export function RoleTrayApiProvider({ children }: { children: ReactNode }) {
  const [connection] = useState<Connection>(() => ({ api: roleTrayApi() }));
  return <ConnectionContext value={connection}>{children}</ConnectionContext>;
}

/** `window.roletray` as the page found it, or undefined when it is not connected. */
export function useRoleTrayApi(): RoleTrayApi | undefined {
  const connection = use(ConnectionContext);
  if (!connection) throw new Error('useRoleTrayApi() needs a <RoleTrayApiProvider> above it.');
  return connection.api;
}
