import type { KeyValueStore } from './secret-cipher';

// Per-profile records the app keeps under one key of its store (profile metadata, hand-off
// choices, what a hand-off wrote). A profile may be named anything the AWS CLI reads, `__proto__`
// and `constructor` included, so records are read by own property only and written as data.

export class StoredRecords<T> {
  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
    /** What a stored value must look like to be read back (the store file is the user's to edit). */
    private readonly valid: (value: unknown) => value is T,
  ) {}

  /** Every record, by profile name. */
  entries(): [string, T][] {
    const stored = this.store.get(this.key);
    if (!stored || typeof stored !== 'object') return [];
    return Object.entries(stored as Record<string, unknown>).filter((entry): entry is [string, T] =>
      this.valid(entry[1]),
    );
  }

  get(profile: string): T | undefined {
    return this.entries().find(([name]) => name === profile)?.[1];
  }

  /** Sets or (with undefined) removes one record; the store key goes when the last one does. */
  set(profile: string, record: T | undefined): void {
    this.write([
      ...this.entries().filter(([name]) => name !== profile),
      ...(record === undefined ? [] : ([[profile, record]] as [string, T][])),
    ]);
  }

  /** Forgets the profiles not in `names`; writes only when one was there. */
  keepOnly(names: ReadonlySet<string>): void {
    const entries = this.entries();
    const kept = entries.filter(([name]) => names.has(name));
    if (kept.length < entries.length) this.write(kept);
  }

  private write(entries: [string, T][]): void {
    // fromEntries defines each name as data: `__proto__` stays a record, not a prototype.
    if (entries.length > 0) this.store.set(this.key, Object.fromEntries(entries));
    else this.store.delete(this.key);
  }
}

/** A stored record that is at least an object. */
export const isObject = <T>(value: unknown): value is T =>
  !!value && typeof value === 'object' && !Array.isArray(value);
