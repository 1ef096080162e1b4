import { useEffect, useState } from 'react';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { Identity } from '../../../shared/sessions';
import { request } from '../lib/roletray-client';
import { useRoleTrayApi } from '../state/RoleTrayApiContext';

// GetCallerIdentity for a profile (its keys, or its role's current session), asked again whenever
// `version` changes (a new session, a refresh). Answers to an earlier question are dropped.

export interface IdentityLookup {
  loading: boolean;
  identity?: Identity;
  error?: RoleTrayErrorInfo;
}

interface Answer {
  key: string;
  identity?: Identity;
  error?: RoleTrayErrorInfo;
}

export function useIdentity(profile: string | undefined, version: string | number = 0): IdentityLookup {
  const api = useRoleTrayApi();
  const [answer, setAnswer] = useState<Answer>();
  const key = profile === undefined ? '' : `${profile}\n${version}`;

  useEffect(() => {
    if (!api || profile === undefined) return undefined;
    let current = true;
    void request(api, 'identity:get', { profile }).then((result) => {
      if (!current) return;
      setAnswer(result.ok ? { key, identity: result.value } : { key, error: result.error });
    });
    return () => {
      current = false;
    };
  }, [api, profile, key]);

  if (profile === undefined || !api) return { loading: false };
  if (answer?.key !== key) return { loading: true };
  return {
    loading: false,
    ...(answer.identity ? { identity: answer.identity } : {}),
    ...(answer.error ? { error: answer.error } : {}),
  };
}
