import type { KeyValueStore } from '../core/secret-cipher';
import { StoredRecords } from '../core/stored-records';

// What the CLI-cache hand-off wrote, kept in the app's store so that a later run can still take it
// back: sessions may live in memory only, and a run may end before it removes its files. Per role,
// the cache file's name and the access key id of the session written there; neither is secret (the
// secret key and token are in the file alone), so the record is kept whether sessions persist or not.

export interface CliCacheRecord {
  /** The file's name without `.json` (cliCacheKey). */
  cacheKey: string;
  /** Whose session the file held when RoleTray wrote it: a file the CLI rewrote is not RoleTray's. */
  accessKeyId: string;
}

const STORE_KEY = 'cliCacheWritten';
/** A sha1 in hex, as cliCacheKey makes it: anything else read back is not a file name to remove. */
const CACHE_KEY = /^[0-9a-f]{40}$/;

const isRecord = (value: unknown): value is CliCacheRecord => {
  const { cacheKey, accessKeyId } = (value ?? {}) as Partial<Record<keyof CliCacheRecord, unknown>>;
  return typeof cacheKey === 'string' && CACHE_KEY.test(cacheKey) && typeof accessKeyId === 'string';
};

export class CliCacheRecords {
  private readonly records: StoredRecords<CliCacheRecord>;

  constructor(store: KeyValueStore) {
    this.records = new StoredRecords(store, STORE_KEY, isRecord);
  }

  /** Every role with a file RoleTray wrote and has not removed yet. */
  all(): [string, CliCacheRecord][] {
    return this.records.entries();
  }

  get(profile: string): CliCacheRecord | undefined {
    return this.records.get(profile);
  }

  set(profile: string, record: CliCacheRecord): void {
    this.records.set(profile, record);
  }

  delete(profile: string): void {
    this.records.set(profile, undefined);
  }
}
