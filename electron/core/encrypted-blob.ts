import type { KeyValueStore, SecretCipher } from './secret-cipher';

// One JSON value kept encrypted under one key of the app's store, with a format version: what the
// credential cache and the keys RoleTray holds persist through. The cipher is the OS's (safeStorage);
// callers decide what to do when it is not secure or cannot decrypt.

interface StoredBlob {
  version: number;
  encrypted: string;
}

export class EncryptedBlob<T> {
  constructor(
    private readonly store: KeyValueStore,
    private readonly cipher: SecretCipher,
    private readonly key: string,
    private readonly version: number,
  ) {}

  /** The stored value; undefined when there is none (or of another format). Throws when it cannot be decrypted. */
  async read(): Promise<T | undefined> {
    const blob = this.store.get(this.key) as StoredBlob | undefined;
    if (blob?.version !== this.version || typeof blob.encrypted !== 'string') return undefined;
    return JSON.parse(await this.cipher.decrypt(blob.encrypted)) as T;
  }

  async write(value: T): Promise<void> {
    const encrypted = await this.cipher.encrypt(JSON.stringify(value));
    this.store.set(this.key, { version: this.version, encrypted } satisfies StoredBlob);
  }

  delete(): void {
    this.store.delete(this.key);
  }
}
