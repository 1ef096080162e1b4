import { useState } from 'react';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { ShellKind } from '../../../shared/handoff-view';
import type { IpcResult } from '../../../shared/ipc-contract';
import type { RoleView } from '../../../shared/profiles-view';
import type { RoleActionId } from '../lib/role-menu';
import { request } from '../lib/roletray-client';
import { useRoleTray } from '../state/RoleTrayContext';

// The row menu's and the row keys' actions for one role. Session actions go through the shared
// role actions (their errors show on the row); hand-offs straight to main, with what each did or
// why not kept per role until the next one; the panels (hand-offs, editor) open beside the list.

export type RolePanel = 'handoff' | 'edit';

export interface RoleCommandResult {
  said?: string;
  error?: RoleTrayErrorInfo;
}

export interface RoleCommands {
  run: (role: RoleView, id: RoleActionId) => void;
  results: Record<string, RoleCommandResult>;
  dismiss: (profile: string) => void;
}

/** The shell whose variables "Copy shell variables" copies: PowerShell on Windows, else sh. */
const defaultShell = (): ShellKind => (/win/i.test(navigator.platform) ? 'powershell' : 'sh');

export function useRoleCommands(openPanel: (profile: string, panel: RolePanel) => void): RoleCommands {
  const { api, actions, selection } = useRoleTray();
  const [results, setResults] = useState<Record<string, RoleCommandResult>>({});
  const settle = (profile: string, result: RoleCommandResult) =>
    setResults((current) => ({ ...current, [profile]: result }));

  const handOff = async <T>(
    profile: string,
    ask: () => Promise<IpcResult<T>>,
    said: (value: T) => string,
  ) => {
    settle(profile, {});
    const result = await ask();
    settle(profile, result.ok ? { said: said(result.value) } : { error: result.error });
  };

  const run = (role: RoleView, id: RoleActionId) => {
    const profile = role.name;
    selection.select(profile);
    switch (id) {
      case 'assume':
        return selection.assume(profile);
      case 'renew':
        return selection.renew(profile);
      case 'end':
        return void actions.end(profile);
      case 'browse':
        return selection.browse(profile);
      case 'console':
        return void handOff(
          profile,
          () => request(api, 'handoff:open-console', { profile }),
          () => 'Opened the AWS console in your browser.',
        );
      case 'terminal':
        return void handOff(
          profile,
          () => request(api, 'handoff:open-terminal', { profile }),
          () => 'Opened a terminal: AWS tools in it use this role.',
        );
      case 'copy-env': {
        const shell = defaultShell();
        return void handOff(
          profile,
          () => request(api, 'handoff:copy-env', { profile, shell }),
          ({ clearedAfterSeconds: after }) =>
            `Copied the ${shell === 'sh' ? 'sh, bash, zsh' : 'PowerShell'} variables to the clipboard${
              after === null ? '.' : `; they leave it in ${after} s unless you copy something else.`
            }`,
        );
      }
      case 'handoff':
        return openPanel(profile, 'handoff');
      case 'edit':
        return openPanel(profile, 'edit');
      case 'favourite':
        return void (async () => {
          const favourite = role.metadata.favourite === true;
          const result = await actions.updateMetadata(profile, { favourite: favourite ? null : true });
          if (!result.ok) settle(profile, { error: result.error });
        })();
    }
  };

  const dismiss = (profile: string) => setResults(({ [profile]: _gone, ...rest }) => rest);

  return { run, results, dismiss };
}
