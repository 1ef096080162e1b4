import { createHmac, randomBytes } from 'node:crypto';

// RFC 6238 TOTP as virtual MFA devices compute it: HMAC-SHA1, 30-second steps, 6 digits.
export const TOTP_STEP_SECONDS = 30;
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function randomBase32Secret(bytes = 20): string {
  const data = randomBytes(bytes);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of data) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function decodeBase32(secret: string): Buffer {
  const clean = secret.replace(/=+$/, '').replace(/\s+/g, '').toUpperCase();
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32_ALPHABET.indexOf(char);
    if (index < 0) throw new Error(`Invalid base32 character '${char}' in TOTP secret`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

export function totpCounter(epochMs: number): number {
  return Math.floor(epochMs / 1000 / TOTP_STEP_SECONDS);
}

export function totpCode(secret: string, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', decodeBase32(secret)).update(message).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

/** The code an authenticator app shows at `epochMs`. */
export function totpAt(secret: string, epochMs: number): string {
  return totpCode(secret, totpCounter(epochMs));
}

/** The counter whose code matches, allowing one step of drift either way as AWS does; undefined if none. */
export function matchTotp(secret: string, code: string, epochMs: number): number | undefined {
  const now = totpCounter(epochMs);
  for (const counter of [now, now - 1, now + 1]) {
    if (totpCode(secret, counter) === code) return counter;
  }
  return undefined;
}
