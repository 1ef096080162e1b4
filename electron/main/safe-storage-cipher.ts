import { safeStorage } from 'electron';
import type { CipherStatus, SecretCipher } from '../core/secret-cipher';

// SecretCipher over Electron's safeStorage, with the async API (the sync one is deprecated in
// Electron 45). On Linux without a keyring safeStorage falls back to `basic_text`, which is
// obfuscation only: reported as insecure so the credential cache stays in memory.
export const safeStorageCipher: SecretCipher = {
  async status(): Promise<CipherStatus> {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      return { secure: false, reason: 'The operating system offers no encryption for stored secrets.' };
    }
    if (process.platform === 'linux') {
      const backend = safeStorage.getSelectedStorageBackend();
      if (backend === 'basic_text' || backend === 'unknown') {
        return {
          secure: false,
          backend,
          reason:
            'No keyring (GNOME Keyring or KWallet) is available, so stored secrets would only be obfuscated.',
        };
      }
      return { secure: true, backend };
    }
    return { secure: true, backend: process.platform === 'darwin' ? 'keychain' : 'dpapi' };
  },
  async encrypt(plainText: string): Promise<string> {
    return (await safeStorage.encryptStringAsync(plainText)).toString('base64');
  },
  async decrypt(encrypted: string): Promise<string> {
    return (await safeStorage.decryptStringAsync(Buffer.from(encrypted, 'base64'))).result;
  },
};
