import type { AwsCredentials } from '../credentials';
import { RoleTrayError } from '../errors';
import { hasSession, type ProfileDirectory } from '../profiles/profile-directory';
import { DEFAULT_REGION } from '../regions';
import type { Sessions } from '../sessions/session-manager';
import { MINIMUM_VALIDITY_MS } from '../sessions/session-validity';

// Where the S3 browser gets a profile's credentials and endpoint. The renderer names a profile; the
// credentials stay here. A browser call needs an active session: with none it says so (the UI
// offers renewal in place) rather than quietly assuming a role the user ended. Work already under
// way (a long listing, a folder download) renews instead, prompting for MFA when it must.

export interface S3Target {
  region: string;
  /** The profile's S3 endpoint_url; undefined for AWS's own. */
  endpoint?: string;
  /** For ARNs: aws, aws-cn, aws-us-gov. */
  partition: string;
}

export interface S3Sessions {
  target(profile: string): S3Target;
  /** The active session's credentials (or a keys profile's keys). */
  credentials(profile: string): Promise<AwsCredentials>;
  /** New credentials after `expired` stopped working; may prompt for an MFA code. */
  renew(profile: string, expired?: AwsCredentials): Promise<AwsCredentials>;
}

export interface S3SessionsDeps {
  manager: Pick<Sessions, 'credentials' | 'assume' | 'activeSession' | 'hasLapsed'>;
  profiles: ProfileDirectory;
}

export function createS3Sessions({ manager, profiles }: S3SessionsDeps): S3Sessions {
  /** The role's session with enough life left to use as it is (the manager's rule for reuse). */
  const usable = (name: string) => manager.activeSession(name, MINIMUM_VALIDITY_MS)?.credentials;

  return {
    target(name) {
      const profile = profiles.usable(name);
      return {
        region: profile.region ?? DEFAULT_REGION,
        ...(profile.s3Endpoint ? { endpoint: profile.s3Endpoint } : {}),
        partition: profile.kind === 'role' ? profile.partition : 'aws',
      };
    },

    async credentials(name) {
      if (!hasSession(profiles.get(name))) return manager.credentials(name);
      // The common case costs a map lookup: the manager's path would also record "last used" on disk.
      const session = usable(name);
      if (session) return session;
      if (manager.hasLapsed(name)) {
        throw new RoleTrayError(
          'Expired',
          `The session for ${name} has expired; renew it to keep browsing.`,
          {
            profile: name,
          },
        );
      }
      if (!manager.activeSession(name)) {
        throw new RoleTrayError('Expired', `There is no active session for ${name}; assume the role first.`, {
          profile: name,
        });
      }
      // Under a minute left: the manager renews it (asking for a code if it must).
      return manager.credentials(name);
    },

    async renew(name, expired) {
      if (!hasSession(profiles.get(name))) {
        throw new RoleTrayError(
          'Expired',
          `The keys of ${name} have expired; update them in your credentials file.`,
          { profile: name },
        );
      }
      // Another call may have renewed it already (concurrent renewals share one assume anyway).
      const session = usable(name);
      if (session && session.accessKeyId !== expired?.accessKeyId) return session;
      await manager.assume(name, { renew: true });
      return manager.activeSession(name)!.credentials;
    },
  };
}
