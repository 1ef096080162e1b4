import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestSandbox } from '../../test-support/sandbox';
import { tempTree, type TempTree } from '../../test-support/temp-tree';
import { isRoleTrayError } from '../core/errors';
import type { ManagedProfile } from '../core/profiles/managed-profiles-block';
import { loadProfiles } from '../core/profiles/profile-loader';
import { removeManagedProfiles, writeManagedProfiles } from './sso-profiles-file';

// RoleTray's managed block of Identity Center profiles in a real config file: written, rewritten
// with a role pruned, removed, each byte outside the block kept (LF, CRLF, no final newline, the
// user's edits around it, an edit racing the write), and read back by the profile loader.

const START_URL = 'https://d-9067c1a2b3.awsapps.com/start';
const USER_CONFIG =
  '[default]\nregion = eu-west-1\n\n[profile dev]\nrole_arn = arn:aws:iam::210987654321:role/Dev\n';

const profile = (name: string, accountId: string, roleName: string, region?: string): ManagedProfile => ({
  name,
  login: { ssoSession: 'acme' },
  accountId,
  roleName,
  ...(region ? { region } : {}),
});
const DEV_ADMIN = profile('dev.developeraccess', '210987654321', 'DeveloperAccess', 'eu-west-1');
const DEV_READ = profile('dev.readonlyaccess', '210987654321', 'ReadOnlyAccess');

/** The block as RoleTray writes it, with `eol` line ends (each line, the last included). */
const blockText = (eol: string) =>
  [
    `# BEGIN RoleTray managed profiles (${START_URL})`,
    '# RoleTray rewrites what is between these lines; edit the name template in RoleTray instead.',
    '[profile dev.developeraccess]',
    'sso_session = acme',
    'sso_account_id = 210987654321',
    'sso_role_name = DeveloperAccess',
    'region = eu-west-1',
    '',
    '[profile dev.readonlyaccess]',
    'sso_session = acme',
    'sso_account_id = 210987654321',
    'sso_role_name = ReadOnlyAccess',
    `# END RoleTray managed profiles (${START_URL})`,
  ]
    .map((line) => line + eol)
    .join('');

let tree: TempTree | undefined;
afterEach(() => tree?.remove());

async function configWith(text: string): Promise<string> {
  tree = await tempTree('roletray-sso-block-', { config: text });
  return join(tree.dir, 'config');
}
const read = (file: string) => readFile(file, 'utf8');
const write = (file: string, profiles: ManagedProfile[]) =>
  writeManagedProfiles(file, START_URL, () => profiles);

describe('the managed block, byte for byte', () => {
  it('is appended, rewritten with a role pruned, and removed to give the file back', async () => {
    const file = await configWith(USER_CONFIG);
    expect(await write(file, [DEV_ADMIN, DEV_READ])).toEqual(['dev.developeraccess', 'dev.readonlyaccess']);
    expect(await read(file)).toBe(USER_CONFIG + blockText('\n'));

    await write(file, [DEV_ADMIN]);
    const pruned = await read(file);
    expect(pruned.startsWith(USER_CONFIG)).toBe(true);
    expect(pruned).toContain('[profile dev.developeraccess]');
    expect(pruned).not.toContain('dev.readonlyaccess');
    expect(pruned.endsWith(`# END RoleTray managed profiles (${START_URL})\n`)).toBe(true);

    await removeManagedProfiles(file, START_URL);
    expect(await read(file)).toBe(USER_CONFIG);
  });

  it('keeps CRLF line ends, and writes its own lines with them', async () => {
    const crlf = USER_CONFIG.replaceAll('\n', '\r\n');
    const file = await configWith(crlf);
    await write(file, [DEV_ADMIN, DEV_READ]);
    expect(await read(file)).toBe(crlf + blockText('\r\n'));
    await removeManagedProfiles(file, START_URL);
    expect(await read(file)).toBe(crlf);
  });

  it('leaves a file without a final newline without one, and gives it back exactly', async () => {
    const unterminated = USER_CONFIG.trimEnd();
    const file = await configWith(unterminated);
    await write(file, [DEV_ADMIN, DEV_READ]);
    expect(await read(file)).toBe(`${unterminated}\n${blockText('\n').slice(0, -1)}`);
    await write(file, [DEV_READ]);
    expect((await read(file)).endsWith(`# END RoleTray managed profiles (${START_URL})`)).toBe(true);
    await removeManagedProfiles(file, START_URL);
    expect(await read(file)).toBe(unterminated);
  });

  it('keeps what the user wrote before and after the block when it is rewritten and removed', async () => {
    const file = await configWith(USER_CONFIG);
    await write(file, [DEV_ADMIN, DEV_READ]);
    const before = '# my profiles\n[profile mine]\nregion = us-east-1\n\n';
    const after = '\n[profile later]\nregion = eu-central-1\n';
    await writeFile(file, before + (await read(file)) + after);
    await write(file, [DEV_READ]);
    const rewritten = await read(file);
    expect(rewritten.startsWith(before + USER_CONFIG)).toBe(true);
    expect(rewritten.endsWith(`# END RoleTray managed profiles (${START_URL})\n${after}`)).toBe(true);
    await removeManagedProfiles(file, START_URL);
    expect(await read(file)).toBe(before + USER_CONFIG + after);
  });

  it('starts over when the file is edited while it writes, keeping that edit', async () => {
    const file = await configWith(USER_CONFIG);
    const edit = '\n[profile edited-meanwhile]\nregion = us-west-2\n';
    let edits = 0;
    await writeManagedProfiles(file, START_URL, () => [DEV_ADMIN, DEV_READ], {
      afterTempWritten: async () => {
        if (edits++ === 0) await writeFile(file, USER_CONFIG + edit);
      },
    });
    expect(edits).toBe(2);
    expect(await read(file)).toBe(USER_CONFIG + edit + blockText('\n'));
  });

  it('is told the names taken outside the block, so it does not take them again', async () => {
    const file = await configWith(USER_CONFIG);
    let taken: string[] = [];
    await writeManagedProfiles(file, START_URL, (names) => {
      taken = [...names];
      return [DEV_ADMIN];
    });
    expect(taken.sort()).toEqual(['default', 'dev']);
    await writeManagedProfiles(file, START_URL, (names) => {
      taken = [...names];
      return [DEV_ADMIN];
    });
    // Its own sections are not taken: they are RoleTray's to rewrite.
    expect(taken.sort()).toEqual(['default', 'dev']);
  });

  it('refuses a block whose END line is gone, changing nothing', async () => {
    const file = await configWith(USER_CONFIG);
    await write(file, [DEV_ADMIN]);
    const damaged = (await read(file)).replace(/# END RoleTray[^\n]*\n/, '');
    await writeFile(file, damaged);
    const error = await write(file, [DEV_READ]).catch((caught: unknown) => caught);
    expect(isRoleTrayError(error, 'ConfigError')).toBe(true);
    expect((error as Error).message).toContain(`${file} line ${USER_CONFIG.split('\n').length}`);
    expect(await read(file)).toBe(damaged);
  });
});

it('the profile loader reads the written block as SSO profiles of the sandbox’s sso-session', async () => {
  const t = await startTestSandbox({ identityCenterProfiles: true });
  try {
    const center = t.description.identityCenter!;
    const configFile = join(t.awsDir, 'config');
    const sources = {
      env: { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: join(t.awsDir, 'credentials') },
      homeDir: t.awsDir,
    };
    const original = await read(configFile);
    const names = await writeManagedProfiles(configFile, center.startUrl, () => [
      { ...DEV_ADMIN, login: { ssoSession: center.ssoSession } },
      { ...DEV_READ, login: { startUrl: center.startUrl, region: center.region } },
    ]);
    const loaded = await loadProfiles(sources);
    const written = loaded.profiles.filter((candidate) => names.includes(candidate.name));
    expect(
      written.map((candidate) => candidate.kind === 'sso' && { name: candidate.name, ...candidate.sso }),
    ).toEqual([
      {
        name: 'dev.developeraccess',
        session: expect.objectContaining({ name: center.ssoSession, startUrl: center.startUrl }) as unknown,
        startUrl: center.startUrl,
        region: center.region,
        accountId: '210987654321',
        roleName: 'DeveloperAccess',
        tokenCacheKey: center.ssoSession,
      },
      {
        name: 'dev.readonlyaccess',
        startUrl: center.startUrl,
        region: center.region,
        accountId: '210987654321',
        roleName: 'ReadOnlyAccess',
        tokenCacheKey: center.startUrl,
      },
    ]);
    expect(loaded.warnings).toEqual((await loadProfilesOf(sources, original)).warnings);
    await removeManagedProfiles(configFile, center.startUrl);
    expect(await read(configFile)).toBe(original);
  } finally {
    await t.stop();
  }
});

/** What the loader says of the config as it was (to compare the warnings: the block adds none). */
async function loadProfilesOf(sources: Parameters<typeof loadProfiles>[0], text: string) {
  const file = sources.env['AWS_CONFIG_FILE']!;
  const now = await read(file);
  await writeFile(file, text);
  try {
    return await loadProfiles(sources);
  } finally {
    await writeFile(file, now);
  }
}
