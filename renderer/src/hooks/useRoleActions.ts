import { useCallback, useState } from 'react';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { IpcResult, MetadataPatch } from '../../../shared/ipc-contract';
import type { ProfileMetadata } from '../../../shared/sessions';
import { isQuietError } from '../lib/error-text';
import { without } from '../lib/records';
import { request } from '../lib/roletray-client';
import { useRoleTrayApi } from '../state/RoleTrayApiContext';
import type { RoleTrayData } from './useRoleTrayData';

// What the user does to roles, with what is in flight and what failed per profile. A failure is
// kept as the core's sentence until the next attempt; a cancelled MFA prompt is not a failure.

export type PendingAction = 'assume' | 'renew' | 'end';

export interface RoleActions {
  pending: Record<string, PendingAction>;
  errors: Record<string, RoleTrayErrorInfo>;
  /** A failure not tied to one role (signing out, reloading). */
  generalError?: RoleTrayErrorInfo;
  /** The last thing that happened, for a polite live region. */
  status: string;
  signingOut: boolean;
  assume: (profile: string) => Promise<boolean>;
  renew: (profile: string) => Promise<boolean>;
  end: (profile: string) => Promise<boolean>;
  endAll: () => Promise<boolean>;
  reload: () => Promise<boolean>;
  updateMetadata: (profile: string, patch: MetadataPatch) => Promise<IpcResult<ProfileMetadata>>;
  dismissError: (profile?: string) => void;
}

const DONE: Record<PendingAction, (profile: string) => string> = {
  assume: (profile) => `Assumed ${profile}.`,
  renew: (profile) => `Renewed the session of ${profile}.`,
  end: (profile) => `Ended the session of ${profile}.`,
};

export function useRoleActions(data: RoleTrayData): RoleActions {
  const api = useRoleTrayApi();
  const [pending, setPending] = useState<Record<string, PendingAction>>({});
  const [errors, setErrors] = useState<Record<string, RoleTrayErrorInfo>>({});
  const [generalError, setGeneralError] = useState<RoleTrayErrorInfo>();
  const [status, setStatus] = useState('');
  const [signingOut, setSigningOut] = useState(false);
  const { refreshSessions, refreshProfiles, clearNotice, applyMetadata } = data;

  const run = useCallback(
    async (profile: string, action: PendingAction): Promise<boolean> => {
      if (!api) return false;
      setPending((current) => ({ ...current, [profile]: action }));
      setErrors((current) => without(current, profile));
      const result =
        action === 'end'
          ? await request(api, 'sessions:end', { profile })
          : await request(api, action === 'assume' ? 'sessions:assume' : 'sessions:renew', { profile });
      setPending((current) => without(current, profile));
      if (result.ok) {
        clearNotice(profile);
        setStatus(DONE[action](profile));
      } else if (!isQuietError(result.error)) {
        setErrors((current) => ({ ...current, [profile]: result.error }));
      } else {
        setStatus(`Cancelled: ${profile} was not assumed.`);
      }
      // "Last used" changes with every assume; the session list with everything.
      await Promise.all([refreshSessions(), action === 'end' ? undefined : refreshProfiles()]);
      return result.ok;
    },
    [api, clearNotice, refreshProfiles, refreshSessions],
  );

  const assume = useCallback((profile: string) => run(profile, 'assume'), [run]);
  const renew = useCallback((profile: string) => run(profile, 'renew'), [run]);
  const end = useCallback((profile: string) => run(profile, 'end'), [run]);

  const endAll = useCallback(async () => {
    if (!api) return false;
    setSigningOut(true);
    setGeneralError(undefined);
    const result = await request(api, 'sessions:end-all');
    setSigningOut(false);
    if (result.ok) {
      setErrors({});
      setStatus('Signed out of all sessions.');
    } else {
      setGeneralError(result.error);
    }
    await refreshSessions();
    return result.ok;
  }, [api, refreshSessions]);

  const reload = useCallback(async () => {
    if (!api) return false;
    setGeneralError(undefined);
    const result = await request(api, 'profiles:reload');
    if (result.ok) setStatus('Reloaded your AWS config.');
    else setGeneralError(result.error);
    // The view arrives with profiles:changed too; listing again covers a bridge that missed it.
    await refreshProfiles();
    return result.ok;
  }, [api, refreshProfiles]);

  const updateMetadata = useCallback(
    async (profile: string, patch: MetadataPatch): Promise<IpcResult<ProfileMetadata>> => {
      if (!api) return { ok: false, error: { kind: 'Internal', message: 'RoleTray is not connected.' } };
      const result = await request(api, 'profiles:update-metadata', { profile, patch });
      if (result.ok) applyMetadata(profile, result.value);
      return result;
    },
    [api, applyMetadata],
  );

  const dismissError = useCallback((profile?: string) => {
    if (profile === undefined) setGeneralError(undefined);
    else setErrors((current) => without(current, profile));
  }, []);

  return {
    pending,
    errors,
    ...(generalError ? { generalError } : {}),
    status,
    signingOut,
    assume,
    renew,
    end,
    endAll,
    reload,
    updateMetadata,
    dismissError,
  };
}
