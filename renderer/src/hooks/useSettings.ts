import { useCallback, useEffect, useState } from 'react';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { SettingsPatch, SettingsView } from '../../../shared/settings-view';
import { request } from '../lib/roletray-client';
import { useRoleTrayApi } from '../state/RoleTrayApiContext';
import { useRoleTrayEvent } from './useRoleTrayEvent';

// The app's settings as main has them, kept current by settings:changed (another window, the
// tray), and the theme applied to the page as `data-theme` on <html> (base.css reads it).

export interface Settings {
  view?: SettingsView;
  /** Reading them failed. */
  error?: RoleTrayErrorInfo;
  /** Saves a patch; answers main's sentence when it refused. */
  save: (patch: SettingsPatch) => Promise<RoleTrayErrorInfo | undefined>;
}

export function useSettings(): Settings {
  const api = useRoleTrayApi();
  const [view, setView] = useState<SettingsView>();
  const [error, setError] = useState<RoleTrayErrorInfo>();

  useEffect(() => {
    if (!api) return;
    void request(api, 'settings:get').then((result) => {
      if (result.ok) setView(result.value);
      else setError(result.error);
    });
  }, [api]);
  useRoleTrayEvent('settings:changed', setView);

  const theme = view?.settings.theme;
  useEffect(() => {
    const root = document.documentElement;
    if (theme && theme !== 'system') root.dataset['theme'] = theme;
    else delete root.dataset['theme'];
  }, [theme]);

  const save = useCallback(
    async (patch: SettingsPatch) => {
      if (!api) return { kind: 'Internal', message: 'RoleTray is not connected.' } as const;
      const result = await request(api, 'settings:set', patch);
      if (!result.ok) return result.error;
      setView(result.value);
      return undefined;
    },
    [api],
  );

  return { ...(view ? { view } : {}), ...(error ? { error } : {}), save };
}
