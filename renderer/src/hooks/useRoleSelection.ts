import { useState } from 'react';
import { browseHash } from '../../../shared/app-hash';
import type { RoleActions } from './useRoleActions';

// The role the main window has selected: the one its `#role=` names to begin with, and again
// whenever the tray points the window at another role. Acting on a role from its row selects it.

export interface RoleSelection {
  selected?: string;
  select: (profile: string) => void;
  /** Selects the role and assumes it. */
  assume: (profile: string) => void;
  /** Selects the role and renews its session. */
  renew: (profile: string) => void;
  /** Selects the role and opens the S3 browser with its session. */
  browse: (profile: string) => void;
}

export function useRoleSelection(openedOn: string | undefined, actions: RoleActions): RoleSelection {
  const [selected, setSelected] = useState(openedOn);
  const [lastOpenedOn, setLastOpenedOn] = useState(openedOn);
  if (openedOn !== lastOpenedOn) {
    setLastOpenedOn(openedOn);
    if (openedOn) setSelected(openedOn);
  }

  return {
    ...(selected ? { selected } : {}),
    select: setSelected,
    assume: (profile) => {
      setSelected(profile);
      void actions.assume(profile);
    },
    renew: (profile) => {
      setSelected(profile);
      void actions.renew(profile);
    },
    browse: (profile) => {
      setSelected(profile);
      window.location.hash = browseHash({ profile, prefix: '' });
    },
  };
}
