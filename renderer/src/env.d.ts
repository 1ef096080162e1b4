import type { RoleTrayApi } from '../../shared/roletray-api';

declare global {
  interface Window {
    /** Provided by the preload (Electron) or the loopback bridge's shim (browser tests). */
    readonly roletray?: RoleTrayApi;
  }
}
