import type { AppState, MfaPromptView } from '../../shared/ipc-contract';
import { startSessionsCore, type SessionsCore, type SessionsCoreDeps } from '../core/sessions-core';
import { EventHub } from './event-hub';
import { createHandlers, type Handlers } from './handlers';
import { MfaBroker } from './mfa-broker';
import { toProfilesView } from './profiles-view';

// The app behind any front end: the sessions core, the MFA broker, the event hub fed by the core,
// and the handler table. Electron's main process and the loopback bridge both start this.

export interface AppServicesDeps extends Omit<SessionsCoreDeps, 'prompt'> {
  version: string;
  sandbox?: { configFile: string };
  accountAliases?: Record<string, string>;
  onMfaPrompt?: (view: MfaPromptView) => void;
}

export interface AppServices {
  core: SessionsCore;
  hub: EventHub;
  broker: MfaBroker;
  handlers: Handlers;
  close(): void;
}

export async function startAppServices(deps: AppServicesDeps): Promise<AppServices> {
  const hub = new EventHub();
  const broker = new MfaBroker(hub, deps.onMfaPrompt);
  const { version, sandbox, accountAliases, onMfaPrompt: _onMfaPrompt, ...coreDeps } = deps;
  const core = await startSessionsCore({ ...coreDeps, prompt: broker.prompt });
  const stopSessions = core.manager.on((event) => hub.publish('sessions:event', event));
  const stopProfiles = core.onProfiles((state) =>
    hub.publish('profiles:changed', toProfilesView(state, core.metadata, accountAliases)),
  );
  const appState = (): AppState => ({
    version,
    persistence: core.persistence,
    ...(sandbox ? { sandbox } : {}),
  });
  const handlers = createHandlers({ core, broker, appState, ...(accountAliases ? { accountAliases } : {}) });
  return {
    core,
    hub,
    broker,
    handlers,
    close: () => {
      broker.cancelAll();
      stopSessions();
      stopProfiles();
      core.close();
    },
  };
}
