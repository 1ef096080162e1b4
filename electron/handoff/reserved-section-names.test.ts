import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { REQUEST_SCHEMAS } from '../../shared/ipc-schemas';
import { isReservedSectionName } from '../../shared/section-names';
import { isRoleTrayError } from '../core/errors';
import { loadProfiles } from '../core/profiles/profile-loader';
import { writeCredentialsProfile } from './credentials-file';

// One reserved-name rule: what the loader refuses in a credentials file, the IPC schema and the
// writer refuse too, so RoleTray never writes a section its own loader would reject.

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'roletray-reserved-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const RESERVED = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
const credentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' };

it('refuses the same names in the schema, the writer and the loader', async () => {
  const file = join(home, 'credentials');
  const schema = REQUEST_SCHEMAS['handoff:credentials-file'];
  for (const name of RESERVED) {
    expect(isReservedSectionName(name)).toBe(true);
    expect(schema.safeParse({ profile: 'prod', profileName: name }).success, name).toBe(false);
    await expect(writeCredentialsProfile(file, name, credentials)).rejects.toThrow(/is reserved/);
    await expect(readFile(file, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  }
  // The loader, given such a section written by hand, says which and where.
  const { writeFile } = await import('node:fs/promises');
  await writeFile(file, '[constructor]\naws_access_key_id = AKIA\naws_secret_access_key = s\n');
  const error: unknown = await loadProfiles({
    env: { AWS_SHARED_CREDENTIALS_FILE: file },
    homeDir: home,
  }).catch((caught: unknown) => caught);
  expect(isRoleTrayError(error, 'ConfigError') && error.message).toContain(
    '`constructor` is a reserved name',
  );
});

it('accepts ordinary names everywhere', async () => {
  const file = join(home, 'credentials');
  const schema = REQUEST_SCHEMAS['handoff:credentials-file'];
  expect(schema.safeParse({ profile: 'prod', profileName: 'roletray-prod' }).success).toBe(true);
  expect(schema.safeParse({ profile: 'prod', profileName: 'constructors' }).success).toBe(true);
  await writeCredentialsProfile(file, 'constructors', { ...credentials, expiration: Date.now() + 3600_000 });
  const loaded = await loadProfiles({ env: { AWS_SHARED_CREDENTIALS_FILE: file }, homeDir: home });
  // RoleTray's own section is not a profile of its own.
  expect(loaded.profiles).toEqual([]);
});
