import { staticKeys, type Own, type StaticKeys, type Values } from './classify-profile';
import type { Place } from './endpoints';
import type { Profile, UnusableProfile } from './profiles';

// Following source_profile with the CLI's rules (botocore's AssumeRoleProvider): a source holding
// static keys ends the chain with those keys, even if it also has a role_arn; a source naming the
// profile itself is allowed only when the profile holds keys; any other repeat is a cycle. Region
// and endpoints a role does not set itself come from its source.

export interface ChainInputs {
  /** Each profile's values, both files merged. */
  values: ReadonlyMap<string, Values>;
  /** Each profile on its own (classify-profile.ts). */
  owns: ReadonlyMap<string, Own>;
  /** Each profile's own region and endpoints. */
  places: ReadonlyMap<string, Place>;
  /** `[x]` sections the config file has, which AWS tools ignore: a hint when a source is missing. */
  ignoredInConfig: ReadonlySet<string>;
  /** The config file as the user knows it, for sentences. */
  configShown: string;
}

/**
 * The longest chain RoleTray follows, the requested profile and its sources counted. Every hop is
 * an AssumeRole call of its own and AWS caps chained sessions at 1 h, so a longer chain is a
 * mistake; without a cap each profile would hold its whole chain (a 5,000-deep one took 850 MB).
 */
export const MAX_CHAIN_LENGTH = 100;

export interface Resolved {
  profile: Profile;
  place: Place;
}

export class ChainResolver {
  private readonly resolved = new Map<string, Resolved | null>();
  /** How many profiles each result took to reach: its chain's length, or where it failed. */
  private readonly depth = new Map<string, number>();
  /** The roles being resolved, outermost first: a source found here closes a cycle. */
  private readonly inProgress: string[] = [];

  constructor(private readonly inputs: ChainInputs) {}

  /**
   * The profile with its chain followed; null for a profile that is neither a role nor a source.
   * Sources are resolved from an explicit stack, not by recursion, so a chain of any depth (a
   * generated config, a mistake) cannot overflow the call stack.
   */
  resolve(name: string): Resolved | null {
    const stack = [this.resolving(name)];
    let answer: Resolved | null = null;
    for (;;) {
      const step = stack.at(-1)!.next(answer);
      if (step.done) {
        stack.pop();
        answer = step.value;
        if (stack.length === 0) return answer;
      } else {
        stack.push(this.resolving(step.value));
        answer = null;
      }
    }
  }

  /** Resolves one profile; yields a source's name to have it resolved first, and gets its result. */
  private *resolving(name: string): Generator<string, Resolved | null, Resolved | null> {
    if (this.resolved.has(name)) return this.resolved.get(name)!;
    const mine = this.inputs.owns.get(name);
    const myPlace = this.inputs.places.get(name) ?? {};
    if (!mine || mine.kind !== 'role') {
      const result = mine ? { profile: mine.profile, place: myPlace } : null;
      return this.finish(name, result, 1);
    }
    const role = mine.profile;
    const asRole = (chain: string[], inherited: Place, sourceKeys?: StaticKeys) =>
      this.finish(
        name,
        {
          profile: { ...role, chain, ...(sourceKeys ? { sourceKeys } : {}) },
          place: { ...inherited, ...myPlace },
        },
        chain.length,
      );

    if (role.source.kind === 'environment') return asRole([name], {});
    const sourceName = role.source.profile;
    if (sourceName === name) {
      const keys = staticKeys(this.inputs.values.get(name)!);
      return keys ? asRole([name], {}, keys) : this.fail(name, `source_profile cycle: ${name} → ${name}`);
    }
    if (!this.inputs.values.has(sourceName)) {
      const hint = this.inputs.ignoredInConfig.has(sourceName)
        ? ` ([${sourceName}] in ${this.inputs.configShown} is ignored; did you mean [profile ${sourceName}]?)`
        : '';
      return this.fail(name, `source_profile ${sourceName} does not exist${hint}.`);
    }
    const sourceOwn = this.inputs.owns.get(sourceName);
    const sourceKeys = staticKeys(this.inputs.values.get(sourceName)!);
    if (sourceKeys && sourceOwn?.kind !== 'unusable') {
      const sourcePlace = this.inputs.places.get(sourceName) ?? {};
      return asRole([name, sourceName], sourcePlace, sourceOwn?.kind === 'role' ? sourceKeys : undefined);
    }
    if (this.inProgress.includes(sourceName)) return this.cycle(name, sourceName);
    this.inProgress.push(name);
    const source = yield sourceName;
    this.inProgress.pop();
    if (this.resolved.has(name)) return this.resolved.get(name)!; // marked as part of a cycle on the way
    // Past the cap the chain is refused in one sentence, not one nested in another per hop.
    const depth = (this.depth.get(sourceName) ?? 0) + 1;
    if (depth > MAX_CHAIN_LENGTH) return this.fail(name, tooLong(), depth);
    if (!source) {
      return this.fail(
        name,
        `source profile ${sourceName} has no credentials: no keys, role_arn or credential_source.`,
      );
    }
    if (source.profile.kind === 'unusable') {
      return this.fail(name, `source profile ${sourceName} is unusable: ${source.profile.reason}`, depth);
    }
    if (source.profile.kind === 'keys') return asRole([name, sourceName], source.place);
    const sourceChain = source.profile.chain;
    const repeat = sourceChain.indexOf(name);
    if (repeat !== -1) {
      // The source reaches back here (through a profile whose keys end its own chain): the CLI calls
      // that a loop for this profile, though the source itself works.
      return this.fail(
        name,
        `source_profile cycle: ${[name, ...sourceChain.slice(0, repeat + 1)].join(' → ')}`,
      );
    }
    return asRole([name, ...sourceChain], source.place);
  }

  /** A cycle of roles without keys: every profile in it is unusable, each told from itself. */
  private cycle(name: string, sourceName: string): Resolved {
    const cycle = [...this.inProgress.slice(this.inProgress.indexOf(sourceName)), name];
    cycle.forEach((member, index) => {
      const path = [...cycle.slice(index), ...cycle.slice(0, index), member];
      this.resolved.set(member, this.unusable(member, `source_profile cycle: ${path.join(' → ')}`));
      this.depth.set(member, cycle.length);
    });
    return this.resolved.get(name)!;
  }

  private finish<T extends Resolved | null>(name: string, result: T, depth: number): T {
    if (!this.resolved.has(name)) {
      this.resolved.set(name, result);
      this.depth.set(name, depth);
    }
    return this.resolved.get(name) as T;
  }

  private fail(name: string, reason: string, depth = 1): Resolved {
    return this.finish(name, this.unusable(name, reason), depth);
  }

  private unusable(name: string, reason: string): { profile: UnusableProfile; place: Place } {
    const roleArn = this.inputs.values.get(name)?.['role_arn'];
    return { profile: { kind: 'unusable', name, reason, ...(roleArn ? { roleArn } : {}) }, place: {} };
  }
}

function tooLong(): string {
  return `its source_profile chain is longer than ${MAX_CHAIN_LENGTH} profiles, the most RoleTray follows.`;
}
