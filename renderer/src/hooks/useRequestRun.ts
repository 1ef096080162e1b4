import { useState } from 'react';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { IpcResult } from '../../../shared/ipc-contract';

// One user action at a time, with what it did or why not: `working` while it runs, then either
// `done` (a sentence) or `error` (main's typed error), each cleared by the next action.

export interface RequestRun {
  working: boolean;
  done: string;
  error: RoleTrayErrorInfo | undefined;
  setError: (error: RoleTrayErrorInfo | undefined) => void;
  /** Runs `ask`; `said` is the sentence shown when it worked. Resolves with its value, or undefined. */
  run: <T>(ask: () => Promise<IpcResult<T>>, said: string | ((value: T) => string)) => Promise<T | undefined>;
}

export function useRequestRun(): RequestRun {
  const [working, setWorking] = useState(false);
  const [done, setDone] = useState('');
  const [error, setError] = useState<RoleTrayErrorInfo>();
  const run = async <T>(
    ask: () => Promise<IpcResult<T>>,
    said: string | ((value: T) => string),
  ): Promise<T | undefined> => {
    setWorking(true);
    setDone('');
    setError(undefined);
    const result = await ask();
    setWorking(false);
    if (!result.ok) {
      setError(result.error);
      return undefined;
    }
    setDone(typeof said === 'string' ? said : said(result.value));
    return result.value;
  };
  return { working, done, error, setError, run };
}
