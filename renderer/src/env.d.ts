/// <reference types="vite/client" />
import type { RoleTrayApi } from '../../shared/ipc-contract';

declare global {
  interface Window {
    /** Provided by the preload (Electron) or the loopback bridge's shim (browser). */
    readonly roletray?: RoleTrayApi;
  }
}
