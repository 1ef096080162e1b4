import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { HeldKeysResult } from '../../../shared/held-keys-view';
import type { IpcResult } from '../../../shared/ipc-contract';
import { useRoleTray } from '../state/RoleTrayContext';
import { useRequestRun } from './useRequestRun';

// An operation on keys, with main's sentence for what it did or why not; the profile list is read
// again after it (main also pushes profiles:changed once it has reloaded the AWS files).

export interface KeysRequest {
  working: boolean;
  done: string;
  error: RoleTrayErrorInfo | undefined;
  run: (ask: () => Promise<IpcResult<HeldKeysResult>>) => Promise<boolean>;
}

export function useKeysRequest(): KeysRequest {
  const { data } = useRoleTray();
  const { working, done, error, run } = useRequestRun();
  return {
    working,
    done,
    error,
    run: async (ask) => {
      const result = await run(ask, (value) => value.message);
      if (result) await data.refreshProfiles();
      return result !== undefined;
    },
  };
}
