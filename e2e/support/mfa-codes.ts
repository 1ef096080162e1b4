import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { totpCode, totpCounter, TOTP_STEP_SECONDS } from '../../sandbox/src/totp';
import { PREVIEW_AWS_DIR } from './preview-paths';
import { sandboxDescription } from './preview';

// TOTP codes for the sandbox's virtual MFA devices (RFC 6238: SHA-1, 30 s, 6 digits). AWS, and the
// sandbox, take a code once and accept one step of drift either way; so each code handed out here
// uses a step later than the last one used (kept in a file, as specs may run in fresh workers),
// waiting for the clock when the next usable step is not reachable yet.

const USED_FILE = join(import.meta.dirname, '../..', PREVIEW_AWS_DIR, 'used-mfa-steps.json');

async function usedSteps(): Promise<Record<string, number>> {
  try {
    return JSON.parse(await readFile(USED_FILE, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

export async function mfaSecret(user = 'Tyler-Dev'): Promise<{ serial: string; secret: string }> {
  const device = (await sandboxDescription()).users.find((candidate) => candidate.name === user)?.mfa;
  if (!device) throw new Error(`${user} has no MFA device in the sandbox`);
  return device;
}

/** A code the sandbox will accept now, never one handed out before. */
export async function freshMfaCode(secret: string): Promise<string> {
  for (;;) {
    const used = await usedSteps();
    const now = Date.now();
    const current = totpCounter(now);
    const step = Math.max(current, (used[secret] ?? -1) + 1);
    if (step <= current + 1) {
      await writeFile(USED_FILE, JSON.stringify({ ...used, [secret]: step }));
      return totpCode(secret, step);
    }
    const nextStepAt = (current + 1) * TOTP_STEP_SECONDS * 1000;
    await new Promise((resolve) => setTimeout(resolve, nextStepAt - now + 50));
  }
}

/** Six digits that are not the device's code for any step the sandbox would accept around now. */
export function wrongMfaCode(secret: string): string {
  const current = totpCounter(Date.now());
  const valid = new Set([-1, 0, 1, 2].map((offset) => totpCode(secret, current + offset)));
  for (let candidate = 123_456; ; candidate = (candidate + 7_919) % 1_000_000) {
    const code = String(candidate).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}
