import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { RoleProfile } from '../electron/core/profiles/profiles';
import type { KeyValueStore } from '../electron/core/secret-cipher';
import type { ActiveSession } from '../electron/core/sessions/session-manager';
import type { Followed } from '../electron/handoff/handoff-unit';

// Stand-ins for what a hand-off unit gets from the core, to test one unit on its own: a store, a
// role, its sessions, a clock to move, and a fresh folder per test for the files it writes.

export const NOW = Date.UTC(2026, 0, 1, 12);
const HOUR = 3_600_000;

/** A KeyValueStore that, like conf, hands out copies. */
export function memoryStore(): KeyValueStore {
  const values = new Map<string, unknown>();
  return {
    get: (key) => structuredClone(values.get(key)),
    set: (key, value) => void values.set(key, structuredClone(value)),
    delete: (key) => void values.delete(key),
  };
}

export function testRole(name: string, overrides: Partial<RoleProfile> = {}): RoleProfile {
  return {
    kind: 'role',
    name,
    roleArn: `arn:aws:iam::123456789012:role/${name}`,
    accountId: '123456789012',
    roleName: name,
    partition: 'aws',
    source: { kind: 'profile', profile: 'dev' },
    chain: [name, 'dev'],
    ...overrides,
  };
}

/** A session of `role` that ends `leftMs` after NOW. */
export function testSession(role: RoleProfile, accessKeyId: string, leftMs = HOUR): ActiveSession {
  const expiration = NOW + leftMs;
  return {
    info: {
      profile: role.name,
      roleArn: role.roleArn,
      accountId: role.accountId,
      roleName: role.roleName,
      assumedRoleArn: `arn:aws:sts::${role.accountId}:assumed-role/${role.roleName}/tyler`,
      issuedAt: expiration - HOUR,
      expiresAt: expiration,
      mfa: false,
      obtainedBy: 'keys',
    },
    chained: false,
    credentials: {
      accessKeyId,
      secretAccessKey: `secret-${accessKeyId}`,
      sessionToken: `token-${accessKeyId}`,
      expiration,
    },
  };
}

/** One profile as a later (not the first) sync pass hands it to `follow`. */
export function followed(
  role: RoleProfile,
  session: ActiveSession | undefined,
  extra: Partial<Followed> = {},
): Followed {
  return { name: role.name, profile: role, session, setting: {}, startup: false, ...extra };
}

/** A clock the test moves. */
export function testClock(): { now: () => number; advance(ms: number): void } {
  let now = NOW;
  return { now: () => now, advance: (ms) => void (now += ms) };
}

/** A new empty folder for each test, removed after it. */
export function tempDirPerTest(prefix: string): () => string {
  let dir: string | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return () => dir!;
}
