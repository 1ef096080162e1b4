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

export interface Resolved {
  profile: Profile;
  place: Place;
}

export class ChainResolver {
  private readonly resolved = new Map<string, Resolved | null>();
  /** The roles being resolved, outermost first: a source found here closes a cycle. */
  private readonly inProgress: string[] = [];

  constructor(private readonly inputs: ChainInputs) {}

  /** The profile with its chain followed; null for a profile that is neither a role nor a source. */
  resolve(name: string): Resolved | null {
    if (this.resolved.has(name)) return this.resolved.get(name)!;
    const mine = this.inputs.owns.get(name);
    const myPlace = this.inputs.places.get(name) ?? {};
    if (!mine || mine.kind !== 'role') {
      const result = mine ? { profile: mine.profile, place: myPlace } : null;
      this.resolved.set(name, result);
      return result;
    }
    const role = mine.profile;
    const asRole = (chain: string[], inherited: Place, sourceKeys?: StaticKeys) =>
      this.finish(name, {
        profile: { ...role, chain, ...(sourceKeys ? { sourceKeys } : {}) },
        place: { ...inherited, ...myPlace },
      });

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
    const source = this.resolve(sourceName);
    this.inProgress.pop();
    if (this.resolved.has(name)) return this.resolved.get(name)!; // marked as part of a cycle on the way
    if (!source) {
      return this.fail(
        name,
        `source profile ${sourceName} has no credentials: no keys, role_arn or credential_source.`,
      );
    }
    if (source.profile.kind === 'unusable') {
      return this.fail(name, `source profile ${sourceName} is unusable: ${source.profile.reason}`);
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
    });
    return this.resolved.get(name)!;
  }

  private finish(name: string, result: Resolved): Resolved {
    if (!this.resolved.has(name)) this.resolved.set(name, result);
    return this.resolved.get(name)!;
  }

  private fail(name: string, reason: string): Resolved {
    return this.finish(name, this.unusable(name, reason));
  }

  private unusable(name: string, reason: string): { profile: UnusableProfile; place: Place } {
    const roleArn = this.inputs.values.get(name)?.['role_arn'];
    return { profile: { kind: 'unusable', name, reason, ...(roleArn ? { roleArn } : {}) }, place: {} };
  }
}
