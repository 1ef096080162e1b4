import { useCallback, useEffect, useRef, useState } from 'react';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { MfaSessionInfo } from '../../../shared/sessions';
import { request } from '../lib/roletray-client';
import { useRoleTrayApi } from '../state/RoleTrayApiContext';
import { useCoalesced } from './useCoalesced';
import { useRoleTrayEvent } from './useRoleTrayEvent';

// The MFA (GetSessionToken) sessions main keeps, listed again on every session event (one is made,
// expires or is forgotten with a `changed`), and forgetting one by its device.

export interface MfaSessions {
  sessions: MfaSessionInfo[];
  /** Listing failed, or the last forget did. */
  error?: RoleTrayErrorInfo;
  /** The device being forgotten now. */
  forgetting?: string;
  forget: (device: string) => Promise<boolean>;
}

export function useMfaSessions(): MfaSessions {
  const api = useRoleTrayApi();
  const [sessions, setSessions] = useState<MfaSessionInfo[]>([]);
  const [error, setError] = useState<RoleTrayErrorInfo>();
  const [forgetting, setForgetting] = useState<string>();
  // Answers can arrive out of order; only the latest list is kept.
  const latest = useRef(0);

  // Once per burst of session events, not once per event.
  const refreshNow = useCallback(async () => {
    if (!api) return;
    const id = ++latest.current;
    const result = await request(api, 'mfa:sessions');
    if (id !== latest.current) return;
    if (result.ok) setSessions(result.value);
    else setError(result.error);
  }, [api]);
  const refresh = useCoalesced(refreshNow);

  // The first list, answered into state from the request's callback (not synchronously in the effect).
  useEffect(() => {
    if (!api) return;
    const id = ++latest.current;
    void request(api, 'mfa:sessions').then((result) => {
      if (id !== latest.current) return;
      if (result.ok) setSessions(result.value);
      else setError(result.error);
    });
  }, [api]);
  useRoleTrayEvent('sessions:event', () => void refresh());

  const forget = useCallback(
    async (device: string) => {
      if (!api) return false;
      setForgetting(device);
      setError(undefined);
      const result = await request(api, 'mfa:forget', { device });
      setForgetting(undefined);
      if (!result.ok) setError(result.error);
      await refresh();
      return result.ok;
    },
    [api, refresh],
  );

  return { sessions, ...(error ? { error } : {}), ...(forgetting ? { forgetting } : {}), forget };
}
