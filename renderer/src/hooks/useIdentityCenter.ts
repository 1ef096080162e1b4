import { useCallback, useEffect, useState } from 'react';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type {
  DeviceCodeView,
  IdentityCenterStatus,
  SignInMethod,
} from '../../../shared/identity-center-view';
import { request } from '../lib/roletray-client';
import { useRoleTrayApi } from '../state/RoleTrayApiContext';
import { useRoleTrayEvent } from './useRoleTrayEvent';

// The IAM Identity Center sign-ins: their states (main tells each change as `sso:changed`, so a
// sign-out by `aws sso logout` shows at once; asked again every 30 s all the same), the device
// code main sends while one waits, and the actions.

const REFRESH_MS = 30_000;

export interface IdentityCenter {
  statuses: IdentityCenterStatus[];
  /** The waiting device codes, by instance. */
  deviceCodes: Record<string, DeviceCodeView>;
  errors: Record<string, RoleTrayErrorInfo>;
  signIn(instance: string, profile: string, method: SignInMethod): Promise<void>;
  signOut(instance: string, profile: string): Promise<void>;
  cancel(profile: string): Promise<void>;
  openDevicePage(profile: string): Promise<void>;
}

export function useIdentityCenter(): IdentityCenter {
  const api = useRoleTrayApi();
  const [statuses, setStatuses] = useState<IdentityCenterStatus[]>([]);
  const [deviceCodes, setDeviceCodes] = useState<Record<string, DeviceCodeView>>({});
  const [errors, setErrors] = useState<Record<string, RoleTrayErrorInfo>>({});

  const reload = useCallback(async () => {
    if (!api) return;
    const result = await request(api, 'sso:status');
    if (result.ok) setStatuses(result.value);
  }, [api]);

  useEffect(() => {
    // The first look right after mounting, then every REFRESH_MS.
    const first = setTimeout(() => void reload(), 0);
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [reload]);

  useRoleTrayEvent('sso:changed', (status) =>
    setStatuses((shown) =>
      shown.some((known) => known.instance === status.instance)
        ? shown.map((known) => (known.instance === status.instance ? status : known))
        : [...shown, status],
    ),
  );

  useRoleTrayEvent('sso:device-code', (view) => {
    setDeviceCodes((codes) => ({ ...codes, [view.instance]: view }));
    void reload();
  });

  const settle = (instance: string, error: RoleTrayErrorInfo | undefined) => {
    setDeviceCodes(({ [instance]: _done, ...rest }) => rest);
    setErrors(({ [instance]: _old, ...rest }) => (error ? { ...rest, [instance]: error } : rest));
    void reload();
  };

  return {
    statuses,
    deviceCodes,
    errors,
    signIn: async (instance, profile, method) => {
      if (!api) return;
      setErrors(({ [instance]: _old, ...rest }) => rest);
      const pending = request(api, 'sso:sign-in', { profile, method });
      void reload();
      const result = await pending;
      settle(instance, result.ok ? undefined : result.error);
    },
    signOut: async (instance, profile) => {
      if (!api) return;
      const result = await request(api, 'sso:sign-out', { profile });
      settle(instance, result.ok ? undefined : result.error);
    },
    cancel: async (profile) => {
      if (api) await request(api, 'sso:sign-in-cancel', { profile });
    },
    openDevicePage: async (profile) => {
      if (api) await request(api, 'sso:open-device-page', { profile });
    },
  };
}
