import type { ProfileDirectory } from '../core/profiles/profile-directory';
import type { Sessions } from '../core/sessions/session-manager';

// The role ARN "Copy role ARN" puts on the clipboard: a role profile's role_arn, or for an IAM
// Identity Center profile the role STS named in its session (AWSReservedSSO_<PermissionSet>_<hex>,
// which no setting gives); without such a session a sentence says what to do instead.

export type CopyableRoleArn = { arn: string } | { problem: string };

export function copyableRoleArn(
  profiles: Pick<ProfileDirectory, 'find'>,
  sessions: Pick<Sessions, 'session'>,
  name: string,
): CopyableRoleArn {
  const found = profiles.find(name);
  if (found?.kind === 'role') return { arn: found.roleArn };
  if (found?.kind === 'sso') {
    const session = sessions.session(name);
    // assumedRoleArn is set only once STS has named the role (GetCallerIdentity answered).
    if (session?.assumedRoleArn) return { arn: session.roleArn };
    return {
      problem: `IAM Identity Center names the role of ${name} (AWSReservedSSO_${found.sso.roleName}_…) only in a session: assume it first.`,
    };
  }
  return { problem: `There is no role named ${name} in your AWS config any more.` };
}
