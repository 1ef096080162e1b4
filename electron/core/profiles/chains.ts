import type { ProfileEntry } from './aws-config-map';
import {
  directCredentials,
  hasStaticKeys,
  type ClassifyContext,
  takesAssumeRole,
  type Own,
  type StaticKeys,
} from './classify-profile';
import type { RoleProfile, UnusableProfile } from './profiles';

// Following source_profile as botocore's AssumeRoleProvider does, from the requested profile down:
// a source with static keys, or without role_arn, gives its own credentials (its first profile
// provider) and ends the chain; any other source is assumed in turn. A source seen before is a
// loop, but for a profile naming itself when it holds keys. Each hop's region and endpoints are
// not inherited: the AWS CLI sends every hop to the requested profile's.

/**
 * The longest chain RoleTray follows, the requested profile and its sources counted. Every hop is
 * an AssumeRole call of its own and AWS caps chained sessions at 1 h, so a longer chain is a
 * mistake; without a cap a generated config could make every profile hold thousands.
 */
export const MAX_CHAIN_LENGTH = 100;

export interface ChainInputs {
  entries: ReadonlyMap<string, ProfileEntry>;
  /** Each profile on its own (classify-profile.ts). */
  owns: ReadonlyMap<string, Own>;
  /** `[x]` sections the config file has, which AWS tools ignore: a hint when a source is missing. */
  ignoredInConfig: ReadonlySet<string>;
  /** The config file as the user knows it, for sentences. */
  configShown: string;
  /** What classifying a source needs (its sso-session, the files' names). */
  context: ClassifyContext;
}

/** A role with its chain followed, or why it cannot be assumed. */
export function resolveChain(
  inputs: ChainInputs,
  role: Omit<RoleProfile, 'chain'>,
): RoleProfile | UnusableProfile {
  const { entries, owns } = inputs;
  const top = role.name;
  const unusable = (reason: string): UnusableProfile => ({
    kind: 'unusable',
    name: top,
    reason,
    roleArn: role.roleArn,
  });
  const visited = [top];
  let current: Omit<RoleProfile, 'chain'> = role;
  for (;;) {
    if (current.source.kind !== 'profile') return { ...role, chain: visited };
    const sourceName = current.source.profile;
    const source = entries.get(sourceName);
    if (!source) {
      const hint = inputs.ignoredInConfig.has(sourceName)
        ? ` ([${sourceName}] in ${inputs.configShown} is ignored; did you mean [profile ${sourceName}]?)`
        : '';
      const missing = `source_profile ${sourceName} does not exist${hint}.`;
      // visited ends with the current hop: a deeper one is named, with how it was reached.
      return unusable(
        current === role
          ? missing
          : `source profile ${current.name}${through(visited)} is unusable: ${missing}`,
      );
    }
    if (visited.includes(sourceName) && (sourceName !== current.name || !hasStaticKeys(source.values))) {
      return unusable(`source_profile cycle: ${[...visited, sourceName].join(' → ')}`);
    }
    // A profile naming itself (it holds keys) is one hop: its own keys, as the AWS CLI does.
    if (sourceName !== current.name) visited.push(sourceName);
    // A source with keys, or without role_arn, gives its own credentials and ends the chain, but
    // for a web identity source: a role assumed in turn, with its token.
    const endsHere = hasStaticKeys(source.values) || !takesAssumeRole(source.values);
    const own = endsHere ? directCredentials(source, inputs.context) : undefined;
    if (endsHere && own?.kind !== 'role') {
      return root(role, visited, sourceName, own, owns.get(sourceName), unusable);
    }
    if (visited.length >= MAX_CHAIN_LENGTH) {
      return unusable(
        `its source_profile chain is longer than ${MAX_CHAIN_LENGTH} profiles, the most RoleTray follows.`,
      );
    }
    const next = own ?? owns.get(sourceName);
    if (next?.kind !== 'role') {
      const reason = next?.kind === 'unusable' ? next.profile.reason : 'it cannot be assumed.';
      return unusable(`source profile ${sourceName}${through(visited)} is unusable: ${reason}`);
    }
    current = next.profile;
  }
}

/** The chain's end: the source's own credentials, or why there are none RoleTray can use. */
function root(
  role: Omit<RoleProfile, 'chain'>,
  chain: string[],
  sourceName: string,
  own: Own,
  /** The source as a profile of its own: a role when it also has role_arn. */
  listed: Own,
  unusable: (reason: string) => UnusableProfile,
): RoleProfile | UnusableProfile {
  if (!own) {
    return unusable(
      `source profile ${sourceName}${through(chain)} has no credentials: no keys, role_arn or credential_source.`,
    );
  }
  if (own.kind === 'handoff') {
    return unusable(
      `source profile ${sourceName} runs roletray-credentials, RoleTray's own hand-off, so RoleTray would ask itself; name the profile it hands off as source_profile instead.`,
    );
  }
  if (own.kind === 'unusable' || own.kind === 'role') {
    const reason = own.kind === 'unusable' ? own.profile.reason : '';
    return unusable(`source profile ${sourceName}${through(chain)} is unusable: ${reason}`);
  }
  // An IAM Identity Center role roots the chain: its credentials from GetRoleCredentials.
  if (own.kind === 'sso') {
    if (listed?.kind === 'sso') return { ...role, chain };
    return { ...role, chain, sourceSso: { profile: sourceName, login: own.profile.sso } };
  }
  // Keys RoleTray holds: never listed otherwise (a held profile has no role_arn to be assumed by).
  if (own.kind === 'held') return { ...role, chain };
  if (own.kind === 'process') {
    if (listed?.kind === 'process') return { ...role, chain };
    return { ...role, chain, sourceProcess: { profile: sourceName, command: own.profile.command } };
  }
  // Keys held by a profile that is listed as a role (its role_arn is not assumed as a source)
  // travel with the chain: no keys profile of that name carries them.
  if (listed?.kind === 'keys') return { ...role, chain };
  const { accessKeyId, secretAccessKey, sessionToken } = own.profile;
  const sourceKeys: StaticKeys = { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  return { ...role, chain, sourceKeys };
}

/** " (through b → c)" for the last of `chain` when others stand between it and the first. */
function through(chain: string[]): string {
  const between = chain.slice(1, -1);
  const shown = between.length > 3 ? [between[0], between[1], '…', between.at(-1)] : between;
  return between.length > 0 ? ` (through ${shown.join(' → ')})` : '';
}
