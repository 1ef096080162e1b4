import type { RoleTrayApi } from '../../../shared/ipc-contract';
import { useRoleTrayApi } from '../state/RoleTrayApiContext';
import { useRoleActions, type RoleActions } from './useRoleActions';
import { useRoleTrayData, type RoleTrayData } from './useRoleTrayData';

// The one hook the app's views use: what main knows and what the user can do, over `window.roletray`.

export interface RoleTray {
  /** Undefined when the window has no `window.roletray` (opened without the preload or bridge). */
  api: RoleTrayApi | undefined;
  data: RoleTrayData;
  actions: RoleActions;
}

export function useRoleTray(): RoleTray {
  const api = useRoleTrayApi();
  const data = useRoleTrayData();
  const actions = useRoleActions(data);
  return { api, data, actions };
}
