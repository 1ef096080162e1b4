import { RoleTrayError } from './errors';
import { EncryptedBlob } from './encrypted-blob';
import type { KeyValueStore, SecretCipher } from './secret-cipher';

// Long-term access keys RoleTray holds instead of the credentials file (as aws-vault and granted
// keep them in the OS keychain): encrypted with safeStorage in the app's store, read back at start
// and served from memory. Unlike the credential cache, they are never kept where only the
// `basic_text` fallback exists (that is plain text on disk), and a blob that cannot be decrypted
// is kept, not dropped: these keys may exist nowhere else.

export interface HeldKeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A credentials-file section RoleTray took out, as it was: put back at its line. */
export interface MovedSection {
  /** 0-based index of its first line in the file as it was. */
  line: number;
  /** Its lines, line ends included, byte for byte. */
  text: string;
}

export interface HeldKeysRecord {
  profile: string;
  keys: HeldKeyPair;
  /** The IAM user the keys are (GetCallerIdentity), checked again after a rotation. */
  userArn: string;
  heldSince: number;
  rotatedAt?: number;
  /** Where the keys came from: the credentials file's sections (to put back), or added in the app. */
  moved?: { file: string; sections: MovedSection[] };
  /** Whether RoleTray created the config's section for the profile (and so removes it again). */
  createdConfigSection: boolean;
  /** A rotation's new pair, kept before it is verified so that no step can lose it. */
  pending?: HeldKeyPair;
  /** A rotation's old pair until IAM has deleted or deactivated it. */
  retired?: HeldKeyPair;
}

export type HeldKeysAvailability =
  { available: true; backend: string } | { available: false; reason: string };

/** What a root source reads: the record, synchronously, once the store is open. */
export interface HeldKeysReader {
  readonly availability: HeldKeysAvailability;
  get(profile: string): HeldKeysRecord | undefined;
}

export class HeldKeysStore implements HeldKeysReader {
  private readonly records = new Map<string, HeldKeysRecord>();
  private readonly blob: EncryptedBlob<HeldKeysRecord[]>;
  private state: HeldKeysAvailability = {
    available: false,
    reason: 'RoleTray has not opened its key store yet.',
  };
  private writes: Promise<void> = Promise.resolve();

  constructor(
    store: KeyValueStore,
    private readonly cipher: SecretCipher,
  ) {
    this.blob = new EncryptedBlob(store, cipher, 'heldKeys', 1);
  }

  get availability(): HeldKeysAvailability {
    return this.state;
  }

  async open(): Promise<HeldKeysAvailability> {
    const status = await this.cipher.status();
    if (!status.secure) {
      this.state = {
        available: false,
        reason: `RoleTray cannot hold access keys on this machine: ${status.reason} Keys stay in your credentials file.`,
      };
      return this.state;
    }
    try {
      for (const record of (await this.blob.read()) ?? []) this.records.set(record.profile, record);
      this.state = { available: true, backend: status.backend };
    } catch {
      this.state = {
        available: false,
        reason:
          'RoleTray cannot decrypt the access keys it holds: the OS keychain no longer gives it the key they ' +
          'were encrypted with. They are kept as they are; unlock or restore the keychain and restart RoleTray.',
      };
    }
    return this.state;
  }

  get(profile: string): HeldKeysRecord | undefined {
    return this.records.get(profile);
  }

  list(): HeldKeysRecord[] {
    return [...this.records.values()];
  }

  /** Throws the sentence that says why keys cannot be held here. */
  requireAvailable(): void {
    if (!this.state.available) throw new RoleTrayError('NotSecure', this.state.reason);
  }

  /** Stored encrypted before it resolves: a caller may then remove the keys from anywhere else. */
  async put(record: HeldKeysRecord): Promise<void> {
    this.requireAvailable();
    this.records.set(record.profile, record);
    await this.save();
  }

  async remove(profile: string): Promise<void> {
    this.requireAvailable();
    if (this.records.delete(profile)) await this.save();
  }

  /** One write after another, each with the records at its turn: the last always wins. */
  private save(): Promise<void> {
    const write = async () => {
      if (this.records.size === 0) this.blob.delete();
      else await this.blob.write(this.list());
    };
    const next = this.writes.then(write, write);
    this.writes = next.catch(() => undefined);
    return next;
  }
}
