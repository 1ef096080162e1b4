import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { REQUEST_SCHEMAS } from '../../shared/ipc-schemas';
import { isReservedSectionName } from '../../shared/section-names';
import { loadProfiles } from '../core/profiles/profile-loader';
import { writeCredentialsProfile } from './credentials-file';

// One reserved-name rule: names the AWS SDK for JavaScript cannot read are refused by the IPC
// schema and the writer, and warned about by the loader (the AWS CLI reads them).

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'roletray-reserved-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const RESERVED = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
const credentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' };

it('refuses the same names in the schema and the writer, and the loader warns about them', async () => {
  const file = join(home, 'credentials');
  const schema = REQUEST_SCHEMAS['handoff:credentials-file'];
  for (const name of RESERVED) {
    expect(isReservedSectionName(name)).toBe(true);
    expect(schema.safeParse({ profile: 'prod', profileName: name }).success, name).toBe(false);
    await expect(writeCredentialsProfile(file, name, credentials)).rejects.toThrow(/is reserved/);
    await expect(readFile(file, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  }
  // The loader, given such a section written by hand, reads it as the AWS CLI does and says why
  // other tools will not.
  await writeFile(file, '[constructor]\naws_access_key_id = AKIA\naws_secret_access_key = s\n');
  const loaded = await loadProfiles({ env: { AWS_SHARED_CREDENTIALS_FILE: file }, homeDir: home });
  expect(loaded.profiles.map((profile) => profile.name)).toEqual(['constructor']);
  expect(loaded.warnings.map((warning) => warning.message)).toEqual([
    `~/credentials line 1: the AWS CLI reads the profile constructor, but the AWS SDK for JavaScript cannot: the name is reserved there.`,
  ]);
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
