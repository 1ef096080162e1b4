import type { SessionOrigin } from '../../../shared/sessions';
import type { AwsCredentials, Clock } from '../credentials';
import { EncryptedBlob } from '../encrypted-blob';
import type { CipherStatus, KeyValueStore, SecretCipher } from '../secret-cipher';

// The credential cache: temporary sessions (assumed roles and MFA-backed GetSessionToken sessions)
// kept in main and, when the OS offers real encryption, persisted encrypted so a restart keeps
// them. Long-term keys are never put here.

export type SessionKind = 'role' | 'mfa';

export interface CachedSession {
  /** `role:<profile>` or `mfa:<root profile>:<mfa serial>`. */
  key: string;
  kind: SessionKind;
  /** The role profile, or for MFA sessions the profile whose keys it came from. */
  profile: string;
  credentials: AwsCredentials & { expiration: number; sessionToken: string };
  issuedAt: number;
  /** How it was obtained, which decides whether it can be renewed without a code. */
  obtainedBy: SessionOrigin;
  /** Whether an MFA code stands behind it (directly or through the session it came from). */
  mfa: boolean;
  mfaSerial?: string;
  /** For a role assumed from an MFA session (or a chain on one): which session, by key and issue time. */
  fromMfaSession?: MfaSessionRef;
  roleArn?: string;
  assumedRoleArn?: string;
  assumedRoleId?: string;
  /** Why the session is shorter than the profile asked for, in words. */
  durationNote?: string;
  /**
   * Whether AWS counts it as role chaining: a role assumed with temporary credentials (another
   * role's session, an MFA session, IAM Identity Center role credentials). The console's
   * federation refuses SessionDuration for such sessions. Absent on sessions cached before it was
   * recorded: treated as chained, the safe side.
   */
  chained?: boolean;
}

/** One MFA session: its key is reused by the next one on the same keys and device, its issue time is not. */
export interface MfaSessionRef {
  key: string;
  issuedAt: number;
}

export type Persistence = { mode: 'encrypted'; backend: string } | { mode: 'memory'; reason: string };

export const roleKey = (profile: string) => `role:${profile}`;
export const mfaKey = (rootProfile: string, serial: string) => `mfa:${rootProfile}:${serial}`;

export class CredentialCache {
  private readonly sessions = new Map<string, CachedSession>();
  private mode: Persistence = { mode: 'memory', reason: 'the credential cache has not been opened yet' };
  private writes: Promise<void> = Promise.resolve();
  private readonly blob: EncryptedBlob<CachedSession[]>;

  constructor(
    store: KeyValueStore,
    private readonly cipher: SecretCipher,
    private readonly clock: Clock,
  ) {
    this.blob = new EncryptedBlob(store, cipher, 'credentialCache', 1);
  }

  get persistence(): Persistence {
    return this.mode;
  }

  /** Chooses encrypted or memory-only persistence and restores the sessions that are still valid. */
  async open(): Promise<Persistence> {
    const status: CipherStatus = await this.cipher.status();
    if (!status.secure) {
      this.mode = { mode: 'memory', reason: status.reason };
      // Nothing may stay on disk that could not be protected now.
      this.blob.delete();
      return this.mode;
    }
    this.mode = { mode: 'encrypted', backend: status.backend };
    try {
      const now = this.clock();
      for (const session of (await this.blob.read()) ?? []) {
        if (session.credentials.expiration > now) this.sessions.set(session.key, session);
      }
    } catch {
      // Encrypted with a key the OS no longer gives us (new keychain, other machine): start empty.
      this.blob.delete();
    }
    return this.mode;
  }

  get(key: string): CachedSession | undefined {
    return this.sessions.get(key);
  }

  values(): CachedSession[] {
    return [...this.sessions.values()];
  }

  async put(session: CachedSession): Promise<void> {
    if (!session.credentials.sessionToken)
      throw new Error('Only temporary credentials belong in the credential cache');
    this.sessions.set(session.key, session);
    await this.save();
  }

  async remove(...keys: string[]): Promise<void> {
    let changed = false;
    for (const key of keys) changed = this.sessions.delete(key) || changed;
    if (changed) await this.save();
  }

  async clear(): Promise<void> {
    this.sessions.clear();
    await this.save();
  }

  /** Writes one after another, each with the state at its turn, so the last write always wins. */
  private save(): Promise<void> {
    const write = async () => {
      if (this.mode.mode !== 'encrypted') return;
      if (this.sessions.size === 0) this.blob.delete();
      else await this.blob.write(this.values());
    };
    this.writes = this.writes.then(write, write);
    return this.writes;
  }
}
