import type { KeyValueStore } from '../core/secret-cipher';

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
  constructor(private readonly store: KeyValueStore) {}

  all(): Record<string, HandoffSetting> {
    const stored = this.store.get(STORE_KEY);
    return stored && typeof stored === 'object' ? (stored as Record<string, HandoffSetting>) : {};
  }

  get(profile: string): HandoffSetting {
    return this.all()[profile] ?? {};
  }

  set(profile: string, setting: HandoffSetting): void {
    const all = this.all();
    if (setting.cliCache || setting.credentialsProfile) all[profile] = setting;
    else delete all[profile];
    this.store.set(STORE_KEY, all);
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
    return Object.entries(this.all()).find(
      ([name, setting]) => name !== profile && setting.credentialsProfile === section,
    )?.[0];
  }
}
