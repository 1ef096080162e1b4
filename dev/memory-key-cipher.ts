import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { CipherStatus, SecretCipher } from '../electron/core/secret-cipher';

/**
 * safeStorage's stand-in outside Electron (the preview, tests): a real cipher, AES-256-GCM with a key
 * held in memory, so a test can check the store's file holds no secret. `status` can pretend to be
 * the insecure fallback.
 */
export class MemoryKeyCipher implements SecretCipher {
  constructor(
    private readonly key: Buffer = randomBytes(32),
    private readonly reportedStatus: CipherStatus = { secure: true, backend: 'aes-256-gcm (test)' },
  ) {}

  status(): Promise<CipherStatus> {
    return Promise.resolve(this.reportedStatus);
  }

  encrypt(plainText: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'));
  }

  decrypt(encrypted: string): Promise<string> {
    const data = Buffer.from(encrypted, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, data.subarray(0, 12));
    decipher.setAuthTag(data.subarray(12, 28));
    return Promise.resolve(
      Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8'),
    );
  }
}
