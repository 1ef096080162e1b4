import type { Identity } from '../../shared/sessions';
import { shortKeyId, type HeldKeysResult } from '../../shared/held-keys-view';
import type { Clock } from '../core/credentials';
import { isRoleTrayError, RoleTrayError } from '../core/errors';
import type { HeldKeyPair, HeldKeysRecord, HeldKeysStore } from '../core/held-keys-store';
import type { ProfileDirectory } from '../core/profiles/profile-directory';
import type { HeldProfile } from '../core/profiles/profiles';
import { stsTargetOf, type StsTarget } from '../core/sessions/sts-gateway';
import {
  KEYS_GO_IN,
  ONLY_REMOVES,
  rewriteSharedFile,
  type CredentialsFileDeps,
  type RewriteKind,
} from '../handoff/credentials-file';
import { CredentialsFileRefusal } from '../handoff/credentials-file-refusal';
import { addHeldLine, removeHeldLine } from './config-held-line';
import { hasKeySection as hasSection, putKeySectionsBack, takeKeySections } from './credentials-key-sections';
import { keysRefusal } from './held-keys-refusal';
import type { IamAccessKeys, IamTarget } from './iam-access-keys';

// Keys held by RoleTray instead of the credentials file: moving a profile's keys in, adding new
// ones, putting them back, rotating them. Each operation is ordered so that a failure or a kill at
// any step loses nothing: the keys are in the encrypted store before they leave a file, and back
// in a file before they leave the store; a rotation's new pair is stored before it is verified,
// and the old one is retired only once the new one works. Each can be run again to finish.

export interface HeldKeysServiceDeps {
  store: HeldKeysStore;
  profiles: ProfileDirectory;
  /** The AWS files as the loader reads them now. */
  files: () => { configFile: string; credentialsFile: string };
  reloadProfiles: () => Promise<void>;
  /** The credential_process value that asks the running app for a profile's credentials. */
  helperLine: (profile: string) => string;
  identity: (input: StsTarget) => Promise<Identity>;
  iam: IamAccessKeys;
  clock: Clock;
  /** Tests slow down or edit files here. */
  fileDeps?: CredentialsFileDeps;
  /** How long a new key may take to work (IAM is eventually consistent), and the wait between tries. */
  verifyWithinMs?: number;
  verifyEveryMs?: number;
}

const CONFIG_EDIT: RewriteKind = { creates: true, secret: false };
/** Where sections RoleTray writes for keys added in the app go: after everything else. */
const AT_THE_END = Number.MAX_SAFE_INTEGER;

export class HeldKeysService {
  constructor(private readonly deps: HeldKeysServiceDeps) {}

  /** "Move these keys into RoleTray": store, then the config's line, then out of the credentials file. */
  async moveIn(name: string): Promise<HeldKeysResult> {
    const { store, profiles } = this.deps;
    store.requireAvailable();
    const { credentialsFile } = this.deps.files();
    let record = store.get(name);
    if (!record) {
      const profile = profiles.get(name);
      if (profile.kind !== 'keys' || profile.file !== 'credentials') {
        throw keysRefusal(
          name,
          profile.kind === 'keys'
            ? `The keys of ${name} are in your config file; RoleTray moves keys from the credentials file only.`
            : `Profile ${name} holds no keys in the credentials file, so there is nothing to move.`,
        );
      }
      // Read now only to refuse early, before the store holds anything; the files are edited after.
      const taken = takeKeySections(await this.readText(credentialsFile), name, credentialsFile);
      const { configFile } = this.deps.files();
      addHeldLine(await this.readText(configFile), name, this.deps.helperLine(name), configFile);
      const identity = await this.deps.identity({
        ...stsTargetOf(profile, name),
        credentials: taken.keys,
      });
      record = {
        profile: name,
        keys: taken.keys,
        userArn: identity.arn,
        heldSince: this.deps.clock(),
        moved: { file: credentialsFile, sections: taken.sections },
        createdConfigSection: false,
      };
      await store.put(record);
    }
    const held = await this.addConfigLine(record);
    let sections = held.moved?.sections ?? [];
    await this.edit(credentialsFile, ONLY_REMOVES, (text) => {
      // Already out (a second run): nothing left to take.
      if (!hasSection(text, name)) return text;
      const taken = takeKeySections(text, name, credentialsFile);
      if (!sameKeys(taken.keys, held.keys)) {
        throw keysRefusal(
          name,
          `The keys of [${name}] in ${credentialsFile} changed while RoleTray moved them; RoleTray left that section. Try again.`,
        );
      }
      sections = taken.sections;
      return taken.text;
    });
    await store.put({ ...held, moved: { file: credentialsFile, sections } });
    await this.deps.reloadProfiles();
    return {
      profile: name,
      message: `RoleTray now holds the keys of ${name} (${shortKeyId(held.keys.accessKeyId)}), encrypted; [${name}] left ${credentialsFile}. The AWS CLI and SDKs get them from RoleTray while it runs.`,
    };
  }

  /** "Add access keys": a new profile whose keys only RoleTray holds, checked with GetCallerIdentity. */
  async add(name: string, keys: HeldKeyPair): Promise<HeldKeysResult> {
    const { store, profiles } = this.deps;
    store.requireAvailable();
    if (profiles.find(name) || store.get(name)) {
      throw keysRefusal(name, `A profile named ${name} exists already; choose another name.`);
    }
    const record: HeldKeysRecord = {
      profile: name,
      keys,
      userArn: '',
      heldSince: this.deps.clock(),
      createdConfigSection: false,
    };
    await store.put(record);
    let added = record;
    try {
      added = await this.addConfigLine(record);
      await this.deps.reloadProfiles();
      // Through the profile as the CLI will use it: its region and endpoints.
      const identity = await this.deps.identity({ ...stsTargetOf(this.held(name), name), credentials: keys });
      await store.put({ ...added, userArn: identity.arn });
      return {
        profile: name,
        message: `Added ${name}: keys ${shortKeyId(keys.accessKeyId)} of ${identity.arn}, held by RoleTray.`,
      };
    } catch (error) {
      // Nothing of a pair AWS does not take stays behind.
      await this.removeConfigLine(added);
      await store.remove(name);
      await this.deps.reloadProfiles();
      throw error;
    }
  }

  /** "Put keys back": into the credentials file first, then the config's line goes, then the store's copy. */
  async putBack(name: string): Promise<HeldKeysResult> {
    const record = this.recordOf(name);
    if (record.pending || record.retired) {
      throw keysRefusal(
        name,
        `A rotation of the keys of ${name} has not finished: rotate again to finish it first.`,
      );
    }
    const { credentialsFile } = this.deps.files();
    const sections = record.moved?.sections ?? [
      {
        line: AT_THE_END,
        text: `[${name}]\naws_access_key_id = ${record.keys.accessKeyId}\naws_secret_access_key = ${record.keys.secretAccessKey}\n`,
      },
    ];
    await this.edit(credentialsFile, KEYS_GO_IN, (text) =>
      hasSection(text, name) && this.sectionHolds(text, name, record.keys, credentialsFile)
        ? text
        : putKeySectionsBack(text, name, sections, credentialsFile),
    );
    await this.removeConfigLine(record);
    await this.deps.store.remove(name);
    await this.deps.reloadProfiles();
    return {
      profile: name,
      message: `The keys of ${name} are back in ${credentialsFile}; RoleTray no longer holds them.`,
    };
  }

  /**
   * "Rotate keys": CreateAccessKey, the new pair stored before anything else, checked to work
   * as the same user, then the old one deleted (or, where that is refused, deactivated).
   */
  async rotate(name: string): Promise<HeldKeysResult> {
    let record = this.recordOf(name);
    const profile = this.held(name);
    const target = (credentials: HeldKeyPair): IamTarget => ({
      credentials,
      profile: name,
      ...(profile.iamEndpoint ? { endpoint: profile.iamEndpoint } : {}),
    });
    if (!record.retired) {
      if (!record.pending) {
        const pending = await this.deps.iam.create(target(record.keys));
        record = { ...record, pending };
        await this.deps.store.put(record);
      }
      const pending = record.pending!;
      const identity = await this.verify(profile, pending);
      if (identity.arn !== record.userArn && record.userArn !== '') {
        throw keysRefusal(
          name,
          `The new keys are ${identity.arn}, not ${record.userArn}; RoleTray kept the old ones. Check the IAM user's keys in the console.`,
        );
      }
      record = {
        ...record,
        keys: pending,
        userArn: identity.arn,
        rotatedAt: this.deps.clock(),
        retired: record.keys,
        ...(record.moved
          ? {
              moved: {
                ...record.moved,
                sections: record.moved.sections.map((s) => ({
                  ...s,
                  text: replaceKeys(s.text, record.keys, pending),
                })),
              },
            }
          : {}),
      };
      delete record.pending;
      await this.deps.store.put(record);
    }
    const old = record.retired!;
    const outcome = await this.retire(target(record.keys), old.accessKeyId);
    const { retired: _retired, ...rest } = record;
    await this.deps.store.put(outcome.retired ? rest : record);
    return {
      profile: name,
      message: `Rotated the keys of ${name}: ${shortKeyId(record.keys.accessKeyId)} works for ${record.userArn}; ${outcome.message}`,
    };
  }

  /** The old key deleted, or deactivated where deleting is refused, or a sentence saying neither worked. */
  private async retire(
    target: IamTarget,
    accessKeyId: string,
  ): Promise<{ retired: boolean; message: string }> {
    const old = shortKeyId(accessKeyId);
    try {
      await this.deps.iam.delete(target, accessKeyId);
      return { retired: true, message: `${old} is deleted.` };
    } catch (deleteError) {
      if (isRoleTrayError(deleteError) && /^NoSuchEntity/.test(deleteError.info.awsCode ?? '')) {
        return { retired: true, message: `${old} was already deleted.` };
      }
      try {
        await this.deps.iam.deactivate(target, accessKeyId);
        return {
          retired: true,
          message: `${old} could not be deleted (${reasonOf(deleteError)}), so RoleTray made it inactive; delete it in the IAM console.`,
        };
      } catch (deactivateError) {
        return {
          retired: false,
          message: `${old} is still active: RoleTray could neither delete it (${reasonOf(deleteError)}) nor make it inactive (${reasonOf(deactivateError)}). Delete it in the IAM console, or rotate again.`,
        };
      }
    }
  }

  /** GetCallerIdentity with a new pair, tried again while IAM has not yet spread it. */
  private async verify(profile: HeldProfile, keys: HeldKeyPair): Promise<Identity> {
    const within = this.deps.verifyWithinMs ?? 20_000;
    const every = this.deps.verifyEveryMs ?? 2_000;
    const started = Date.now();
    for (;;) {
      try {
        return await this.deps.identity({ ...stsTargetOf(profile, profile.name), credentials: keys });
      } catch (error) {
        if (!isRoleTrayError(error, 'InvalidCredentials') || Date.now() - started + every > within)
          throw error;
        await new Promise((resolve) => setTimeout(resolve, every));
      }
    }
  }

  private async addConfigLine(record: HeldKeysRecord): Promise<HeldKeysRecord> {
    const { configFile } = this.deps.files();
    let created = false;
    await this.edit(configFile, CONFIG_EDIT, (text) => {
      const edit = addHeldLine(text, record.profile, this.deps.helperLine(record.profile), configFile);
      created = edit.createdSection;
      return edit.text;
    });
    if (!created) return record;
    const next = { ...record, createdConfigSection: true };
    await this.deps.store.put(next);
    return next;
  }

  private async removeConfigLine(record: HeldKeysRecord): Promise<void> {
    const { configFile } = this.deps.files();
    await this.edit(configFile, ONLY_REMOVES, (text) =>
      removeHeldLine(text, record.profile, record.createdConfigSection),
    );
  }

  private recordOf(name: string): HeldKeysRecord {
    this.deps.store.requireAvailable();
    const record = this.deps.store.get(name);
    if (!record) throw keysRefusal(name, `RoleTray holds no keys for ${name}.`);
    return record;
  }

  private held(name: string): HeldProfile {
    const profile = this.deps.profiles.get(name);
    if (profile.kind !== 'held') {
      throw keysRefusal(
        name,
        `Profile ${name} does not take its keys from RoleTray: its config has no credential_process line for them.`,
      );
    }
    return profile;
  }

  private sectionHolds(text: string, name: string, keys: HeldKeyPair, file: string): boolean {
    try {
      return sameKeys(takeKeySections(text, name, file).keys, keys);
    } catch {
      return false;
    }
  }

  /** One rewrite of a shared file; what refuses or fails is a sentence naming the file. */
  private async edit(path: string, kind: RewriteKind, transform: (text: string) => string): Promise<void> {
    try {
      await rewriteSharedFile(path, kind, this.deps.fileDeps ?? {}, transform);
    } catch (error) {
      if (error instanceof RoleTrayError) throw error;
      if (error instanceof CredentialsFileRefusal)
        throw new RoleTrayError('ConfigError', error.message, { file: path });
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new RoleTrayError(
        'ConfigError',
        `RoleTray could not update ${path} (${code}); nothing in it changed.`,
        {
          file: path,
        },
      );
    }
  }

  private async readText(path: string): Promise<string> {
    let text = '';
    // Read through the same writer, changing nothing: the same decoding and refusals.
    await this.edit(path, ONLY_REMOVES, (current) => (text = current));
    return text;
  }
}

const sameKeys = (a: HeldKeyPair, b: HeldKeyPair) =>
  a.accessKeyId === b.accessKeyId && a.secretAccessKey === b.secretAccessKey;

/** A moved section's text with the rotated pair in place of the old one. */
const replaceKeys = (text: string, old: HeldKeyPair, next: HeldKeyPair) =>
  text.replaceAll(old.accessKeyId, next.accessKeyId).replaceAll(old.secretAccessKey, next.secretAccessKey);

const reasonOf = (error: unknown) =>
  error instanceof RoleTrayError ? (error.info.awsCode ?? error.info.kind) : String(error);
