import type { IdentityCenterStatus } from '../../shared/identity-center-view';
import type { AppState, MfaPromptView, SwitcherCloseReason } from '../../shared/ipc-contract';
import type { ProfilesView } from '../../shared/profiles-view';
import { RoleTrayError } from '../core/errors';
import { configPaths } from '../core/profiles/aws-file-paths';
import { S3Browser } from '../core/s3/browser';
import type { ChooseDownloadDestination } from '../core/s3/download-request';
import { createS3Sessions } from '../core/s3/sessions';
import {
  startSessionsCore,
  type ProfilesState,
  type SessionsCore,
  type SessionsCoreDeps,
} from '../core/sessions/sessions-core';
import { AppSettingsService, type SettingsAppliers } from './app-settings';
import { EventHub } from './event-hub';
import { createHandlers, type Handlers } from './handlers';
import { HandoffService, type DesktopHandoffDeps } from '../handoff/handoff-service';
import { HeldKeysService } from '../held-keys/held-keys-service';
import { createIamAccessKeys } from '../held-keys/iam-access-keys';
import { IdentityCenterService } from './identity-center';
import { MfaBroker } from './mfa-broker';
import { toProfilesView } from './profiles-view';
import { ssoTargetOf } from '../core/sso/sso-target';
import type { TokenFileWatchDeps } from '../core/sso/token-presence';
import { SsoAccounts, type SsoAccountsDeps } from './sso-accounts';

// The app behind any front end: the sessions core, the MFA broker, the S3 browser over the core's
// sessions, the event hub fed by both, and the handler table. Electron's main process and the
// loopback bridge both start this.

export interface AppServicesDeps extends Omit<SessionsCoreDeps, 'prompt'> {
  version: string;
  sandbox?: { configFile: string };
  accountAliases?: Record<string, string>;
  onMfaPrompt?: (view: MfaPromptView) => void;
  /** A hand-off (roletray-credentials, a terminal) started an IAM Identity Center sign-in: show the window. */
  onSsoSignIn?: (status: IdentityCenterStatus, profile: string) => void;
  /** Where S3 downloads go: Electron's save dialog, the preview's downloads folder, a test's temp dir. */
  chooseDownloadDestination?: ChooseDownloadDestination;
  /** Failures no request is left to answer (a listing's bug, a download's). */
  log?: (message: string) => void;
  /** How sessions reach the terminal and the console (the clipboard, a browser, a terminal). */
  handoff?: DesktopHandoffDeps;
  /** IAM Identity Center: the sign-in's access token (default: the AWS CLI's token cache) and the portal's pacing. */
  sso?: Partial<Pick<SsoAccountsDeps, 'accessToken' | 'pacer'>>;
  /** How settings take effect on this desktop (the shortcut, the login item); absent: stored only. */
  settingsAppliers?: SettingsAppliers;
  /** How often the SSO token files are looked at (tests look more often than every 2 s). */
  ssoWatch?: TokenFileWatchDeps;
  /** The quick switcher asked to close (`switcher:close`): Electron hides its window, the preview records it. */
  onSwitcherClose?: (reason: SwitcherCloseReason) => void;
}

export interface AppServices {
  core: SessionsCore;
  hub: EventHub;
  broker: MfaBroker;
  s3: S3Browser;
  handoff: HandoffService;
  keys: HeldKeysService;
  identityCenter: IdentityCenterService;
  sso: SsoAccounts;
  settings: AppSettingsService;
  handlers: Handlers;
  close(): Promise<void>;
}

/** Without an adapter's own, a hand-off that needs the desktop says so in a sentence. */
const unavailable = (what: string) => () =>
  Promise.reject(new RoleTrayError('Internal', `This RoleTray cannot ${what} here.`));

export async function startAppServices(deps: AppServicesDeps): Promise<AppServices> {
  const hub = new EventHub();
  const broker = new MfaBroker(hub, deps.onMfaPrompt);
  const {
    version,
    sandbox,
    accountAliases,
    onMfaPrompt: _onMfaPrompt,
    onSsoSignIn,
    chooseDownloadDestination,
    log,
    handoff: handoffDeps = {},
    sso: ssoDeps = {},
    settingsAppliers,
    ssoWatch,
    onSwitcherClose,
    ...coreDeps
  } = deps;
  // Before the core: the default session duration is read at each assume.
  const settings = new AppSettingsService({
    store: deps.store,
    publish: (view) => hub.publish('settings:changed', view),
    ...settingsAppliers,
    ...(log ? { log } : {}),
  });
  // Built once the core is (they read the core's profiles); the core reaches them later: the
  // sign-in its device codes, the directory the discovered roles.
  const late: { sso?: SsoAccounts; identityCenter?: IdentityCenterService } = {};
  const openBrowser = handoffDeps.openExternal ?? unavailable('open a browser');
  const core = await startSessionsCore({
    ...coreDeps,
    prompt: broker.prompt,
    defaultRoleSeconds: () => settings.settings.defaultSessionSeconds,
    extraProfiles: (config) => late.sso?.profiles(config) ?? [],
    identityCenter: {
      // The browser sign-in opens where the console hand-off opens its page.
      openBrowser,
      onDeviceCode: (target, prompt) => late.identityCenter?.deviceCode(target, prompt),
      ...coreDeps.identityCenter,
    },
  });
  const clock = deps.clock ?? Date.now;
  const sso = (late.sso = new SsoAccounts({
    store: deps.store,
    sources: deps.sources,
    clock,
    configProfiles: () => core.profileState().loaded?.profiles ?? [],
    reloadProfiles: () => core.reloadProfiles(),
    publish: (event) => {
      hub.publish('sso:discovery', event);
      // A refresh that ended changes the discovered roles in the list.
      if (event.kind === 'instance' && !event.instance.refreshing)
        hub.publish('profiles:changed', profilesView());
    },
    // The sign-in's token, refreshed as the AWS CLI would refresh it.
    accessToken: (profile) => core.sso.tokens.accessToken(ssoTargetOf(profile.sso, profile)),
    ...ssoDeps,
  }));
  // The roles list: the config's profiles, then IAM Identity Center's discovered roles, each account
  // headed by the config's alias or else its Identity Center name.
  const profilesView = (state: ProfilesState = core.profileState()): ProfilesView => {
    const { loaded } = state;
    const listed = loaded
      ? { ...state, loaded: { ...loaded, profiles: [...loaded.profiles, ...sso.profiles(loaded.profiles)] } }
      : state;
    return toProfilesView(
      listed,
      core.metadata,
      core.heldKeys,
      { ...sso.accountNames(), ...accountAliases },
      (name) => core.manager.session(name)?.roleArn,
    );
  };
  const s3 = new S3Browser({
    sessions: createS3Sessions({ manager: core.manager, profiles: core.profiles }),
    clock,
    publishListing: (page) => hub.publish('s3:listing', page),
    publishDownload: (progress) => hub.publish('s3:download', progress),
    ...(chooseDownloadDestination ? { chooseDownloadDestination } : {}),
    ...(log ? { log } : {}),
  });
  const identityCenter = (late.identityCenter = new IdentityCenterService(core, {
    publishDeviceCode: (view) => hub.publish('sso:device-code', view),
    openExternal: openBrowser,
    ...(onSsoSignIn ? { onSignInStarted: onSsoSignIn } : {}),
    // Another tool's sign-in or sign-out (`aws sso logout`) reaches the windows; a sign-in that
    // holds (at start too) refreshes its accounts while the cached list stays on screen.
    publishStatus: (status) => {
      hub.publish('sso:changed', status);
      sso.signInChanged(status.startUrl, status.instance, status.signedIn);
    },
    ...(ssoWatch ? { watch: ssoWatch } : {}),
    ...(log ? { log } : {}),
  }));
  await identityCenter.watchSignIns();
  const stopSignInWatch = core.onProfiles(() => void identityCenter.watchSignIns());
  const handoff = new HandoffService({
    core,
    store: deps.store,
    sources: deps.sources,
    clock,
    helperCommand: ['roletray-credentials'],
    openPrompts: () => broker.open(),
    signIn: identityCenter.onDemand,
    writeClipboard: unavailable('use the clipboard'),
    openExternal: unavailable('open a browser'),
    openTerminal: unavailable('open a terminal'),
    // Read at each copy: a changed setting applies to the next one.
    clipboardClearMs: () => settings.settings.clipboardClearSeconds * 1000,
    ...handoffDeps,
    ...(log ? { log } : {}),
  });
  await handoff.start();
  const keys = new HeldKeysService({
    store: core.heldKeys,
    profiles: core.profiles,
    files: () => configPaths(deps.sources),
    reloadProfiles: () => core.reloadProfiles(),
    helperLine: (profile) => handoff.credentialProcessLine(profile),
    identity: (input) => core.sts.getCallerIdentity(input),
    iam: createIamAccessKeys(),
    clock,
  });
  const stopSessions = core.manager.on((event) => hub.publish('sessions:event', event));
  const stopProfiles = core.onProfiles((state) => hub.publish('profiles:changed', profilesView(state)));
  const appState = (): AppState => ({
    version,
    persistence: core.persistence,
    ...(sandbox ? { sandbox } : {}),
  });
  const handlers = createHandlers({
    core,
    broker,
    s3,
    handoff,
    keys,
    identityCenter,
    sso,
    settings,
    appState,
    profilesView: () => profilesView(),
    ...(onSwitcherClose ? { closeSwitcher: onSwitcherClose } : {}),
  });
  return {
    core,
    hub,
    broker,
    s3,
    handoff,
    keys,
    identityCenter,
    sso,
    settings,
    handlers,
    close: async () => {
      s3.close();
      broker.cancelAll();
      stopSessions();
      stopProfiles();
      stopSignInWatch();
      identityCenter.close();
      await handoff.close();
      core.close();
    },
  };
}
