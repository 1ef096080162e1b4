/**
 * What the preload exposes on `window.roletray`, the renderer's only way to reach main.
 * The full IPC contract (channels, payload schemas, typed errors) grows here with the sessions core.
 */
export interface RoleTrayApi {
  readonly apiVersion: 1;
}
