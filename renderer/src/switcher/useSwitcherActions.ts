import { useCallback, useRef, useState } from 'react';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { RoleTrayApi } from '../../../shared/ipc-contract';
import { isQuietError } from '../lib/error-text';
import { request } from '../lib/roletray-client';

// What the quick switcher does to the highlighted role: assume it, open the console as it, or copy
// its environment variables. One at a time. `run` says whether it worked (the switcher then closes);
// a failure stays on screen as the core's sentence until the next attempt; a cancelled MFA prompt
// is neither.

export type SwitcherActionKind = 'assume' | 'console' | 'copy-env';

export interface SwitcherPending {
  kind: SwitcherActionKind;
  profile: string;
}

export interface SwitcherFailure {
  profile: string;
  error: RoleTrayErrorInfo;
}

export interface SwitcherActions {
  pending?: SwitcherPending;
  failure?: SwitcherFailure;
  /** True when it worked; false when it failed, was cancelled, or another action is running. */
  run: (kind: SwitcherActionKind, profile: string) => Promise<boolean>;
  /** Forgets the failure (the switcher closed, or the query changed what it is about). */
  clearFailure: () => void;
}

/** The shell whose `export` lines Shift+Enter copies: PowerShell on Windows, sh-compatible elsewhere. */
export function defaultShell(userAgent: string): 'powershell' | 'sh' {
  return /Windows/i.test(userAgent) ? 'powershell' : 'sh';
}

export function useSwitcherActions(
  api: RoleTrayApi | undefined,
  afterAssume: () => Promise<void>,
): SwitcherActions {
  const [pending, setPending] = useState<SwitcherPending>();
  const [failure, setFailure] = useState<SwitcherFailure>();
  // A key pressed twice before React re-renders must not start a second action.
  const busy = useRef(false);

  const run = useCallback(
    async (kind: SwitcherActionKind, profile: string) => {
      if (!api || busy.current) return false;
      busy.current = true;
      setPending({ kind, profile });
      setFailure(undefined);
      const result =
        kind === 'assume'
          ? await request(api, 'sessions:assume', { profile })
          : kind === 'console'
            ? await request(api, 'handoff:open-console', { profile })
            : await request(api, 'handoff:copy-env', { profile, shell: defaultShell(navigator.userAgent) });
      busy.current = false;
      setPending(undefined);
      if (kind === 'assume') await afterAssume();
      if (!result.ok && !isQuietError(result.error)) setFailure({ profile, error: result.error });
      return result.ok;
    },
    [api, afterAssume],
  );

  const clearFailure = useCallback(() => setFailure(undefined), []);
  return { ...(pending ? { pending } : {}), ...(failure ? { failure } : {}), run, clearFailure };
}
