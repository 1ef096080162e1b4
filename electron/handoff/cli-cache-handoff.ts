import type { HandoffStatus } from '../../shared/handoff-view';
import type { Clock } from '../core/credentials';
import { RoleTrayError } from '../core/errors';
import { noSuchProfile, type UsableProfile } from '../core/profiles/profile-directory';
import type { Profile, RoleProfile, SsoProfile } from '../core/profiles/profiles';
import type { ActiveSession, Sessions } from '../core/sessions/session-manager';
import {
  CLI_CACHE_EXPIRY_WINDOW_MS,
  cliCacheDir,
  cliCacheEntry,
  cliCacheKey,
  removeCliCache,
  ssoCliCacheEntry,
  ssoCliCacheKey,
  writeCliCache,
} from './cli-cache';
import type { CliCacheRecords } from './cli-cache-records';
import type { HandoffSettings } from './handoff-settings';
import { message, type Followed, type HandoffUnit } from './handoff-unit';

// The AWS CLI's credential cache (opt-in per role): the session written where `aws --profile X`
// looks, rewritten on renewal, removed when it ends, and renewed before the CLI's 15-minute window
// would make the CLI assume the role (and prompt) on its own. What it wrote is recorded in the
// app's store, so a later run removes a file whose session did not outlive the run that wrote it.
// Role profiles use the assume-role cache's key; IAM Identity Center profiles the SSO provider's
// (the CLI v2 keeps both in ~/.aws/cli/cache), so `aws --profile sso-x` skips GetRoleCredentials.

/** A profile the CLI caches a session for. */
type Cached = RoleProfile | SsoProfile;
const isCached = (profile: Profile | undefined): profile is Cached =>
  profile?.kind === 'role' || profile?.kind === 'sso';

/** The cache file's name for the profile, as the CLI v2 would look it up. */
export function cacheKeyOf(profile: Cached): string {
  if (profile.kind === 'role') return cliCacheKey(profile);
  const { sso } = profile;
  return ssoCliCacheKey({
    accountId: sso.accountId,
    roleName: sso.roleName,
    // A legacy profile's key is its sso_start_url as written, which is also its token cache key.
    ...(sso.session
      ? { sessionName: sso.session.name, startUrl: sso.startUrl }
      : { startUrl: sso.tokenCacheKey }),
  });
}

export interface CliCacheHandoffDeps {
  manager: Pick<Sessions, 'assume'>;
  settings: HandoffSettings;
  /** The files it wrote and has not removed, across runs. */
  records: CliCacheRecords;
  /** The user's home: the cache is ~/.aws/cli/cache whatever AWS_CONFIG_FILE says. */
  homeDir: string;
  clock: Clock;
  log: (message: string) => void;
}

/** Re-check how much life a CLI-shared session has this often ahead of the CLI's window. */
const CLI_RENEW_MARGIN_MS = 60_000;

export class CliCacheHandoff implements HandoffUnit {
  /** The session (access key id) each role was last asked to renew for the CLI's window. */
  private readonly renewed = new Map<string, string>();
  private readonly problems = new Map<string, string>();

  constructor(private readonly deps: CliCacheHandoffDeps) {}

  status(name: string, profile: UsableProfile | undefined): Pick<HandoffStatus, 'cliCache'> {
    if (!profile)
      return { cliCache: { enabled: false, available: false, problem: noSuchProfile(name).message } };
    const problem = isCached(profile)
      ? this.problems.get(name)
      : 'Only role and IAM Identity Center profiles use the AWS CLI’s credential cache.';
    return {
      cliCache: {
        enabled: this.deps.settings.get(name).cliCache === true,
        available: isCached(profile),
        ...(problem ? { problem } : {}),
      },
    };
  }

  /** Saves the choice; the next pass writes the session, `remove` takes it back. */
  choose(profile: UsableProfile, enabled: boolean): void {
    if (!isCached(profile)) {
      throw new RoleTrayError(
        'Validation',
        `${profile.name} is not a role, so the AWS CLI keeps no session for it.`,
        {
          profile: profile.name,
        },
      );
    }
    this.deps.settings.choose(profile.name, 'cliCache', enabled || undefined);
  }

  async follow({ name, profile, session, setting, startup }: Followed): Promise<void> {
    if (isCached(profile) && setting.cliCache && session) await this.share(profile, session, startup);
    else await this.remove(name);
  }

  /** At start, before any pass: removes the files of roles no longer shared (no pass follows them). */
  async sweep(shared: ReadonlySet<string>): Promise<void> {
    for (const [name] of this.deps.records.all()) if (!shared.has(name)) await this.remove(name);
  }

  /** Removes the file RoleTray wrote, if the CLI has not rewritten it since. */
  async remove(name: string): Promise<void> {
    const { records } = this.deps;
    const written = records.get(name);
    if (!written) return;
    records.delete(name);
    await removeCliCache(this.dir(), written.cacheKey, written.accessKeyId).catch((error: unknown) =>
      this.deps.log(`Could not remove ${name}'s AWS CLI cache file: ${message(error)}`),
    );
  }

  private async share(role: Cached, session: ActiveSession, startup: boolean): Promise<void> {
    const { credentials } = session;
    const cacheKey = cacheKeyOf(role);
    const written = this.deps.records.get(role.name);
    const sameFile = written?.cacheKey === cacheKey;
    // At start the file is written again: it may have gone, or been rewritten, while RoleTray was not running.
    if (startup || written?.accessKeyId !== credentials.accessKeyId || !sameFile) {
      // A changed role_arn, external_id... means another cache file: the old one goes first.
      if (!sameFile) await this.remove(role.name);
      try {
        const entry =
          role.kind === 'sso'
            ? ssoCliCacheEntry(credentials)
            : cliCacheEntry(credentials, session.assumedRole);
        await writeCliCache(this.dir(), { cacheKey }, entry);
        this.deps.records.set(role.name, { cacheKey, accessKeyId: credentials.accessKeyId });
        this.problems.delete(role.name);
      } catch (error) {
        const problem = `RoleTray could not write the AWS CLI’s cache in ${this.dir()}: ${message(error)}`;
        this.problems.set(role.name, problem);
        this.deps.log(problem);
      }
    }
    // The CLI treats a session with under 15 minutes left as expired and would prompt on its own.
    const left = credentials.expiration - this.deps.clock();
    if (
      left < CLI_CACHE_EXPIRY_WINDOW_MS + CLI_RENEW_MARGIN_MS &&
      this.renewed.get(role.name) !== credentials.accessKeyId
    ) {
      this.renewed.set(role.name, credentials.accessKeyId);
      void this.deps.manager.assume(role.name, { renew: true, interactive: false }).catch(() => {
        // Needs a code: the session warning the core raises already tells the user.
      });
    }
  }

  private dir(): string {
    return cliCacheDir(this.deps.homeDir);
  }
}
