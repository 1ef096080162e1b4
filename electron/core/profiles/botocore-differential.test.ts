import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  botocoreMissing,
  currentBotocorePython,
  hasAwsCliV2,
  runPythonJson,
} from '../../../test-support/python/run-python';
import { tokenCacheFileName } from '../sso/token-cache-file';
import { cacheKeyOf } from '../../handoff/cli-cache-handoff';
import { isRoleTrayError } from '../errors';
import { loadProfiles } from './profile-loader';
import type { LoadedProfiles, Profile } from './profiles';

// RoleTray's reading of the AWS files against the AWS CLI's own: seeded pairs of config and
// credentials files, made of what real files hold and what trips readers up, read by Debian's
// python3-botocore (test-support/python/botocore_roles.py calls botocore; nothing is
// re-implemented there) and by loadProfiles. A role botocore would assume is never dropped or
// changed in silence; a role botocore refuses is never offered.

interface BotocoreRole {
  role_arn: string;
  source_profile: string | null;
  credential_source: string | null;
  mfa_serial: string | null;
  external_id: string | null;
  role_session_name: string | null;
  region: string | null;
  duration_seconds?: number | null;
  refused?: string;
}
type BotocoreAnswer = { parse_error: string } | { profiles: Record<string, BotocoreRole> };
interface Pair {
  config: string;
  credentials: string;
}

const NAMES = ['dev', 'prod', 'mid', 'ops', 'café', 'prod-日本', 'default', 'two words', 'self'];
const ARNS = [
  'arn:aws:iam::123456789012:role/ReadOnly',
  'arn:aws:iam::123456789012:role/team/Deployer',
  'arn:aws-cn:iam::210987654321:role/CnRole',
  'arn:aws:iam::123456789012:user/NotARole',
  'not-an-arn',
];

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
/** A key as people write it: mostly lowercase, sometimes in another case, sometimes with `:`. */
const key = (name: string) =>
  fc
    .tuple(
      pick([name, name, name, name.toUpperCase(), name.replace(/^./, (c) => c.toUpperCase())]),
      pick([' = ', ' = ', '=', ': ']),
    )
    .map(([written, delimiter]) => `${written}${delimiter}`);
/** One key's line, with the key it sets (a section sets each key once, or the CLI refuses it). */
const setting = (name: string, values: readonly string[]) =>
  fc.tuple(key(name), pick(values)).map(([k, value]) => [name, `${k}${value}`] as const);

const profileLine = fc.oneof(
  { weight: 4, arbitrary: setting('role_arn', ARNS) },
  { weight: 4, arbitrary: setting('source_profile', [...NAMES, 'missing']) },
  { weight: 1, arbitrary: setting('credential_source', ['Environment', 'EcsContainer', 'environment']) },
  { weight: 2, arbitrary: setting('mfa_serial', ['arn:aws:iam::210987654321:mfa/me', '']) },
  { weight: 2, arbitrary: setting('duration_seconds', ['3600', '43200', '1h', '+9_00', '899', ' 7200 ']) },
  { weight: 1, arbitrary: setting('external_id', ['ext-1', '']) },
  { weight: 1, arbitrary: setting('role_session_name', ['me', '']) },
  { weight: 3, arbitrary: setting('region', ['eu-west-1', 'us-east-2', 'eu-west-1 # inline']) },
  { weight: 3, arbitrary: setting('aws_access_key_id', ['AKIAEXAMPLE']) },
  { weight: 3, arbitrary: setting('aws_secret_access_key', ['secret/EXAMPLE']) },
  { weight: 1, arbitrary: setting('aws_session_token', ['token']) },
  { weight: 1, arbitrary: setting('credential_process', ['/usr/local/bin/creds --json']) },
  { weight: 1, arbitrary: setting('sso_session', ['corp']) },
  { weight: 1, arbitrary: setting('web_identity_token_file', ['/tmp/token']) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(pick(['# a comment', '', '   ; indented comment', '  continued text']), fc.nat())
      .map(([line, n]) => [`#${n}`, line] as const),
  },
);

/** What real sections mostly are (keys, or a role on a source), else any mix of lines. */
const sectionLines = fc.oneof(
  fc.tuple(
    setting('aws_access_key_id', ['AKIAEXAMPLE']),
    setting('aws_secret_access_key', ['secret/EXAMPLE']),
  ),
  fc.tuple(setting('role_arn', ARNS.slice(0, 3)), setting('source_profile', NAMES)),
  fc.tuple(setting('role_arn', ARNS.slice(0, 3)), setting('credential_source', ['Environment'])),
  fc.constant([] as (readonly [string, string])[]),
);

const section = (header: string) =>
  fc.tuple(sectionLines, fc.array(profileLine, { maxLength: 5 })).map(([base, extra]) => {
    // Each key once per section, or the CLI refuses the whole file.
    const lines = new Map<string, string>();
    for (const [name, line] of [...base, ...extra]) if (!lines.has(name)) lines.set(name, line);
    return [header, ...lines.values()].join('\n');
  });

const configHeader = (name: string) =>
  name === 'default'
    ? pick(['[default]', '[profile default]'])
    : name.includes(' ')
      ? pick([`[profile "${name}"]`, `[profile ${name}]`])
      : pick([`[profile ${name}]`, `[profile  ${name}]`, `[profile ${name}]#note`, `[${name}]`]);

/** Distinct sections per file, now and then one twice (which the CLI refuses). */
const sections = (names: fc.Arbitrary<string>, maxLength: number) =>
  fc
    .tuple(fc.uniqueArray(names, { maxLength }), fc.integer({ min: 0, max: 29 }))
    .map(([unique, repeat]) => (repeat === 0 && unique.length > 0 ? [...unique, unique[0]!] : unique));

const pairs: fc.Arbitrary<Pair> = fc
  .record({
    config: sections(pick(NAMES), 6).chain((names) =>
      fc.tuple(...names.map((name) => configHeader(name).chain(section))),
    ),
    credentials: sections(pick(NAMES), 4).chain((names) =>
      fc.tuple(...names.map((name) => section(`[${name}]`))),
    ),
    defaults: fc.option(section('[DEFAULT]'), { freq: 8 }),
    eol: pick(['\n', '\n', '\n', '\r\n']),
    bom: fc.integer({ min: 0, max: 39 }),
  })
  .map(({ config, credentials, defaults, eol, bom }) => ({
    config: `${bom === 0 ? '\ufeff' : ''}${[...(defaults ? [defaults] : []), ...config].join('\n').replaceAll('\n', eol)}\n`,
    credentials: `${credentials.join('\n')}\n`,
  }));

/** RoleTray's reading of one pair, or the ConfigError it refuses the pair with. */
async function roleTray(dir: string, pair: Pair): Promise<LoadedProfiles | { error: string }> {
  await writeFile(join(dir, 'config'), pair.config);
  await writeFile(join(dir, 'credentials'), pair.credentials);
  try {
    return await loadProfiles({
      env: { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') },
      homeDir: dir,
    });
  } catch (error) {
    if (isRoleTrayError(error, 'ConfigError')) return { error: error.message };
    throw error;
  }
}

/** Why RoleTray may refuse a role botocore would try: STS itself would refuse it, or RoleTray says what it lacks. */
const STATED_REASONS = [
  /is not an IAM role ARN/,
  /is not from 900 to 43200 seconds/,
  /is empty; STS refuses an empty value/,
  /not supported by RoleTray yet|are not supported yet/,
  /which a desktop does not have/,
  /source profile .* is unusable: /,
];

/** The fields both readers must agree on, in botocore's terms. */
function asBotocore(profile: Profile) {
  if (profile.kind !== 'role') return undefined;
  return {
    role_arn: profile.roleArn,
    source_profile: profile.source.kind === 'profile' ? profile.source.profile : null,
    credential_source: profile.source.kind === 'environment' ? 'Environment' : null,
    // A web identity profile has neither: its token file is its source.
    mfa_serial: profile.mfaSerial ?? null,
    external_id: profile.externalId ?? null,
    role_session_name: profile.roleSessionName ?? null,
    region: profile.region ?? null,
    duration_seconds: profile.durationSeconds ?? null,
  };
}

const missing = botocoreMissing();
if (missing) console.warn(`botocore-differential.test.ts: skipped: ${missing}.`);

describe.skipIf(missing)('reading the AWS files as botocore does', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roletray-differential-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('agrees with botocore on every role of 400 generated pairs of files', async () => {
    const corpus = fc.sample(pairs, { numRuns: 400, seed: 20261202 });
    const answers = runPythonJson<BotocoreAnswer[]>('botocore_roles.py', corpus);
    const tally = { refusedFiles: 0, compared: 0, refusedRoles: 0, statedReasons: 0 };
    for (const [index, pair] of corpus.entries()) {
      const ours = await roleTray(dir, pair);
      const theirs = answers[index]!;
      const where = `pair ${index}:\n--- config\n${pair.config}--- credentials\n${pair.credentials}`;
      if ('parse_error' in theirs) {
        expect(ours, `${where}\nbotocore refuses the files: ${theirs.parse_error}`).toHaveProperty('error');
        tally.refusedFiles++;
        continue;
      }
      expect(ours, where).not.toHaveProperty('error');
      const loaded = ours as LoadedProfiles;
      const byName = new Map(loaded.profiles.map((profile) => [profile.name, profile]));
      for (const [name, role] of Object.entries(theirs.profiles)) {
        const profile = byName.get(name);
        const label = `${where}\nprofile ${JSON.stringify(name)}: ${JSON.stringify({ botocore: role, roleTray: profile })}`;
        if (role.refused !== undefined) {
          // Refused by the CLI: never offered as a role.
          expect(profile?.kind, label).not.toBe('role');
          tally.refusedRoles++;
          continue;
        }
        expect(profile, label).toBeDefined();
        if (profile!.kind === 'unusable') {
          expect(
            STATED_REASONS.some((reason) => reason.test(profile!.reason)),
            label,
          ).toBe(true);
          continue;
        }
        const { refused: _refused, ...fields } = role;
        expect(asBotocore(profile!), label).toEqual({
          ...fields,
          // An empty region or session name is none to RoleTray (the CLI fails on the one and
          // names the session itself for the other); RoleTray names its own sessions.
          region: fields.region || null,
          role_session_name: fields.role_session_name || null,
          duration_seconds: fields.duration_seconds ?? null,
        });
        tally.compared++;
      }
      // Nothing is offered as a role that botocore does not assume.
      for (const profile of loaded.profiles) {
        if (profile.kind === 'role')
          expect(theirs.profiles[profile.name], `${where}\n${profile.name}`).toBeDefined();
      }
    }
    console.log(`botocore-differential: ${corpus.length} pairs: ${JSON.stringify(tally)}`);
    // The corpus must exercise real roles and each kind of disagreement, not only refusals.
    expect(tally.compared).toBeGreaterThan(150);
    expect(tally.refusedFiles).toBeGreaterThan(10);
    expect(tally.refusedRoles).toBeGreaterThan(20);
  });
});

// IAM Identity Center settings against botocore 1.43's SSOProvider and SSOTokenProvider
// (test-support/python/botocore_sso.py) and the AWS CLI v2's parse of sso_registration_scopes:
// sso-session sections and legacy profiles, values set in both (equal or not), missing and empty
// keys, sessions that do not exist, scopes with spaces and stray commas.

interface BotocoreSso {
  start_url: string;
  region: string;
  account: string;
  role: string;
  session_name: string | null;
  token_cache_key: string;
  credential_cache_key: string;
  raw_scopes: string | null;
}
type BotocoreSsoAnswer =
  { parse_error: string } | { profiles: Record<string, BotocoreSso | { error: string }>; botocore: string };

const SESSIONS = ['corp', 'dev-team', 'café'];
const START_URLS = ['https://d-9067c1a2b3.awsapps.com/start', 'https://d-9067c1a2b3.awsapps.com/start/', ''];
const SSO_REGIONS = ['eu-west-1', 'us-east-1'];
const SCOPES = [
  'sso:account:access',
  'sso:account:access, codewhisperer:completions',
  ' sso:account:access ,, codewhisperer:analysis ,',
  ',',
  '',
  'sso:account:access codewhisperer:completions',
];

/** Sometimes a key's line, in one of the spellings files have. */
const maybe = (name: string, values: readonly string[], freq: number) =>
  fc.option(
    fc
      .tuple(pick([' = ', '=', ' =  ']), pick(values))
      .map(([delimiter, value]) => `${name}${delimiter}${value}`),
    { freq },
  );

const ssoSession = (name: string) =>
  fc
    .tuple(
      maybe('sso_start_url', START_URLS.slice(0, 2), 20),
      maybe('sso_region', SSO_REGIONS, 20),
      maybe('sso_registration_scopes', SCOPES, 3),
    )
    .map((lines) => [`[sso-session ${name}]`, ...lines.filter((line) => line !== null)].join('\n'));

/** A profile as people write them (through an sso-session, or legacy), or any mix of the keys. */
const ssoProfile = (name: string, sessions: string[]) =>
  fc
    .oneof(
      fc.tuple(
        maybe('sso_session', sessions.length > 0 ? sessions : ['missing'], 20),
        // Now and then the session's keys repeated in the profile, the same value or not.
        maybe('sso_start_url', START_URLS.slice(0, 1), 1),
        maybe('sso_region', SSO_REGIONS, 1),
        maybe('sso_account_id', ['123456789012', '210987654321'], 20),
        maybe('sso_role_name', ['ReadOnlyAccess', 'AdministratorAccess'], 20),
        maybe('region', ['eu-central-1'], 3),
      ),
      fc.tuple(
        maybe('sso_start_url', START_URLS.slice(0, 2), 20),
        maybe('sso_region', SSO_REGIONS, 10),
        maybe('sso_account_id', ['123456789012', ''], 20),
        maybe('sso_role_name', ['ReadOnlyAccess'], 20),
        maybe('region', ['eu-central-1'], 3),
      ),
      fc.tuple(
        maybe('sso_session', [...SESSIONS, 'missing'], 2),
        maybe('sso_start_url', START_URLS, 3),
        maybe('sso_region', SSO_REGIONS, 3),
        maybe('sso_account_id', ['123456789012', ''], 3),
        maybe('sso_role_name', ['ReadOnlyAccess', 'AdministratorAccess'], 3),
      ),
    )
    .map((lines) => [`[profile ${name}]`, ...lines.filter((line) => line !== null)].join('\n'));

const ssoConfigs = fc
  .tuple(
    fc.uniqueArray(pick(SESSIONS), { maxLength: 3 }),
    fc.uniqueArray(pick(['a', 'b', 'c', 'd', 'e']), { minLength: 1, maxLength: 5 }),
  )
  .chain(([sessions, profiles]) =>
    fc.tuple(...sessions.map(ssoSession), ...profiles.map((name) => ssoProfile(name, sessions))),
  )
  .map((sections) => `${sections.join('\n')}\n`);

/** botocore's refusals the corpus must reach. */
const ERROR_KINDS = [
  /is inconsistent between profile/,
  /is missing required configuration: .*sso_region/,
  /The specified sso-session does not exist/,
  /SSO token provider but is missing the following configuration/,
];

/** Why RoleTray may refuse an SSO profile botocore would try: IAM Identity Center would refuse it. */
const SSO_STATED_REASONS = [/is empty; IAM Identity Center refuses an empty value/];

const currentBotocore = currentBotocorePython();
if (!currentBotocore)
  console.warn('botocore-differential.test.ts: SSO cases skipped: no python3 with botocore 1.43+.');

describe.skipIf(!currentBotocore)('reading IAM Identity Center settings as botocore 1.43 does', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roletray-sso-differential-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('agrees with botocore on every SSO profile of 300 generated config files', async () => {
    const corpus = fc.sample(ssoConfigs, { numRuns: 300, seed: 20261203 });
    const answers = runPythonJson<BotocoreSsoAnswer[]>('botocore_sso.py', corpus, {}, currentBotocore);
    const tally = { compared: 0, errors: 0, stated: 0, sessions: 0, legacy: 0, scopes: 0 };
    const scopeChecks: { raw: string; ours: string[]; where: string }[] = [];
    const errorKinds = new Set<RegExp>();
    for (const [index, config] of corpus.entries()) {
      const ours = await roleTray(dir, { config, credentials: '' });
      const theirs = answers[index]!;
      const where = `config ${index}:\n${config}`;
      if ('parse_error' in theirs) {
        expect(ours, `${where}\nbotocore refuses the file: ${theirs.parse_error}`).toHaveProperty('error');
        continue;
      }
      expect(theirs.botocore).toMatch(/^1\.(4[3-9]|[5-9]\d)\./);
      expect(ours, where).not.toHaveProperty('error');
      const byName = new Map((ours as LoadedProfiles).profiles.map((profile) => [profile.name, profile]));
      for (const [name, resolved] of Object.entries(theirs.profiles)) {
        const profile = byName.get(name);
        const label = `${where}\nprofile ${name}: ${JSON.stringify({ botocore: resolved, roleTray: profile })}`;
        if ('error' in resolved) {
          // botocore's own sentence, then where in the file.
          expect(profile?.kind, label).toBe('unusable');
          expect(profile?.kind === 'unusable' && profile.reason.startsWith(resolved.error), label).toBe(true);
          tally.errors++;
          for (const kind of ERROR_KINDS) if (kind.test(resolved.error)) errorKinds.add(kind);
          continue;
        }
        if (profile?.kind === 'unusable') {
          expect(
            SSO_STATED_REASONS.some((reason) => reason.test(profile.reason)),
            label,
          ).toBe(true);
          tally.stated++;
          continue;
        }
        expect(profile?.kind, label).toBe('sso');
        if (profile?.kind !== 'sso') continue;
        const { sso } = profile;
        expect(
          {
            start_url: sso.startUrl,
            region: sso.region,
            account: sso.accountId,
            role: sso.roleName,
            session_name: sso.session?.name ?? null,
            token_cache_key: tokenCacheFileName(sso.tokenCacheKey).replace(/\.json$/, ''),
            // The AWS CLI v2's file for the role credentials (the CLI-cache hand-off writes it).
            credential_cache_key: cacheKeyOf(profile),
          },
          label,
        ).toEqual({
          start_url: resolved.start_url,
          region: resolved.region,
          account: resolved.account,
          role: resolved.role,
          session_name: resolved.session_name,
          token_cache_key: resolved.token_cache_key,
          credential_cache_key: resolved.credential_cache_key,
        });
        if (sso.session) {
          tally.sessions++;
          if (resolved.raw_scopes !== null)
            scopeChecks.push({
              raw: resolved.raw_scopes,
              ours: sso.session.registrationScopes,
              where: label,
            });
          else expect(sso.session.registrationScopes, label).toEqual([]);
        } else tally.legacy++;
        tally.compared++;
      }
      // Nothing is an SSO profile to RoleTray that botocore's SSO provider does not take.
      for (const profile of byName.values())
        if (profile.kind === 'sso')
          expect(theirs.profiles[profile.name], `${where}\n${profile.name}`).toBeDefined();
    }
    if (hasAwsCliV2()) {
      const parsed = runPythonJson<string[][]>(
        'awscli_sso_scopes.py',
        scopeChecks.map((check) => check.raw),
      );
      for (const [i, check] of scopeChecks.entries()) expect(check.ours, check.where).toEqual(parsed[i]);
      tally.scopes = scopeChecks.length;
    } else
      console.warn(
        'botocore-differential.test.ts: scopes not compared: no AWS CLI v2 modules for /usr/bin/python3.',
      );
    console.log(`botocore-differential (SSO): ${corpus.length} configs: ${JSON.stringify(tally)}`);
    // The corpus must reach each kind: sso-session and legacy profiles, botocore's errors, scopes.
    expect(tally.sessions).toBeGreaterThan(30);
    expect(tally.legacy).toBeGreaterThan(30);
    expect(tally.errors).toBeGreaterThan(100);
    expect(tally.scopes).toBeGreaterThan(10);
    expect([...errorKinds].map(String).sort()).toEqual(ERROR_KINDS.map(String).sort());
  });
});
