import type { ProfileMetadata } from '../../../shared/sessions';
import type { KeyValueStore } from '../secret-cipher';

// App-only facts about profiles (display name, colour, favourite, last used), in the app's store so
// the user's AWS files are never written. Only profiles the config has are kept: the sessions core
// forgets the others after each successful load, and the handlers refuse names it does not have.

const STORE_KEY = 'profileMetadata';

export class ProfileMetadataStore {
  constructor(private readonly store: KeyValueStore) {}

  all(): Record<string, ProfileMetadata> {
    const stored = this.store.get(STORE_KEY);
    return stored && typeof stored === 'object' ? (stored as Record<string, ProfileMetadata>) : {};
  }

  get(profile: string): ProfileMetadata {
    return this.all()[profile] ?? {};
  }

  /** Merges `patch`; a field set to undefined is removed. An empty entry is dropped. */
  update(profile: string, patch: Partial<Record<keyof ProfileMetadata, unknown>>): ProfileMetadata {
    const all = this.all();
    const next: Record<string, unknown> = { ...all[profile] };
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) delete next[field];
      else next[field] = value;
    }
    if (Object.keys(next).length === 0) delete all[profile];
    else all[profile] = next;
    this.store.set(STORE_KEY, all);
    return all[profile] ?? {};
  }

  /** Forgets the profiles not in `names` (gone from the config); writes only when one was there. */
  keepOnly(names: ReadonlySet<string>): void {
    const all = this.all();
    const gone = Object.keys(all).filter((profile) => !names.has(profile));
    if (gone.length === 0) return;
    for (const profile of gone) delete all[profile];
    this.store.set(STORE_KEY, all);
  }

  touch(profile: string, at: number): void {
    this.update(profile, { lastUsed: at });
  }
}
