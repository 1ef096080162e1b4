import type {
  AppState,
  RequestChannel,
  RequestOf,
  ResponseOf,
  SwitcherCloseReason,
} from '../../shared/ipc-contract';
import type { ProfilesView } from '../../shared/profiles-view';
import { RoleTrayError } from '../core/errors';
import type { S3Browser } from '../core/s3/browser';
import type { SessionsCore } from '../core/sessions/sessions-core';
import type { HandoffService } from '../handoff/handoff-service';
import type { HeldKeysService } from '../held-keys/held-keys-service';
import type { AppSettingsService } from './app-settings';
import type { IdentityCenterService } from './identity-center';
import type { MfaBroker } from './mfa-broker';
import type { SsoAccounts } from './sso-accounts';

// The handler table, defined once: the Electron adapter registers it on ipcMain, the loopback
// bridge serves it over HTTP. Each handler gets an already validated request.

export type Handlers = { [C in RequestChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

export interface HandlerDeps {
  core: SessionsCore;
  broker: MfaBroker;
  s3: S3Browser;
  handoff: HandoffService;
  keys: HeldKeysService;
  identityCenter: IdentityCenterService;
  sso: SsoAccounts;
  settings: AppSettingsService;
  appState: () => AppState;
  /** The roles list as the windows see it (the config's profiles and the discovered ones). */
  profilesView: () => ProfilesView;
  /** Hides the quick switcher (Electron); the preview records it. Without one, nothing to hide. */
  closeSwitcher?: (reason: SwitcherCloseReason) => void;
}

export function createHandlers({
  core,
  broker,
  s3,
  handoff,
  keys,
  identityCenter,
  sso,
  settings,
  appState,
  profilesView: view,
  closeSwitcher,
}: HandlerDeps): Handlers {
  return {
    'app:state': async () => appState(),
    'profiles:list': async () => view(),
    'profiles:reload': async () => {
      await core.reloadProfiles();
      return view();
    },
    // Only the fields present change; null clears one. Only a profile of the config has metadata:
    // the store would otherwise grow with names nothing shows, and a name such as
    // "hasOwnProperty" must not reach it.
    'profiles:update-metadata': async ({ profile, patch }) => {
      core.profiles.get(profile);
      return core.metadata.update(
        profile,
        Object.fromEntries(
          Object.entries(patch).map(([field, value]) => [
            field,
            value === null ? undefined : field === 'color' ? String(value).toLowerCase() : value,
          ]),
        ),
      );
    },
    'sessions:list': async () => core.manager.sessions(),
    'sessions:assume': ({ profile }) => core.manager.assume(profile),
    'sessions:renew': ({ profile }) => core.manager.assume(profile, { renew: true }),
    'sessions:end': async ({ profile }) => {
      s3.stopWork(profile);
      await core.manager.end(profile);
    },
    'sessions:end-all': async () => {
      s3.stopWork();
      broker.cancelAll();
      await core.manager.endAll();
    },
    'identity:get': ({ profile }) => core.manager.identity(profile),
    // The S3 browser reads only; its client refuses any other command (core/s3/client.ts).
    's3:buckets': ({ profile }) => s3.buckets(profile),
    's3:list': (request) => s3.list(request),
    's3:list-stop': async ({ listingId }) => s3.stopListing(listingId),
    's3:folder-size': (request) => s3.folderSize(request),
    's3:head': (request) => s3.head(request),
    's3:preview': (request) => s3.preview(request),
    's3:download': (request) => s3.download(request),
    's3:download-cancel': async ({ downloadId }) => s3.cancelDownload(downloadId),
    's3:presign': (request) => s3.presign(request),
    // Hand-offs: the secrets go to the clipboard, a file, a terminal or a browser, never back here.
    'handoff:status': async ({ profile }) => handoff.status(profile),
    'handoff:copy-env': ({ profile, shell }) => handoff.copyEnv(profile, shell),
    'handoff:cli-cache': ({ profile, enabled }) => handoff.setCliCache(profile, enabled),
    'handoff:credentials-file': ({ profile, profileName }) =>
      handoff.setCredentialsFile(profile, profileName),
    'handoff:open-terminal': ({ profile }) => handoff.openTerminal(profile),
    'handoff:open-console': ({ profile }) => handoff.openConsole(profile),
    // Keys RoleTray holds: each answers with a sentence; the secret of keys:add goes no further than main.
    'keys:add': ({ profile, accessKeyId, secretAccessKey }) =>
      keys.add(profile, { accessKeyId, secretAccessKey }),
    'keys:move-in': ({ profile }) => keys.moveIn(profile),
    'keys:put-back': ({ profile }) => keys.putBack(profile),
    'keys:rotate': ({ profile }) => keys.rotate(profile),
    'mfa:open': async () => broker.open(),
    // IAM Identity Center's accounts and roles: ids and names only; the token stays in main.
    'sso:instances': async () => sso.instances(),
    'sso:discover': ({ startUrl }) => sso.discover(startUrl),
    'sso:write-profiles': ({ startUrl, template, enabled }) => sso.writeProfiles(startUrl, template, enabled),
    'mfa:answer': async ({ requestId, code }) => {
      if (!broker.answer(requestId, code)) {
        throw new RoleTrayError('Validation', 'That MFA prompt is no longer open.');
      }
    },
    // IAM Identity Center: the tokens stay in main and the AWS CLI's cache; only states cross.
    'sso:status': () => identityCenter.status(),
    'sso:sign-in': ({ profile, method }) => identityCenter.signIn(profile, method),
    'sso:open-device-page': ({ profile }) => identityCenter.openDevicePage(profile),
    'sso:sign-in-cancel': ({ profile }) => identityCenter.cancelSignIn(profile),
    'sso:sign-out': ({ profile }) => identityCenter.signOut(profile),
    // MFA sessions: what they are and until when; forgetting one drops it, roles assumed from it stay.
    'mfa:sessions': async () => core.manager.mfaSessions(),
    'mfa:forget': ({ device }) => core.manager.forgetMfaSession(device),
    // Settings: main applies each (shortcut, login item, durations) and tells every window.
    'settings:get': async () => settings.view(),
    'settings:set': async (patch) => settings.set(patch),
    // The quick switcher's window is main's to hide.
    'switcher:close': async ({ reason }) => closeSwitcher?.(reason),
  };
}
