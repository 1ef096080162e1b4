// Encryption for secrets at rest. In the app this is Electron's safeStorage (OS keychain, DPAPI,
// libsecret/kwallet); tests use an AES key held in memory.

export type CipherStatus =
  | { secure: true; backend: string }
  /** No OS-backed encryption (e.g. Linux without a keyring falls back to `basic_text`). */
  | { secure: false; backend?: string; reason: string };

export interface SecretCipher {
  status(): Promise<CipherStatus>;
  /** Returns base64 text safe to put in a JSON store. */
  encrypt(plainText: string): Promise<string>;
  decrypt(encrypted: string): Promise<string>;
}

/** A key-value store: electron-store in the app, `conf` (the library under it) in tests. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}
