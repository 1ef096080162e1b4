import { loadSharedConfigFiles } from '@smithy/core/config';
import type { ConfigWarning } from '../../../shared/profiles-view';
import { configPaths, displayPath } from './aws-file-paths';
import { ChainResolver } from './chains';
import { checkFile, type CheckedFile } from './check-file';
import { classify, unusableOwn, type Own, type Values } from './classify-profile';
import { endpointRules, type Place } from './endpoints';
import { managedSections } from './managed-sections';
import { profileValues, type ProfileValues } from './profile-values';
import type { LoadedProfiles, Profile, ProfileSources } from './profiles';
import { readText } from './read-aws-file';

// Reads the user's AWS config and credentials files with the AWS CLI's semantics.
//
// Parsing is the SDK's own (`loadSharedConfigFiles` from @smithy/core/config): RoleTray must see the
// same values the AWS SDKs see. That loader is lenient: it silently skips lines it cannot read, and
// swallows any error into an empty file. So each file is first read here and checked line by line
// (check-file.ts), then the SDK's values are merged (profile-values.ts), each profile classified on
// its own (classify-profile.ts), its source_profile chain followed (chains.ts) and its endpoints
// settled (endpoints.ts).

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
      env: sources.env,
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

interface BuildInput {
  env: Record<string, string | undefined>;
  config: CheckedFile;
  credentials: CheckedFile;
  sdkConfig: Record<string, Values>;
  sdkCredentials: Record<string, Values>;
}

function buildProfiles(input: BuildInput): LoadedProfiles {
  const { config, credentials } = input;
  const warnings = [...config.warnings, ...credentials.warnings];
  const values = profileValues(config, credentials, input.sdkConfig, input.sdkCredentials);
  const endpoints = endpointRules(input.env, input.sdkConfig);

  const places = new Map<string, Place>();
  const owns = new Map<string, Own>();
  for (const name of values.names) {
    const merged = values.merged.get(name)!;
    const place = endpoints.placeOf(merged);
    let result = classify(name, merged, values.keysFromCredentials.has(name));
    if ('missingServices' in place) {
      if (result && result.kind !== 'unusable') {
        result = unusableOwn(
          name,
          `services = ${place.missingServices}, but ${config.shown} has no [services ${place.missingServices}] section.`,
          merged['role_arn'],
        );
      }
      places.set(name, {});
    } else {
      places.set(name, place);
    }
    owns.set(name, result);
    const colorWarning = ignoredColor(name, merged, result, values, config.file);
    if (colorWarning) warnings.push(colorWarning);
  }

  const chains = new ChainResolver({
    values: values.merged,
    owns,
    places,
    ignoredInConfig: values.ignoredInConfig,
    configShown: config.shown,
  });
  const profiles: Profile[] = [];
  for (const name of values.names) {
    const result = chains.resolve(name);
    if (!result) continue;
    profiles.push(endpoints.withEndpoints(result.profile, result.place, values.merged.get(name)!));
  }
  return { configFile: config.file, credentialsFile: credentials.file, profiles, warnings };
}

/** A role's `color` that is not a colour RoleTray can show (classify-profile.ts left it out). */
function ignoredColor(
  name: string,
  merged: Values,
  own: Own,
  values: ProfileValues,
  configFile: string,
): ConfigWarning | undefined {
  const color = merged['color'];
  if (color === undefined || own?.kind !== 'role' || own.profile.color) return undefined;
  const at = values.keyLine(name, 'color');
  const where = at ? `${at.shown} line ${at.line}` : `Profile ${name}`;
  return {
    file: at?.file ?? configFile,
    ...(at ? { line: at.line } : {}),
    message: `${where}: color = ${color} is not a hex colour such as ffaa00; it is ignored.`,
  };
}
