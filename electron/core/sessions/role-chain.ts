import type { RoleProfile } from '../profiles/profiles';
import { AssumeRoleProvider } from './assume-role-provider';
import { rootProvider, type ProviderDeps } from './credential-provider';
import { mfaSessionProvider } from './mfa-session-provider';
import { rootSourceOf, type RootResolver } from './root-sources';
import { mfaStrategy } from './session-policy';
import { stsTargetOf } from './sts-gateway';

// The providers for one requested role, composed per session-policy.ts: each role in the chain is
// an AssumeRole hop on the one below, sent where the requested role's calls go; at the root, the source's keys, with the MFA device nearest
// the requested role applied there (an MFA session, or the code sent with the AssumeRole itself).
// Built when a session is asked for; a hop reads its source only when it has to assume.

export interface ChainInputs {
  deps: ProviderDeps;
  /** Where chains end: the profiles, the environment, the credential_process sources. */
  roots: RootResolver;
}

export function roleChain(inputs: ChainInputs, target: RoleProfile): AssumeRoleProvider {
  return hop(inputs, target, target, undefined);
}

function hop(
  inputs: ChainInputs,
  target: RoleProfile,
  role: RoleProfile,
  /** The device a role above this one needs. */
  inheritedSerial: string | undefined,
): AssumeRoleProvider {
  const { deps } = inputs;
  const { profiles } = inputs.roots;
  const serial = role.mfaSerial ?? inheritedSerial;
  const requireMfa = inheritedSerial !== undefined;
  const { region, endpoint } = stsTargetOf(target, target.name);
  const sts = { region, ...(endpoint ? { endpoint } : {}) };
  if (role.source.kind === 'web-identity') {
    const { tokenFile } = role.source;
    return new AssumeRoleProvider(deps, { role, sts, requireMfa, source: () => ({ tokenFile }) });
  }
  if (role.source.kind === 'profile' && !role.sourceKeys) {
    const sourceName = role.source.profile;
    if (profiles.find(sourceName)?.kind === 'role') {
      return new AssumeRoleProvider(deps, {
        role,
        sts,
        requireMfa,
        source: () => ({ provider: hop(inputs, target, profiles.role(sourceName), serial) }),
      });
    }
  }
  return new AssumeRoleProvider(deps, {
    role,
    sts,
    requireMfa,
    source: async () => {
      const root = rootSourceOf(role, inputs.roots);
      if (!serial) return { provider: rootProvider(root) };
      const request = { serial, profile: target.name, roleArn: role.roleArn };
      // Whether the root's credentials are temporary decides the strategy; a process must say.
      const temporary = root.temporary ?? !!(await root.credentials()).sessionToken;
      const strategy = mfaStrategy(deps.policy, role.durationSeconds ?? deps.defaultRoleSeconds(), temporary);
      if (strategy === 'direct') return { provider: rootProvider(root), directMfa: request };
      return { provider: mfaSessionProvider(deps, root, request, stsTargetOf(target, root.name)) };
    },
  });
}
