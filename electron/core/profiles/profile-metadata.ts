import type { ProfileMetadata } from '../../../shared/sessions';
import type { KeyValueStore } from '../secret-cipher';
import { isObject, StoredRecords } from '../stored-records';

// App-only facts about profiles (display name, colour, favourite, last used), in the app's store so
// the user's AWS files are never written. Only profiles the config has are kept: the sessions core
// forgets the others after each successful load, and the handlers refuse names it does not have.

const STORE_KEY = 'profileMetadata';

export class ProfileMetadataStore {
  private readonly records: StoredRecords<ProfileMetadata>;

  constructor(store: KeyValueStore) {
    this.records = new StoredRecords(store, STORE_KEY, isObject<ProfileMetadata>);
  }

  get(profile: string): ProfileMetadata {
    return this.records.get(profile) ?? {};
  }

  /**
   * Every profile's metadata as one read of the store, for a whole list: the store may read its
   * file on each get (electron-store does), which for hundreds of roles took most of a listing.
   */
  reader(): (profile: string) => ProfileMetadata {
    const records = new Map(this.records.entries());
    return (profile) => records.get(profile) ?? {};
  }

  /** Every profile's metadata, for listing; look one up with get (a name may be `constructor`). */
  all(): Record<string, ProfileMetadata> {
    return Object.fromEntries(this.records.entries());
  }

  /** Merges `patch`; a field set to undefined is removed. An empty entry is dropped. */
  update(profile: string, patch: Partial<Record<keyof ProfileMetadata, unknown>>): ProfileMetadata {
    const next = Object.fromEntries(
      Object.entries({ ...this.get(profile), ...patch }).filter(([, value]) => value !== undefined),
    ) as ProfileMetadata;
    this.records.set(profile, Object.keys(next).length > 0 ? next : undefined);
    return next;
  }

  /** Forgets the profiles not in `names` (gone from the config). */
  keepOnly(names: ReadonlySet<string>): void {
    this.records.keepOnly(names);
  }

  touch(profile: string, at: number): void {
    this.update(profile, { lastUsed: at });
  }
}
