import { useState } from 'react';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { HeldKeysResult } from '../../../shared/held-keys-view';
import type { IpcResult } from '../../../shared/ipc-contract';
import { useRoleTray } from '../state/RoleTrayContext';

// One operation on keys at a time, with main's sentence for what it did or why not. The profile
// list follows by itself: main reloads the AWS files and pushes profiles:changed.

export interface KeysRequest {
  working: boolean;
  done: string;
  error?: RoleTrayErrorInfo;
  run: (ask: () => Promise<IpcResult<HeldKeysResult>>) => Promise<boolean>;
}

export function useKeysRequest(): KeysRequest {
  const { data } = useRoleTray();
  const [working, setWorking] = useState(false);
  const [done, setDone] = useState('');
  const [error, setError] = useState<RoleTrayErrorInfo>();
  const run = async (ask: () => Promise<IpcResult<HeldKeysResult>>) => {
    setWorking(true);
    setDone('');
    setError(undefined);
    const result = await ask();
    setWorking(false);
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    setDone(result.value.message);
    await data.refreshProfiles();
    return true;
  };
  return { working, done, ...(error ? { error } : {}), run };
}
