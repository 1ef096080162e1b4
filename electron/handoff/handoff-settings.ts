import type { KeyValueStore } from '../core/secret-cipher';
import { isObject, StoredRecords } from '../core/stored-records';

// Which roles the user chose to hand to other tools, kept in the app's store (never in ~/.aws):
// sharing with the AWS CLI's cache, and the credentials-file profile to write. Opt-in, per role.

export interface HandoffSetting {
  cliCache?: true;
  credentialsProfile?: string;
}

const STORE_KEY = 'handoff';

/** `setting` with one choice changed (or cleared, with undefined) and the other kept. */
export function withChoice<K extends keyof HandoffSetting>(
  setting: HandoffSetting,
  key: K,
  value: HandoffSetting[K] | undefined,
): HandoffSetting {
  const next = { ...setting };
  delete next[key];
  if (value !== undefined) next[key] = value;
  return next;
}

export class HandoffSettings {
  private readonly records: StoredRecords<HandoffSetting>;

  constructor(store: KeyValueStore) {
    this.records = new StoredRecords(store, STORE_KEY, isObject<HandoffSetting>);
  }

  /** Every role the user shares something of, with what. */
  all(): [string, HandoffSetting][] {
    return this.records.entries();
  }

  get(profile: string): HandoffSetting {
    return this.records.get(profile) ?? {};
  }

  set(profile: string, setting: HandoffSetting): void {
    this.records.set(profile, setting.cliCache || setting.credentialsProfile ? setting : undefined);
  }

  /**
   * Changes one choice and keeps the other as the store has it now: a caller that awaited since it
   * last read the setting must not save that old copy over a choice made meanwhile.
   */
  choose<K extends keyof HandoffSetting>(
    profile: string,
    key: K,
    value: HandoffSetting[K] | undefined,
  ): void {
    this.set(profile, withChoice(this.get(profile), key, value));
  }

  /** The role already writing `section` into the credentials file, other than `profile`. */
  sectionOwner(section: string, profile: string): string | undefined {
    return this.all().find(
      ([name, setting]) => name !== profile && setting.credentialsProfile === section,
    )?.[0];
  }
}
