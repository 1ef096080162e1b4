import { createContext, use, type ReactNode } from 'react';
import type { RoleTrayApi } from '../../../shared/ipc-contract';
import { useMfaPrompts, type MfaPrompts } from '../hooks/useMfaPrompts';
import { useRoleActions, type RoleActions } from '../hooks/useRoleActions';
import { useRoleSelection, type RoleSelection } from '../hooks/useRoleSelection';
import { useRoleTrayData, type RoleTrayData } from '../hooks/useRoleTrayData';
import { useRoleTrayApi } from './RoleTrayApiContext';

// The main window's shared state, built once and read by every view through useRoleTray(): what
// main knows, what the user can do to roles, the MFA prompts and the selected role. Views get only
// what is their own (the role a row shows, a query, a ref) as props.

export interface RoleTray {
  api: RoleTrayApi;
  data: RoleTrayData;
  actions: RoleActions;
  mfa: MfaPrompts;
  selection: RoleSelection;
}

const RoleTrayContext = createContext<RoleTray | null>(null);

interface RoleTrayProviderProps {
  /** The role the window's `#role=` names. */
  openedOn?: string;
  /** Shown instead of the children when the window is not connected to main. */
  disconnected: ReactNode;
  children: ReactNode;
}

export function RoleTrayProvider({ openedOn, disconnected, children }: RoleTrayProviderProps) {
  const api = useRoleTrayApi();
  const data = useRoleTrayData();
  const actions = useRoleActions(data);
  // A sent code stays on screen as "checking" until the assume or renewal it is for has finished.
  const busy = Object.values(actions.pending).some((action) => action !== 'end');
  const mfa = useMfaPrompts({ holdWhile: busy, lingerMs: 250 });
  const selection = useRoleSelection(openedOn, actions);

  if (!api) return disconnected;
  return <RoleTrayContext value={{ api, data, actions, mfa, selection }}>{children}</RoleTrayContext>;
}

/** The main window's shared state; only inside a connected RoleTrayProvider. */
export function useRoleTray(): RoleTray {
  const roleTray = use(RoleTrayContext);
  if (!roleTray) throw new Error('useRoleTray() needs a <RoleTrayProvider> above it.');
  return roleTray;
}
