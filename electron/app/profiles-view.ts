import { shortKeyId, type HeldKeysInfo, type KeysPlace } from '../../shared/held-keys-view';
import type {
  BaseProfileView,
  IdentityCenterView,
  ProfilesView,
  RoleView,
  UnusableProfileView,
} from '../../shared/profiles-view';
import type { HeldKeysReader } from '../core/held-keys-store';
import type { Profile, RoleProfile, SsoLogin } from '../core/profiles/profiles';
import type { ProfileMetadataStore } from '../core/profiles/profile-metadata';
import { ssoRootOf } from '../core/profiles/profile-directory';
import { ssoRoleArn } from '../core/sessions/sso-role-provider';
import { DEFAULT_REGION } from '../core/regions';
import type { ProfilesState } from '../core/sessions/sessions-core';

// The loaded profiles as the UI may see them: keys and tokens are left out by construction (only
// named fields are copied, never a profile object).

/** The MFA device a role needs: its own mfa_serial or the nearest along its chain. */
function chainMfaSerial(role: RoleProfile, byName: Map<string, Profile>): string | undefined {
  for (const name of role.chain) {
    const profile = byName.get(name);
    if (profile?.kind === 'role' && profile.mfaSerial) return profile.mfaSerial;
  }
  return undefined;
}

/** What RoleTray says where the AWS CLI has no region for a role. */
const DEFAULT_REGION_VIEW = {
  region: DEFAULT_REGION,
  why: `The profile sets no region, so the AWS CLI has none for it (it calls the global STS endpoint). RoleTray needs one for STS and S3 and uses ${DEFAULT_REGION}, the AWS SDKs' default.`,
};

/** A base profile: where its keys are, and for held keys what RoleTray knows of them (no secret). */
function baseView(profile: Profile, held: HeldKeysReader): BaseProfileView | undefined {
  const place: KeysPlace | undefined =
    profile.kind === 'keys'
      ? profile.file === 'credentials'
        ? 'credentials-file'
        : 'config-file'
      : profile.kind === 'held' || profile.kind === 'process'
        ? profile.kind
        : undefined;
  if (!place) return undefined;
  const record = held.get(profile.name);
  const info: HeldKeysInfo | undefined =
    place === 'held' && record
      ? {
          keyId: shortKeyId(record.keys.accessKeyId),
          userArn: record.userArn,
          heldSince: record.heldSince,
          ...(record.rotatedAt ? { rotatedAt: record.rotatedAt } : {}),
          rotationUnfinished: !!(record.pending || record.retired),
        }
      : undefined;
  return {
    name: profile.name,
    ...('region' in profile && profile.region ? { region: profile.region } : {}),
    keys: place,
    ...(info ? { held: info } : {}),
  };
}

/** The sign-in a login needs, recorded once per instance (the first profile using it names it). */
function instanceOf(
  login: SsoLogin,
  profile: string,
  centers: Map<string, IdentityCenterView>,
): { instance: string; startUrl: string } {
  const instance = login.tokenCacheKey;
  if (!centers.has(instance)) {
    centers.set(instance, {
      instance,
      startUrl: login.startUrl,
      region: login.region,
      ...(login.session ? { session: login.session.name } : {}),
      profile,
      refreshable: (login.session?.registrationScopes.length ?? 0) > 0,
    });
  }
  return { instance, startUrl: login.startUrl };
}

export function toProfilesView(
  state: ProfilesState,
  metadata: ProfileMetadataStore,
  held: HeldKeysReader,
  accountAliases: Record<string, string> = {},
  /** The role ARN a live session of the profile has (for SSO profiles, the one STS named). */
  sessionRoleArn: (profile: string) => string | undefined = () => undefined,
): ProfilesView {
  const loaded = state.loaded;
  const profiles = loaded?.profiles ?? [];
  const metadataOf = metadata.reader();
  const byName = new Map(profiles.map((profile) => [profile.name, profile]));
  const roles: RoleView[] = [];
  const centers = new Map<string, IdentityCenterView>();
  const unusable: UnusableProfileView[] = [];
  for (const profile of profiles) {
    if (profile.kind === 'unusable') {
      unusable.push({
        name: profile.name,
        reason: profile.reason,
        ...(profile.roleArn ? { roleArn: profile.roleArn } : {}),
      });
      continue;
    }
    if (profile.kind === 'sso') {
      const { accountId, roleName } = profile.sso;
      const alias = accountAliases[accountId];
      roles.push({
        name: profile.name,
        // AWSReservedSSO_<PermissionSet>_<hex> once a session has shown it; the permission set till then.
        roleArn: sessionRoleArn(profile.name) ?? ssoRoleArn(profile.sso),
        accountId,
        ...(alias ? { accountAlias: alias } : {}),
        roleName,
        chain: [profile.name],
        ...(profile.region ? { region: profile.region } : { defaultRegion: DEFAULT_REGION_VIEW }),
        metadata: metadataOf(profile.name),
        identityCenter: instanceOf(profile.sso, profile.name, centers),
      });
      continue;
    }
    if (profile.kind !== 'role') continue;
    const ssoRoot = ssoRootOf(profile, (name) => byName.get(name));
    const rootProfile = ssoRoot === undefined ? undefined : byName.get(ssoRoot);
    const rootLogin = profile.sourceSso?.login ?? (rootProfile?.kind === 'sso' ? rootProfile.sso : undefined);
    const mfaSerial = chainMfaSerial(profile, byName);
    const alias = accountAliases[profile.accountId];
    roles.push({
      name: profile.name,
      roleArn: profile.roleArn,
      accountId: profile.accountId,
      ...(alias ? { accountAlias: alias } : {}),
      roleName: profile.roleName,
      ...(mfaSerial ? { mfaSerial } : {}),
      chain: [...profile.chain],
      ...(profile.region ? { region: profile.region } : { defaultRegion: DEFAULT_REGION_VIEW }),
      ...(profile.durationSeconds ? { durationSeconds: profile.durationSeconds } : {}),
      ...(profile.externalId ? { externalId: profile.externalId } : {}),
      ...(profile.color ? { configColor: profile.color } : {}),
      metadata: metadataOf(profile.name),
      ...(rootLogin ? { identityCenter: instanceOf(rootLogin, profile.name, centers) } : {}),
    });
  }
  return {
    configFile: loaded?.configFile ?? '',
    credentialsFile: loaded?.credentialsFile ?? '',
    roles,
    bases: profiles.flatMap((profile) => baseView(profile, held) ?? []),
    unusable,
    identityCenters: [...centers.values()],
    heldKeys: held.availability.available
      ? { available: true }
      : { available: false, reason: held.availability.reason },
    warnings: (loaded?.warnings ?? []).map((warning) => ({ ...warning })),
    ...(state.error ? { error: state.error } : {}),
  };
}
