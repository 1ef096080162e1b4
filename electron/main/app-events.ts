import type { EventChannels, MfaPromptView } from '../../shared/ipc-contract';
import type { EventHub } from '../app/event-hub';
import { mfaWindowStillNeeded } from './mfa-routing';
import type { Notifier } from './notifications';
import { sessionNotice } from './session-notices';
import type { RoleTrayTray } from './tray';
import type { AppWindows } from './windows';

// What main itself does when the app's services publish an event (the windows get every event
// through ipc.ts): tell the user about expiring and ended sessions, put the MFA window away once no
// prompt is open, and rebuild the tray menu.

export interface AppEventsOptions {
  hub: EventHub;
  tray: Pick<RoleTrayTray, 'refresh'>;
  notifier: Pick<Notifier, 'session'>;
  windows: Pick<AppWindows, 'hideMfa'>;
  openPrompts: () => MfaPromptView[];
  displayName: (profile: string) => string;
}

export function reactToAppEvents(options: AppEventsOptions): () => void {
  const { hub, tray, notifier, windows, openPrompts, displayName } = options;
  return hub.subscribe((event, payload) => {
    if (event === 'sessions:event') {
      const notice = sessionNotice(payload as EventChannels['sessions:event'], displayName, Date.now());
      if (notice) notifier.session(notice);
    }
    if (event === 'mfa:closed' && !mfaWindowStillNeeded(openPrompts().length)) windows.hideMfa();
    void tray.refresh();
  });
}
