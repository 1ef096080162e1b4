import { readFile } from 'node:fs/promises';
import { join, resolve as resolvePath, sep } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { managedSections } from './managed-sections';
import type { ConfigWarning } from '../../../shared/profiles-view';
import { RoleTrayError } from '../errors';
import type {
  CredentialSource,
  KeysProfile,
  LoadedProfiles,
  Profile,
  ProfileSources,
  RoleProfile,
  UnusableProfile,
} from './profiles';

// Reads the user's AWS config and credentials files with the AWS CLI's semantics.
//
// Parsing is the SDK's own (`loadSharedConfigFiles` from @smithy/core/config): RoleTray must see the
// same values the AWS SDKs see. That loader is lenient: it silently skips lines it cannot read, and
// swallows any error into an empty file. So each file is first read here and checked line by line
// (checkFile): what the SDK would drop is a ConfigError naming the file and line, and what AWS tools
// read differently from what the user probably meant is a warning. The checker reads structure only
// (headers, key names, indentation); every value RoleTray uses comes from the SDK's parse.

type Values = Record<string, string>;
type FileKind = 'config' | 'credentials';

/** The config and credentials file paths, as the AWS CLI finds them. */
export function configPaths(sources: ProfileSources): { configFile: string; credentialsFile: string } {
  const { env, homeDir } = sources;
  const expand = (path: string): string => {
    if (path === '~') return homeDir;
    if (path.startsWith('~/') || path.startsWith(`~${sep}`)) return join(homeDir, path.slice(2));
    return resolvePath(path);
  };
  return {
    // `||`, as the SDK: an empty variable is no variable.
    configFile: expand(env['AWS_CONFIG_FILE'] || join(homeDir, '.aws', 'config')),
    credentialsFile: expand(env['AWS_SHARED_CREDENTIALS_FILE'] || join(homeDir, '.aws', 'credentials')),
  };
}

/** Reads and checks both files, parses them with the SDK, and builds the profiles. */
export async function loadProfiles(sources: ProfileSources): Promise<LoadedProfiles> {
  const { configFile, credentialsFile } = configPaths(sources);
  const shown = (file: string) => displayPath(file, sources.homeDir);
  const readBoth = () =>
    Promise.all([readText(configFile, shown(configFile)), readText(credentialsFile, shown(credentialsFile))]);
  for (let attempt = 1; ; attempt++) {
    const [configText, credentialsText] = await readBoth();
    const config = checkFile(configText, configFile, shown(configFile), 'config');
    const credentials = checkFile(credentialsText, credentialsFile, shown(credentialsFile), 'credentials');
    const parsed = await loadSharedConfigFiles({
      configFilepath: configFile,
      filepath: credentialsFile,
      ignoreCache: true,
    });
    // The SDK reads the files again itself. If either changed in between (an editor saving), what
    // was checked is not what was parsed: read again. A file that keeps changing is taken as parsed.
    if (attempt < 3) {
      const [configAgain, credentialsAgain] = await readBoth();
      if (configAgain !== configText || credentialsAgain !== credentialsText) continue;
    }
    return buildProfiles({
      sources,
      configFile,
      credentialsFile,
      config,
      credentials,
      sdkConfig: parsed.configFile as Record<string, Values>,
      sdkCredentials: withoutManaged(parsed.credentialsFile as Record<string, Values>, credentialsText ?? ''),
    });
  }
}

/** The credentials file's sections less those RoleTray wrote itself (copies of its own sessions). */
function withoutManaged(sections: Record<string, Values>, text: string): Record<string, Values> {
  const managed = managedSections(text);
  return Object.fromEntries(Object.entries(sections).filter(([name]) => !managed.has(name)));
}

// ---------------------------------------------------------------------------------------------------
// Reading

function displayPath(file: string, homeDir: string): string {
  const home = homeDir.endsWith(sep) ? homeDir : `${homeDir}${sep}`;
  return file.startsWith(home) ? `~/${file.slice(home.length).split(sep).join('/')}` : file;
}

/** A file's text without its BOM; undefined when it does not exist (no file is no profiles). */
async function readText(file: string, shown: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a directory, not a file'
          : code === 'ENOTDIR'
            ? 'a part of its path is not a directory'
            : (error as Error).message;
    throw new RoleTrayError(
      'ConfigError',
      `RoleTray cannot read ${shown}: ${why}${code ? ` (${code})` : ''}.`,
      {
        file,
      },
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// Checking: what the SDK's parseIni would drop or read differently, by file and line

/** The SDK's own pattern for `[prefix name]` headers (parseIni.js), so both agree on what a header is. */
const PREFIXED_HEADER = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const SECTION_TYPES = ['profile', 'sso-session', 'services'] as const;
type SectionType = (typeof SECTION_TYPES)[number];

interface KeyLine {
  key: string;
  line: number;
  /** The `s3 =` style sub-section this key is indented under. */
  sub?: string;
}

interface SectionRecord {
  /** `ignored`: AWS tools do not read it as a profile (a warning says why). */
  type: SectionType | 'ignored';
  name: string;
  header: string;
  line: number;
  keys: KeyLine[];
}

interface CheckedFile {
  kind: FileKind;
  file: string;
  shown: string;
  sections: SectionRecord[];
  warnings: ConfigWarning[];
}

function checkFile(text: string | undefined, file: string, shown: string, kind: FileKind): CheckedFile {
  const checked: CheckedFile = { kind, file, shown, sections: [], warnings: [] };
  if (text === undefined) return checked;
  const errors: { line: number; message: string }[] = [];
  const warn = (line: number, message: string) =>
    checked.warnings.push({ file, line, message: `${shown} line ${line}: ${message}` });
  let section: SectionRecord | undefined;
  let sub: string | undefined;
  let previousWasValue = false;
  let sawHeader = false;

  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    // As parseIni: a comment starts at `#` or `;` at the start of the line or after whitespace.
    const content = (raw.includes('#') || raw.includes(';') ? raw.split(/(^|\s)[;#]/)[0]! : raw).trim();
    if (content === '') return;
    const wholeLine = raw.trim();

    if (content.startsWith('[')) {
      sawHeader = true;
      sub = undefined;
      previousWasValue = false;
      if (!content.endsWith(']')) {
        errors.push({
          line,
          message: content.includes(']')
            ? `unexpected text after the section header: ${quote(content, kind)}.`
            : `the section header ${quote(content, kind)} has no closing \`]\`.`,
        });
        section = undefined;
        return;
      }
      const result = classifyHeader(content.slice(1, -1), kind);
      if ('error' in result) {
        errors.push({ line, message: result.error });
        section = undefined;
        return;
      }
      if (result.warning) warn(line, result.warning);
      section = { type: result.type, name: result.name, header: content, line, keys: [] };
      checked.sections.push(section);
      return;
    }

    const equals = content.indexOf('=');
    if (equals <= 0) {
      const expected = kind === 'config' ? '`[profile name]`' : '`[name]`';
      errors.push({
        line,
        message: `expected ${expected} or \`key = value\`, found ${quote(content, kind)}.`,
      });
      return;
    }
    const key = content.slice(0, equals).trim();
    const value = content.slice(equals + 1).trim();
    if (!section) {
      if (!sawHeader) {
        errors.push({
          line,
          message: `\`${key} = …\` comes before any \`[section]\` header, so AWS tools ignore it.`,
        });
      }
      // Else it is under a header already reported as an error.
      return;
    }
    const indented = /^\s/.test(raw);
    if (wholeLine !== content && value !== '') {
      warn(
        line,
        `the \`#\` or \`;\` comment after \`${key} = …\` is dropped by AWS SDKs but read as part of the value by the AWS CLI; put comments on their own line.`,
      );
    }
    if (value === '') {
      // `s3 =` opens a sub-section (parseIni) ...unless the value was cut off as a comment.
      if (wholeLine !== content && /=\s*[#;]/.test(wholeLine)) {
        warn(
          line,
          `AWS SDKs read \`${key} = ${wholeLine.slice(wholeLine.indexOf('=') + 1).trim()[0]}…\` as a comment, so ${key} has no value${key === 'color' ? '; write the colour without `#`' : ''}.`,
        );
      }
      sub = key;
      section.keys.push({ key, line });
      previousWasValue = false;
      return;
    }
    if (sub !== undefined && !indented) sub = undefined;
    if (sub === undefined && indented && previousWasValue) {
      warn(
        line,
        `\`${key} = …\` is indented: AWS SDKs read it as a setting of its own, the AWS CLI as the continuation of the value above; remove the indentation.`,
      );
    }
    section.keys.push(sub === undefined ? { key, line } : { key, line, sub });
    previousWasValue = true;
  });

  if (errors.length > 0) {
    const [first] = errors;
    const more =
      errors.length > 1
        ? ` (${errors.length - 1} more line${errors.length > 2 ? 's have' : ' has'} problems too.)`
        : '';
    throw new RoleTrayError('ConfigError', `${shown} line ${first!.line}: ${first!.message}${more}`, {
      file,
      line: first!.line,
    });
  }
  sectionWarnings(checked, warn);
  return checked;
}

type HeaderResult = { type: SectionType | 'ignored'; name: string; warning?: string } | { error: string };

/** What AWS tools make of a `[...]` header (the text between the brackets, untrimmed). */
function classifyHeader(inner: string, kind: FileKind): HeaderResult {
  const trimmed = inner.trim();
  if (trimmed === '') return { error: 'the section header `[]` has no name.' };
  if (inner !== trimmed) {
    return {
      type: 'ignored',
      name: trimmed,
      warning: `[${inner}] has spaces inside the brackets, so AWS tools do not read it as [${trimmed}]; remove them.`,
    };
  }
  const prefixed = PREFIXED_HEADER.exec(inner);
  const type = prefixed?.[1];
  const name = prefixed?.[3] ?? inner;
  if (isReserved(name) || isReserved(inner)) {
    return { error: `\`[${inner}]\` cannot be used: \`${name}\` is a reserved name.` };
  }
  if (kind === 'credentials') {
    if (!prefixed) return { type: 'profile', name };
    if (type === 'profile') {
      return {
        type: 'ignored',
        name,
        warning: `the credentials file names profiles without the \`profile\` prefix: AWS tools ignore [${inner}] here; write [${name}].`,
      };
    }
    return {
      type: 'ignored',
      name: inner,
      warning: `AWS tools ignore [${inner}] in the credentials file${type === 'sso-session' || type === 'services' ? '; it belongs in the config file' : ''}.`,
    };
  }
  if (prefixed && (SECTION_TYPES as readonly string[]).includes(type!)) {
    return { type: type as SectionType, name };
  }
  if (inner === 'default') return { type: 'profile', name: 'default' };
  if ((SECTION_TYPES as readonly string[]).includes(inner)) {
    return { error: `the section header \`[${inner}]\` has no name after \`${inner}\`.` };
  }
  const typed = /^(profile|sso-session|services)(\s+|\.)(.*)$/.exec(inner);
  if (typed?.[2] === '.') {
    return {
      type: 'ignored',
      name: inner,
      warning: `the AWS CLI ignores [${inner}]; did you mean [${typed[1]} ${typed[3]}]?`,
    };
  }
  if (typed) {
    return {
      type: 'ignored',
      name: inner,
      warning: `AWS SDKs ignore [${inner}]: write one space after \`${typed[1]}\`, and a name of letters, digits and \`-_@+.%:/\` only.`,
    };
  }
  return {
    type: 'ignored',
    name: inner,
    warning: `the AWS CLI ignores [${inner}] in the config file; did you mean [profile ${inner}]?`,
  };
}

/** parseIni refuses `__proto__` (and then the SDK drops the whole file); other Object members misbehave. */
function isReserved(name: string): boolean {
  return RESERVED.has(name);
}
const RESERVED = new Set(['__proto__', ...Object.getOwnPropertyNames(Object.prototype)]);

/** A line for an error message, never showing what may be a secret. */
function quote(content: string, kind: FileKind): string {
  const firstWord = /^[A-Za-z_][\w.-]*/.exec(content)?.[0];
  if (kind === 'credentials' || /secret|token|key|password/i.test(firstWord ?? '')) {
    return firstWord
      ? `\`${firstWord} …\``
      : 'a line that is not `key = value` (not shown: it may hold a secret)';
  }
  return `\`${content.length > 60 ? `${content.slice(0, 57)}...` : content}\``;
}

/** Repeated sections, repeated keys and probable typos in key names. */
function sectionWarnings(checked: CheckedFile, warn: (line: number, message: string) => void): void {
  const seen = new Map<string, SectionRecord>();
  for (const section of checked.sections) {
    if (section.type === 'ignored') continue;
    const id = `${section.type} ${section.name}`;
    const first = seen.get(id);
    if (first) {
      const sameHeader = first.header === section.header;
      warn(
        section.line,
        sameHeader
          ? `${section.header} appears twice (lines ${first.line} and ${section.line}): AWS SDKs merge the two, the later value winning for a key set in both; the AWS CLI rejects a file with a repeated section.`
          : `${first.header} (line ${first.line}) and ${section.header} (line ${section.line}) both define ${section.name}: AWS SDKs read only [profile ${section.name}].`,
      );
    } else {
      seen.set(id, section);
    }
    const keys = new Map<string, number>();
    for (const { key, line, sub } of section.keys) {
      const id = sub === undefined ? key : `${sub}.${key}`;
      const before = keys.get(id);
      if (before !== undefined) {
        warn(
          line,
          `${id} is set twice in ${section.header} (lines ${before} and ${line}): AWS SDKs use the last value; the AWS CLI rejects the file.`,
        );
      }
      keys.set(id, line);
      if (section.type === 'services' && sub === undefined && key === 'endpoint_url') {
        warn(
          line,
          `endpoint_url directly in ${section.header} is ignored: put it under a service, as \`sts =\` then an indented \`endpoint_url = …\`.`,
        );
      }
      if (section.type !== 'profile' || sub !== undefined) continue;
      const suggestion = typoOf(key);
      if (suggestion)
        warn(line, `unknown key \`${key}\` in ${section.header}; did you mean \`${suggestion}\`?`);
    }
  }
}

/** Keys AWS tools (and aws-extend-switch-roles' `color`) read in a profile. Generous on purpose. */
const KNOWN_KEYS = [
  'role_arn',
  'source_profile',
  'credential_source',
  'mfa_serial',
  'duration_seconds',
  'external_id',
  'role_session_name',
  'region',
  'output',
  'endpoint_url',
  'ignore_configured_endpoint_urls',
  'services',
  'color',
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
  'aws_account_id',
  'aws_credential_expiration',
  'credential_process',
  'web_identity_token_file',
  'login_session',
  'ca_bundle',
  's3',
  'sts',
  'sts_regional_endpoints',
  'retry_mode',
  'max_attempts',
  'parameter_validation',
  'tcp_keepalive',
  'metadata_service_timeout',
  'metadata_service_num_attempts',
  'ec2_metadata_service_endpoint',
  'ec2_metadata_service_endpoint_mode',
  'ec2_metadata_v1_disabled',
  'use_fips_endpoint',
  'use_dualstack_endpoint',
  'defaults_mode',
  'endpoint_discovery_enabled',
  'account_id_endpoint_mode',
  'auth_scheme_preference',
  'sigv4a_signing_region_set',
  'request_checksum_calculation',
  'response_checksum_validation',
  'request_min_compression_size_bytes',
  'disable_request_compression',
  'api_versions',
  'sso_start_url',
  'sso_region',
  'sso_account_id',
  'sso_role_name',
  'sso_session',
  'sso_registration_scopes',
  'cli_pager',
  'cli_auto_prompt',
  'cli_binary_format',
  'cli_history',
  'cli_timestamp_format',
  'cli_follow_urlparam',
];
const KNOWN = new Set(KNOWN_KEYS);

/** The known key an unknown one is a clear typo of (case, `-` for `_`, one or two letters off). */
function typoOf(key: string): string | undefined {
  if (KNOWN.has(key) || /^(sso|cli)_/.test(key)) return undefined;
  const lower = key.toLowerCase().replaceAll('-', '_');
  let best: { key: string; distance: number } | undefined;
  for (const known of KNOWN_KEYS) {
    const allowed = known.length <= 4 ? 1 : 2;
    const distance = editDistance(lower, known, allowed);
    if (distance <= allowed && (!best || distance < best.distance)) best = { key: known, distance };
  }
  return best?.key;
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

// ---------------------------------------------------------------------------------------------------
// Building profiles from the SDK's parse

interface BuildInput {
  sources: ProfileSources;
  configFile: string;
  credentialsFile: string;
  config: CheckedFile;
  credentials: CheckedFile;
  sdkConfig: Record<string, Values>;
  sdkCredentials: Record<string, Values>;
}

interface StaticKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where a profile's own values say to send STS and S3 calls, before the environment and inheritance. */
interface Place {
  region?: string;
  sts?: string;
  s3?: string;
}

/** A profile on its own, before following source_profile. `undefined`: neither a role nor a source. */
type Own =
  | { kind: 'role'; profile: Omit<RoleProfile, 'chain'> }
  | { kind: 'keys'; profile: KeysProfile }
  | { kind: 'unusable'; profile: UnusableProfile }
  | undefined;

const ROLE_ARN =
  /^arn:([a-z][a-z0-9-]*):iam::(\d{12}):role\/((?:[\x21-\x2e\x30-\x7e]+\/)*)([\w+=,.@-]{1,64})$/;
const SSO_KEYS = ['sso_start_url', 'sso_session', 'sso_account_id', 'sso_role_name'];

function buildProfiles(input: BuildInput): LoadedProfiles {
  const { sources, config, credentials } = input;
  const env = sources.env;
  const warnings = [...config.warnings, ...credentials.warnings];
  const configShown = config.shown;

  // Names: config first, then credentials-only, each in file order.
  const names: string[] = [];
  const configNames = new Set<string>();
  const credentialNames = new Set<string>();
  for (const section of config.sections) {
    if (section.type !== 'profile' || configNames.has(section.name)) continue;
    configNames.add(section.name);
    names.push(section.name);
  }
  for (const section of credentials.sections) {
    if (section.type !== 'profile' || credentialNames.has(section.name)) continue;
    credentialNames.add(section.name);
    if (!configNames.has(section.name)) names.push(section.name);
  }
  const ignoredInConfig = new Set(
    config.sections.filter((section) => section.type === 'ignored').map((section) => section.name),
  );

  const own = (object: Record<string, Values>, name: string): Values =>
    Object.hasOwn(object, name) ? object[name]! : {};
  const values = new Map<string, { merged: Values; keysFromCredentials: boolean }>();
  for (const name of names) {
    const fromConfig = configNames.has(name) ? own(input.sdkConfig, name) : {};
    const fromCredentials = credentialNames.has(name) ? own(input.sdkCredentials, name) : {};
    // As both the CLI and the SDKs: the credentials file's values win over the config file's.
    values.set(name, {
      merged: { ...fromConfig, ...fromCredentials },
      keysFromCredentials: fromCredentials['aws_access_key_id'] !== undefined,
    });
  }
  /** Where a profile's key was last written: the credentials file wins, as for its values. */
  const keyLine = (name: string, key: string) => {
    for (const checked of [credentials, config]) {
      const lines = checked.sections
        .filter((section) => section.type === 'profile' && section.name === name)
        .flatMap((section) => section.keys.filter((line) => line.key === key && line.sub === undefined));
      const last = lines.at(-1);
      if (last) return { file: checked.file, shown: checked.shown, line: last.line };
    }
    return undefined;
  };
  const servicesSection = (name: string): Values | undefined => {
    const key = `services.${name}`;
    return Object.hasOwn(input.sdkConfig, key) ? input.sdkConfig[key] : undefined;
  };

  // Endpoint precedence, per the AWS SDKs and Tools Reference Guide, "Service-specific endpoints"
  // (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html): an
  // AWS_ENDPOINT_URL_<SERVICE> variable overrides AWS_ENDPOINT_URL, a service-specific endpoint
  // overrides a global one, and (as for every setting in the guide) environment variables override the
  // shared config file. So: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the `sts` endpoint_url of the
  // profile's [services name] section, the profile's endpoint_url; `ignore_configured_endpoint_urls`
  // (or AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, which wins over it) turns them all off. This is also
  // botocore's ConfiguredEndpointProvider order and the JS SDK's getEndpointUrlConfig (env selector
  // first, then services section, then endpoint_url).
  const envIgnore = env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'];
  const ignoresEndpoints = (v: Values) =>
    isTrue(envIgnore !== undefined && envIgnore !== '' ? envIgnore : v['ignore_configured_endpoint_urls']);
  const envEndpoints = {
    sts: env['AWS_ENDPOINT_URL_STS'] || env['AWS_ENDPOINT_URL'] || undefined,
    s3: env['AWS_ENDPOINT_URL_S3'] || env['AWS_ENDPOINT_URL'] || undefined,
  };

  const placeOf = (v: Values): Place | { missingServices: string } => {
    const services = v['services'] ? servicesSection(v['services']) : undefined;
    if (v['services'] && !services && !ignoresEndpoints(v)) return { missingServices: v['services'] };
    const file = (service: string) => services?.[`${service}.endpoint_url`] || v['endpoint_url'] || undefined;
    return {
      ...(v['region'] ? { region: v['region'] } : {}),
      ...(file('sts') ? { sts: file('sts') } : {}),
      ...(file('s3') ? { s3: file('s3') } : {}),
    };
  };

  const ownPlaces = new Map<string, Place>();
  const owns = new Map<string, Own>();
  for (const name of names) {
    const { merged, keysFromCredentials } = values.get(name)!;
    const place = placeOf(merged);
    let result = classify(name, merged, keysFromCredentials);
    if ('missingServices' in place) {
      if (result && result.kind !== 'unusable') {
        result = unusableOwn(
          name,
          `services = ${place.missingServices}, but ${configShown} has no [services ${place.missingServices}] section.`,
          merged['role_arn'],
        );
      }
      ownPlaces.set(name, {});
    } else {
      ownPlaces.set(name, place);
    }
    owns.set(name, result);
    const color = merged['color'];
    if (color !== undefined && result?.kind === 'role' && !result.profile.color) {
      const at = keyLine(name, 'color');
      const where = at ? `${at.shown} line ${at.line}` : `Profile ${name}`;
      warnings.push({
        file: at?.file ?? input.configFile,
        ...(at ? { line: at.line } : {}),
        message: `${where}: color = ${color} is not a hex colour such as ffaa00; it is ignored.`,
      });
    }
  }

  // Follow source_profile with the CLI's rules (botocore's AssumeRoleProvider): a source holding static
  // keys ends the chain with those keys, even if it also has a role_arn; a source naming the profile
  // itself is allowed only when the profile holds keys; any other repeat is a cycle.
  const resolved = new Map<string, { profile: Profile; place: Place } | null>();
  const inProgress: string[] = [];

  const unusable = (name: string, reason: string): { profile: UnusableProfile; place: Place } => {
    const roleArn = values.get(name)?.merged['role_arn'];
    return { profile: { kind: 'unusable', name, reason, ...(roleArn ? { roleArn } : {}) }, place: {} };
  };

  const resolve = (name: string): { profile: Profile; place: Place } | null => {
    if (resolved.has(name)) return resolved.get(name)!;
    const mine = owns.get(name);
    const myPlace = ownPlaces.get(name) ?? {};
    if (!mine || mine.kind !== 'role') {
      const result = mine ? { profile: mine.profile, place: myPlace } : null;
      resolved.set(name, result);
      return result;
    }
    const role = mine.profile;
    const finish = (result: { profile: Profile; place: Place }) => {
      if (!resolved.has(name)) resolved.set(name, result);
      return resolved.get(name)!;
    };
    // Region and endpoints a role does not set itself come from its source.
    const asRole = (chain: string[], inherited: Place, sourceKeys?: StaticKeys) =>
      finish({
        profile: { ...role, chain, ...(sourceKeys ? { sourceKeys } : {}) },
        place: { ...inherited, ...myPlace },
      });

    if (role.source.kind === 'environment') return asRole([name], {});
    const sourceName = role.source.profile;
    if (sourceName === name) {
      const keys = staticKeys(values.get(name)!.merged);
      return keys
        ? asRole([name], {}, keys)
        : finish(unusable(name, `source_profile cycle: ${name} → ${name}`));
    }
    if (!values.has(sourceName)) {
      const hint = ignoredInConfig.has(sourceName)
        ? ` ([${sourceName}] in ${configShown} is ignored; did you mean [profile ${sourceName}]?)`
        : '';
      return finish(unusable(name, `source_profile ${sourceName} does not exist${hint}.`));
    }
    const sourceValues = values.get(sourceName)!.merged;
    const sourceOwn = owns.get(sourceName);
    const sourceKeys = staticKeys(sourceValues);
    if (sourceKeys && sourceOwn?.kind !== 'unusable') {
      const sourcePlace = ownPlaces.get(sourceName) ?? {};
      return asRole([name, sourceName], sourcePlace, sourceOwn?.kind === 'role' ? sourceKeys : undefined);
    }
    if (inProgress.includes(sourceName)) {
      // A cycle of roles without keys: every profile in it is unusable, each told from itself.
      const cycle = [...inProgress.slice(inProgress.indexOf(sourceName)), name];
      cycle.forEach((member, index) => {
        const path = [...cycle.slice(index), ...cycle.slice(0, index), member];
        resolved.set(member, unusable(member, `source_profile cycle: ${path.join(' → ')}`));
      });
      return resolved.get(name)!;
    }
    inProgress.push(name);
    const source = resolve(sourceName);
    inProgress.pop();
    if (resolved.has(name)) return resolved.get(name)!; // marked as part of a cycle on the way
    if (!source) {
      return finish(
        unusable(
          name,
          `source profile ${sourceName} has no credentials: no keys, role_arn or credential_source.`,
        ),
      );
    }
    if (source.profile.kind === 'unusable') {
      return finish(unusable(name, `source profile ${sourceName} is unusable: ${source.profile.reason}`));
    }
    if (source.profile.kind === 'keys') {
      return asRole([name, sourceName], source.place);
    }
    const sourceChain = source.profile.chain;
    const repeat = sourceChain.indexOf(name);
    if (repeat !== -1) {
      // The source reaches back here (through a profile whose keys end its own chain): the CLI calls
      // that a loop for this profile, though the source itself works.
      return finish(
        unusable(name, `source_profile cycle: ${[name, ...sourceChain.slice(0, repeat + 1)].join(' → ')}`),
      );
    }
    return asRole([name, ...sourceChain], source.place);
  };

  const profiles: Profile[] = [];
  for (const name of names) {
    const result = resolve(name);
    if (!result) continue;
    profiles.push(withEndpoints(result.profile, result.place, values.get(name)!.merged));
  }
  return { configFile: input.configFile, credentialsFile: input.credentialsFile, profiles, warnings };

  function withEndpoints(profile: Profile, place: Place, own: Values): Profile {
    if (profile.kind === 'unusable') return profile;
    const ignore = ignoresEndpoints(own);
    const sts = ignore ? undefined : (envEndpoints.sts ?? place.sts);
    const s3 = ignore ? undefined : (envEndpoints.s3 ?? place.s3);
    return {
      ...profile,
      ...(place.region ? { region: place.region } : {}),
      ...(sts ? { stsEndpoint: sts } : {}),
      ...(s3 ? { s3Endpoint: s3 } : {}),
    };
  }
}

function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}

function staticKeys(v: Values): StaticKeys | undefined {
  const accessKeyId = v['aws_access_key_id'];
  const secretAccessKey = v['aws_secret_access_key'];
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = v['aws_session_token'] || v['aws_security_token'];
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

function unusableOwn(name: string, reason: string, roleArn?: string): Own {
  return { kind: 'unusable', profile: { kind: 'unusable', name, reason, ...(roleArn ? { roleArn } : {}) } };
}

/**
 * A profile on its own, in the AWS CLI's order of credential providers: an assume-role profile
 * (role_arn without web_identity_token_file), web identity, SSO, keys from the credentials file,
 * credential_process, keys from the config file.
 */
function classify(name: string, v: Values, keysFromCredentials: boolean): Own {
  const roleArn = v['role_arn'];
  const fail = (reason: string) => unusableOwn(name, reason, roleArn);
  if (v['web_identity_token_file'] !== undefined) {
    return fail('web identity profiles (web_identity_token_file) are not supported by RoleTray.');
  }
  if (roleArn !== undefined) return classifyRole(name, roleArn, v);
  if (SSO_KEYS.some((key) => v[key] !== undefined)) {
    return fail('AWS IAM Identity Center (SSO) profiles are not supported yet.');
  }
  const keys = staticKeys(v);
  const credentialProcess = v['credential_process'];
  if (keys && (keysFromCredentials || credentialProcess === undefined)) {
    return { kind: 'keys', profile: { kind: 'keys', name, ...keys } };
  }
  if (credentialProcess !== undefined) {
    return fail(
      'credential_process profiles are not supported: RoleTray cannot cache what the process returns.',
    );
  }
  const accessKeyId = v['aws_access_key_id'];
  const secretAccessKey = v['aws_secret_access_key'];
  if (accessKeyId || secretAccessKey) {
    return fail(
      accessKeyId
        ? 'it has aws_access_key_id but no aws_secret_access_key.'
        : 'it has aws_secret_access_key but no aws_access_key_id.',
    );
  }
  return undefined;
}

function classifyRole(name: string, roleArn: string, v: Values): Own {
  const fail = (reason: string) => unusableOwn(name, reason, roleArn);
  const arn = ROLE_ARN.exec(roleArn);
  if (!arn) {
    return fail(
      `role_arn = ${roleArn} is not an IAM role ARN (expected arn:aws:iam::123456789012:role/RoleName).`,
    );
  }
  const sourceProfile = v['source_profile'];
  const credentialSource = v['credential_source'];
  let source: CredentialSource;
  if (sourceProfile && credentialSource) {
    return fail('it sets both source_profile and credential_source; AWS tools need exactly one.');
  } else if (sourceProfile) {
    source = { kind: 'profile', profile: sourceProfile };
  } else if (credentialSource === 'Environment') {
    source = { kind: 'environment' };
  } else if (credentialSource === 'Ec2InstanceMetadata' || credentialSource === 'EcsContainer') {
    return fail(`credential_source = ${credentialSource} is not supported by RoleTray.`);
  } else if (credentialSource) {
    return fail(
      `credential_source = ${credentialSource} is not valid: AWS tools accept Environment, Ec2InstanceMetadata or EcsContainer.`,
    );
  } else {
    return fail('it has role_arn but neither source_profile nor credential_source to assume it with.');
  }
  const rawDuration = v['duration_seconds'];
  let durationSeconds: number | undefined;
  if (rawDuration !== undefined) {
    durationSeconds = /^\d+$/.test(rawDuration) ? Number(rawDuration) : NaN;
    if (!(durationSeconds >= 900 && durationSeconds <= 43200)) {
      return fail(`duration_seconds = ${rawDuration} is not a whole number of seconds from 900 to 43200.`);
    }
  }
  const optional = (key: string) => v[key] || undefined;
  const mfaSerial = optional('mfa_serial');
  const externalId = optional('external_id');
  const roleSessionName = optional('role_session_name');
  const color = /^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/.exec(v['color'] ?? '')?.[1];
  return {
    kind: 'role',
    profile: {
      kind: 'role',
      name,
      roleArn,
      accountId: arn[2]!,
      roleName: arn[4]!,
      partition: arn[1]!,
      source,
      ...(mfaSerial ? { mfaSerial } : {}),
      ...(durationSeconds !== undefined ? { durationSeconds } : {}),
      ...(externalId ? { externalId } : {}),
      ...(roleSessionName ? { roleSessionName } : {}),
      ...(color ? { color } : {}),
    },
  };
}
