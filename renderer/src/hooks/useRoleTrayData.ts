import { useCallback, useEffect, useRef, useState } from 'react';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { AppState } from '../../../shared/ipc-contract';
import type { ProfilesView } from '../../../shared/profiles-view';
import type { ProfileMetadata, SessionEvent, SessionInfo } from '../../../shared/sessions';
import { without } from '../lib/records';
import { request } from '../lib/roletray-client';
import { useRoleTrayApi } from '../state/RoleTrayApiContext';
import { useCoalesced } from './useCoalesced';
import { useRoleTrayEvent } from './useRoleTrayEvent';

// What main knows, kept current: the app's state, the profiles (pushed on every config change) and
// the sessions (listed again after every session event). Notices remember what the background
// renewal said about a profile until the user acts on it.

export type SessionNotice =
  { type: 'expiring'; expiresAt: number; needsMfa: boolean; error?: string } | { type: 'expired' };

export interface RoleTrayData {
  appState?: AppState;
  profiles?: ProfilesView;
  sessions: SessionInfo[];
  /** Listing profiles or sessions failed. */
  loadError?: RoleTrayErrorInfo;
  notices: Record<string, SessionNotice>;
  refreshSessions: () => Promise<void>;
  refreshProfiles: () => Promise<void>;
  clearNotice: (profile: string) => void;
  /** Puts a role's new metadata in place without listing every profile again. */
  applyMetadata: (profile: string, metadata: ProfileMetadata) => void;
}

function noticeFor(event: SessionEvent): [string, SessionNotice | undefined] | undefined {
  switch (event.type) {
    case 'expiring':
      return [
        event.profile,
        {
          type: 'expiring',
          expiresAt: event.expiresAt,
          needsMfa: event.needsMfa,
          ...(event.error ? { error: event.error } : {}),
        },
      ];
    case 'expired':
      return [event.profile, { type: 'expired' }];
    case 'renewed':
      return [event.profile, undefined];
    case 'changed':
      return undefined;
  }
}

export function useRoleTrayData(): RoleTrayData {
  const api = useRoleTrayApi();
  const [appState, setAppState] = useState<AppState>();
  const [profiles, setProfiles] = useState<ProfilesView>();
  const [sessions, setSessions] = useState<SessionInfo[]>([]);
  const [loadError, setLoadError] = useState<RoleTrayErrorInfo>();
  const [notices, setNotices] = useState<Record<string, SessionNotice>>({});
  // Answers can arrive out of order; only the latest request's answer is kept.
  const sessionsRequest = useRef(0);
  const profilesRequest = useRef(0);

  // A burst of session events (a sign-out ending hundreds) is one request in flight, then one more.
  const refreshSessionsNow = useCallback(async () => {
    if (!api) return;
    const id = ++sessionsRequest.current;
    const result = await request(api, 'sessions:list');
    if (id !== sessionsRequest.current) return;
    if (result.ok) setSessions(result.value);
    else setLoadError(result.error);
  }, [api]);
  const refreshSessions = useCoalesced(refreshSessionsNow);

  const refreshProfilesNow = useCallback(async () => {
    if (!api) return;
    const id = ++profilesRequest.current;
    const result = await request(api, 'profiles:list');
    if (id !== profilesRequest.current) return;
    if (result.ok) setProfiles(result.value);
    else setLoadError(result.error);
  }, [api]);
  const refreshProfiles = useCoalesced(refreshProfilesNow);

  // The first look: state, profiles and sessions together, so the window fills in at once. Numbered
  // like a refresh, so a list a refresh or a push has overtaken is dropped; it needs no unmount guard
  // of its own, as the provider lasts as long as the window.
  useEffect(() => {
    if (!api) return;
    const profilesId = ++profilesRequest.current;
    const sessionsId = ++sessionsRequest.current;
    void Promise.all([
      request(api, 'app:state'),
      request(api, 'profiles:list'),
      request(api, 'sessions:list'),
    ]).then(([state, view, list]) => {
      if (state.ok) setAppState(state.value);
      if (view.ok && profilesId === profilesRequest.current) setProfiles(view.value);
      if (list.ok && sessionsId === sessionsRequest.current) setSessions(list.value);
      const failed = [state, view, list].find((result) => !result.ok);
      if (failed && !failed.ok) setLoadError(failed.error);
    });
  }, [api]);

  useRoleTrayEvent('profiles:changed', (view) => {
    profilesRequest.current++;
    setProfiles(view);
  });

  useRoleTrayEvent('sessions:event', (event) => {
    const notice = noticeFor(event);
    if (notice) {
      const [profile, value] = notice;
      setNotices((current) => (value ? { ...current, [profile]: value } : without(current, profile)));
    }
    void refreshSessions();
    // An assume from elsewhere (the tray) changes "last used" too.
    if (event.type === 'changed') void refreshProfiles();
  });

  const clearNotice = useCallback(
    (profile: string) => setNotices((current) => without(current, profile)),
    [],
  );

  const applyMetadata = useCallback((profile: string, metadata: ProfileMetadata) => {
    setProfiles(
      (current) =>
        current && {
          ...current,
          roles: current.roles.map((role) => (role.name === profile ? { ...role, metadata } : role)),
        },
    );
  }, []);

  return {
    ...(appState ? { appState } : {}),
    ...(profiles ? { profiles } : {}),
    sessions,
    ...(loadError ? { loadError } : {}),
    notices,
    refreshSessions,
    refreshProfiles,
    clearNotice,
    applyMetadata,
  };
}
