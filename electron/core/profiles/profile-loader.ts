import type { ConfigWarning } from '../../../shared/profiles-view';
import { configPaths, displayPath } from './aws-file-paths';
import { awsConfigMap, NestedValueError, type ProfileEntry } from './aws-config-map';
import { resolveChain } from './chains';
import { classify, pythonInt, unusableOwn, type Own } from './classify-profile';
import { parseConfig, type ParsedFile } from './config-parser';
import { endpointRules } from './endpoints';
import {
  fileWarnings,
  nestedFailure,
  parseFailure,
  sectionWarnings,
  type FileKind,
  type FileToCheck,
} from './file-problems';
import { isManagedMarker } from './managed-sections';
import type { LoadedProfiles, Profile, ProfileSources } from './profiles';
import { readText } from './read-aws-file';

// Reads the user's AWS config and credentials files as the AWS CLI does: each file parsed by
// Python's configparser rules (config-parser.ts), the two merged as botocore merges them
// (aws-config-map.ts), each profile classified by botocore's credential providers
// (classify-profile.ts), its source_profile chain followed (chains.ts) and its region and
// endpoints taken from it alone (endpoints.ts). Where the CLI refuses a file, so does RoleTray,
// at file and line; where other SDKs read a file differently, it warns (file-problems.ts).

export async function loadProfiles(sources: ProfileSources): Promise<LoadedProfiles> {
  const { configFile, credentialsFile } = configPaths(sources);
  const [config, credentials] = (
    await Promise.allSettled([
      readChecked(configFile, displayPath(configFile, sources.homeDir), 'config'),
      readChecked(credentialsFile, displayPath(credentialsFile, sources.homeDir), 'credentials'),
    ])
  ).map((read) => {
    // Both broken: the config file's problem is said first, whichever read finished first.
    if (read.status === 'rejected') throw read.reason;
    return read.value;
  }) as [FileToCheck, FileToCheck];
  let map;
  try {
    map = awsConfigMap(config.parsed, withoutManaged(credentials));
  } catch (error) {
    if (error instanceof NestedValueError) {
      throw nestedFailure(error.file === 'config' ? config : credentials, error.line);
    }
    throw error;
  }
  const warnings = [
    ...fileWarnings(config),
    ...fileWarnings(credentials),
    ...sectionWarnings(map, config, credentials),
  ];
  const endpoints = endpointRules(sources.env, map.services);
  const context = {
    ssoSessions: map.ssoSessions,
    shown: { config: config.shown, credentials: credentials.shown },
  };

  const owns = new Map<string, Own>();
  for (const entry of map.profiles.values()) {
    const missing = endpoints.missingServices(entry);
    let own = classify(entry, context);
    if (missing && own && own.kind !== 'unusable') {
      own = unusableOwn(
        entry.name,
        `services = ${missing}, but ${config.shown} has no [services ${missing}] section.`,
        entry.values['role_arn'],
      );
    }
    owns.set(entry.name, own);
    warnings.push(...valueWarnings(entry, own, { config, credentials }));
  }

  const chains = {
    entries: map.profiles,
    owns,
    ignoredInConfig: new Set(map.ignored.filter((section) => section.file === 'config').map((s) => s.header)),
    configShown: config.shown,
    context,
  };
  const profiles: Profile[] = [];
  for (const entry of map.profiles.values()) {
    const own = owns.get(entry.name);
    // RoleTray's own hand-off profiles are neither roles nor problems.
    if (!own || own.kind === 'handoff') continue;
    const profile = own.kind === 'role' ? resolveChain(chains, own.profile) : own.profile;
    profiles.push(endpoints.withEndpoints(profile, entry));
  }
  return { configFile, credentialsFile, profiles, warnings: inFileOrder(warnings, configFile) };
}

/** The config file's warnings first, each file's by line. */
function inFileOrder(warnings: ConfigWarning[], configFile: string): ConfigWarning[] {
  const rank = (warning: ConfigWarning) => [warning.file === configFile ? 0 : 1, warning.line ?? 0] as const;
  return [...warnings].sort((a, b) => rank(a)[0] - rank(b)[0] || rank(a)[1] - rank(b)[1]);
}

async function readChecked(file: string, shown: string, kind: FileKind): Promise<FileToCheck> {
  const text = (await readText(file, shown)) ?? '';
  const checked = { kind, file, shown, text, parsed: parseConfig(text) };
  if (checked.parsed.error) throw parseFailure(checked, checked.parsed.error);
  return checked;
}

/** The credentials file less the sections RoleTray wrote itself (copies of its own sessions). */
function withoutManaged(credentials: FileToCheck): ParsedFile {
  const lines = credentials.text.split(/\r\n|\r|\n/);
  return {
    ...credentials.parsed,
    sections: credentials.parsed.sections.filter((section) => !isManagedMarker(lines[section.line])),
  };
}

/** Values the AWS CLI ignores or RoleTray cannot show, said at their line. */
function valueWarnings(entry: ProfileEntry, own: Own, files: Record<FileKind, FileToCheck>): ConfigWarning[] {
  const warnings: ConfigWarning[] = [];
  const warn = (key: string, message: string) => {
    const at = entry.keyPlaces.get(key);
    const file = files[at?.file ?? 'config'];
    const where = at ? `${file.shown} line ${at.line}` : `Profile ${entry.name}`;
    warnings.push({ file: file.file, ...(at ? { line: at.line } : {}), message: `${where}: ${message}` });
  };
  const { color, duration_seconds: duration } = entry.values;
  if (own?.kind === 'role' && color !== undefined && !own.profile.color) {
    warn('color', `color = ${color} is not a hex colour such as ffaa00; it is ignored.`);
  }
  if (own?.kind === 'role' && duration !== undefined && pythonInt(duration) === undefined) {
    warn(
      'duration_seconds',
      `the AWS CLI ignores duration_seconds = ${duration}, which is not a whole number, and asks for 1 h; so does RoleTray.`,
    );
  }
  return warnings;
}
