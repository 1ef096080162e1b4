import { useCallback, useMemo, useState } from 'react';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { IpcResult, MetadataPatch } from '../../../shared/ipc-contract';
import type { ProfileMetadata } from '../../../shared/sessions';
import { isQuietError } from '../lib/error-text';
import { without } from '../lib/records';
import { request } from '../lib/roletray-client';
import { unreachableNotices, type StatusEvent, type UnreachableNotice } from '../lib/status-model';
import { useRoleTrayApi } from '../state/RoleTrayApiContext';
import type { RoleTrayData } from './useRoleTrayData';

// What the user does to roles, with what is in flight and what failed per profile. A failure is
// kept as the core's sentence until the next attempt; a cancelled MFA prompt is not a failure. An
// endpoint that did not answer is not any one role's failure: those are `unreachable`, one notice
// per endpoint with a retry, and left out of `errors`.

export type PendingAction = 'assume' | 'renew' | 'end';

export interface RoleActions {
  pending: Record<string, PendingAction>;
  /** Each role's failure, but for endpoints that did not answer. */
  errors: Record<string, RoleTrayErrorInfo>;
  /** Endpoints that did not answer, with the roles they held up. */
  unreachable: UnreachableNotice[];
  /** Runs again what each role held up by an unreachable endpoint was doing. */
  retryUnreachable: () => Promise<void>;
  /**
   * A read that is no role action (an identity card's GetCallerIdentity) saying its endpoint did
   * not answer (or, with no error, that it did): it joins the one notice. `what` names it there.
   */
  reportUnreachable: (what: string, error?: RoleTrayErrorInfo) => void;
  /** Bumped by each retry: reads that reported themselves ask again when it changes. */
  retries: number;
  /** A failure not tied to one role (signing out, reloading). */
  generalError?: RoleTrayErrorInfo;
  /** The last thing that happened (statusSentence says it while it holds). */
  status?: StatusEvent;
  signingOut: boolean;
  assume: (profile: string) => Promise<boolean>;
  renew: (profile: string) => Promise<boolean>;
  end: (profile: string) => Promise<boolean>;
  endAll: () => Promise<boolean>;
  reload: () => Promise<boolean>;
  updateMetadata: (profile: string, patch: MetadataPatch) => Promise<IpcResult<ProfileMetadata>>;
  dismissError: (profile?: string) => void;
}

const DONE = { assume: 'assumed', renew: 'renewed', end: 'ended' } as const;

const byName = (record: Record<string, RoleTrayErrorInfo>) =>
  Object.entries(record).sort(([a], [b]) => a.localeCompare(b));

export function useRoleActions(data: RoleTrayData): RoleActions {
  const api = useRoleTrayApi();
  const [pending, setPending] = useState<Record<string, PendingAction>>({});
  const [failures, setFailures] = useState<Record<string, RoleTrayErrorInfo>>({});
  // What each failed role was doing, for the unreachable notice's retry.
  const [failedActions, setFailedActions] = useState<Record<string, PendingAction>>({});
  const [generalError, setGeneralError] = useState<RoleTrayErrorInfo>();
  const [status, setStatus] = useState<StatusEvent>();
  const [reads, setReads] = useState<Record<string, RoleTrayErrorInfo>>({});
  const [retries, setRetries] = useState(0);
  const [signingOut, setSigningOut] = useState(false);
  const { refreshSessions, refreshProfiles, clearNotice, applyMetadata, sessions } = data;

  const run = useCallback(
    async (profile: string, action: PendingAction): Promise<boolean> => {
      if (!api) return false;
      setPending((current) => ({ ...current, [profile]: action }));
      setFailures((current) => without(current, profile));
      // Ending a role leaves the MFA session it came from: the sentence says so while it lasts.
      const mfaDevice =
        action === 'end' ? sessions.find((session) => session.profile === profile)?.mfaSession : undefined;
      const result =
        action === 'end'
          ? await request(api, 'sessions:end', { profile })
          : await request(api, action === 'assume' ? 'sessions:assume' : 'sessions:renew', { profile });
      setPending((current) => without(current, profile));
      if (result.ok) {
        clearNotice(profile);
        setStatus(
          action === 'end' && mfaDevice
            ? { kind: 'ended', profile, mfaDevice }
            : { kind: DONE[action], profile },
        );
      } else if (!isQuietError(result.error)) {
        setFailures((current) => ({ ...current, [profile]: result.error }));
        setFailedActions((current) => ({ ...current, [profile]: action }));
      } else {
        setStatus({ kind: 'cancelled', profile });
      }
      // "Last used" changes with every assume; the session list with everything.
      await Promise.all([refreshSessions(), action === 'end' ? undefined : refreshProfiles()]);
      return result.ok;
    },
    [api, clearNotice, refreshProfiles, refreshSessions, sessions],
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
      setFailures({});
      setStatus({ kind: 'signed-out-all' });
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
    if (result.ok) setStatus({ kind: 'reloaded' });
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
    else setFailures((current) => without(current, profile));
  }, []);

  const errors = useMemo(
    () =>
      Object.fromEntries(Object.entries(failures).filter(([, error]) => !error.unreachable)) as Record<
        string,
        RoleTrayErrorInfo
      >,
    [failures],
  );
  // Roles first, then other reads, each by name: the notice reads the same whatever failed first.
  const unreachable = useMemo(
    () => unreachableNotices(Object.fromEntries([...byName(failures), ...byName(reads)])),
    [failures, reads],
  );
  const retryUnreachable = useCallback(async () => {
    setRetries((count) => count + 1);
    const held = Object.keys(failures).filter((profile) => failures[profile]?.unreachable);
    await Promise.all(held.map((profile) => run(profile, failedActions[profile] ?? 'assume')));
  }, [failures, failedActions, run]);
  const reportUnreachable = useCallback((what: string, error?: RoleTrayErrorInfo) => {
    setReads((current) =>
      error?.unreachable ? { ...current, [what]: error } : what in current ? without(current, what) : current,
    );
  }, []);

  return {
    pending,
    errors,
    unreachable,
    retryUnreachable,
    reportUnreachable,
    retries,
    ...(generalError ? { generalError } : {}),
    ...(status ? { status } : {}),
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
