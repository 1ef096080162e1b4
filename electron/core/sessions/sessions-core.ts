import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { Clock } from '../credentials';
import { profileDirectory, type ProfileDirectory } from '../profiles/profile-directory';
import { ProfileMetadataStore } from '../profiles/profile-metadata';
import { watchProfiles } from '../profiles/profile-watcher';
import type { LoadedProfiles, Profile, ProfileSources } from '../profiles/profiles';
import type { KeyValueStore, SecretCipher } from '../secret-cipher';
import { HeldKeysStore } from '../held-keys-store';
import { CredentialCache, type Persistence } from './credential-cache';
import { MfaCoordinator, type MfaPrompt } from './mfa-coordinator';
import { SessionManager, type Sessions } from './session-manager';
import type { SessionPolicy } from './session-policy';
import { createStsGateway, type StsGateway } from './sts-gateway';
import { createSsoPortal, type SsoPortal } from '../sso/portal';
import { SsoTokens, type SsoTokensDeps } from '../sso/sso-tokens';
import type { SsoAccess } from './sso-role-provider';

// Everything the sessions core needs, put together once: the Electron adapter passes electron-store,
// safeStorage, process.env and a dialog; tests pass conf, a test cipher and scripted answers.

export interface SessionsCoreDeps {
  sources: ProfileSources;
  store: KeyValueStore;
  cipher: SecretCipher;
  prompt: MfaPrompt;
  userName: string;
  clock?: Clock;
  policy?: Partial<SessionPolicy>;
  /** How often to renew or warn about expiring sessions; 0 turns the timer off (tests call maintain). */
  maintainEveryMs?: number;
  /** The credential cache over `store` and `cipher`; tests pass their own to look inside it. */
  cache?: CredentialCache;
  /** IAM Identity Center sign-in: how the browser opens and a device code is shown (the app's adapters). */
  identityCenter?: Partial<Omit<SsoTokensDeps, 'homeDir' | 'clock'>> & { portal?: SsoPortal };
  /** A role's duration when its profile has no duration_seconds (the app's setting). */
  defaultRoleSeconds?: () => number;
  /** Profiles listed after the config's (IAM Identity Center's discovered roles), given the config's. */
  extraProfiles?: (config: readonly Profile[]) => readonly Profile[];
}

export interface ProfilesState {
  loaded?: LoadedProfiles;
  /** The last load failed; `loaded` is still the last good one. */
  error?: RoleTrayErrorInfo;
}

export interface SessionsCore {
  /** Sessions: assume, renew, end, and credentials for main-process work. */
  manager: Sessions;
  /** Lookups by name over the last good load. */
  profiles: ProfileDirectory;
  /** The access keys RoleTray holds instead of the credentials file. */
  heldKeys: HeldKeysStore;
  /** The STS calls, for checks outside a session (whose keys these are). */
  sts: StsGateway;
  /** IAM Identity Center: sign-ins (their tokens in the AWS CLI's cache) and the portal. */
  sso: SsoAccess;
  metadata: ProfileMetadataStore;
  persistence: Persistence;
  profileState(): ProfilesState;
  onProfiles(listener: (state: ProfilesState) => void): () => void;
  reloadProfiles(): Promise<void>;
  close(): void;
}

export async function startSessionsCore(deps: SessionsCoreDeps): Promise<SessionsCore> {
  const clock = deps.clock ?? Date.now;
  const cache = deps.cache ?? new CredentialCache(deps.store, deps.cipher, clock);
  const persistence = await cache.open();
  const heldKeys = new HeldKeysStore(deps.store, deps.cipher);
  await heldKeys.open();
  const metadata = new ProfileMetadataStore(deps.store);
  const listeners = new Set<(state: ProfilesState) => void>();
  let state: ProfilesState = {};
  const publish = (next: ProfilesState) => {
    state = next;
    for (const listener of listeners) listener(state);
  };
  const watcher = watchProfiles(deps.sources, {
    onChange: (loaded) => {
      // A failed load keeps the last good one, so only a good load can say a profile is gone.
      metadata.keepOnly(new Set(loaded.profiles.map((profile) => profile.name)));
      publish({ loaded });
    },
    onError: (error) => publish({ ...(state.loaded ? { loaded: state.loaded } : {}), error: error.info }),
  });
  await watcher.reload();
  const profiles = profileDirectory(() => {
    const own = watcher.current()?.profiles ?? [];
    return deps.extraProfiles ? [...own, ...deps.extraProfiles(own)] : own;
  });
  const sts = createStsGateway({ clock });
  const { portal = createSsoPortal(), ...signIn } = deps.identityCenter ?? {};
  const sso: SsoAccess = {
    portal,
    tokens: new SsoTokens({
      homeDir: deps.sources.homeDir,
      clock,
      openBrowser: () => Promise.reject(new Error('This RoleTray cannot open a browser here.')),
      onDeviceCode: () => undefined,
      ...signIn,
    }),
  };
  const manager = new SessionManager({
    clock,
    profiles,
    sts,
    mfa: new MfaCoordinator(deps.prompt),
    cache,
    env: deps.sources.env,
    held: heldKeys,
    sso,
    userName: deps.userName,
    ...(deps.defaultRoleSeconds ? { defaultRoleSeconds: deps.defaultRoleSeconds } : {}),
    ...(deps.policy ? { policy: deps.policy } : {}),
    onAssumed: (profile, at) => metadata.touch(profile, at),
  });
  const every = deps.maintainEveryMs ?? 30_000;
  const timer = every > 0 ? setInterval(() => void manager.maintain(), every) : undefined;
  timer?.unref();
  return {
    manager,
    profiles,
    heldKeys,
    sts,
    sso,
    metadata,
    persistence,
    profileState: () => state,
    onProfiles: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reloadProfiles: () => watcher.reload(),
    close: () => {
      if (timer) clearInterval(timer);
      watcher.close();
    },
  };
}
