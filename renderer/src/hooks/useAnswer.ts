import { useEffect, useEffectEvent, useState } from 'react';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { IpcResult } from '../../../shared/ipc-contract';

// One request's answer, asked again whenever `key` changes (another object, a retry after the
// session was renewed). Answers to an earlier question are dropped; no key, no request.

export interface Answer<T> {
  loading: boolean;
  value?: T;
  error?: RoleTrayErrorInfo;
}

interface Kept<T> {
  key: string;
  result: IpcResult<T>;
}

export function useAnswer<T>(key: string | undefined, ask: () => Promise<IpcResult<T>>): Answer<T> {
  const [kept, setKept] = useState<Kept<T>>();
  const askNow = useEffectEvent(ask);

  useEffect(() => {
    if (key === undefined) return undefined;
    let current = true;
    void askNow().then((result) => {
      if (current) setKept({ key, result });
    });
    return () => {
      current = false;
    };
  }, [key]);

  if (key === undefined) return { loading: false };
  if (kept?.key !== key) return { loading: true };
  return kept.result.ok
    ? { loading: false, value: kept.result.value }
    : { loading: false, error: kept.result.error };
}
