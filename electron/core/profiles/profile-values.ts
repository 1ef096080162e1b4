import type { CheckedFile } from './check-file';
import type { Values } from './classify-profile';

// Which profiles the two files define, and each one's values merged as the AWS tools merge them:
// names from the config first, then credentials-only ones, each in file order; for a name in both,
// the credentials file's values win.

export interface ProfileValues {
  /** Every profile name, config first, then credentials-only, in file order. */
  names: string[];
  /** Each profile's values, both files merged. */
  merged: Map<string, Values>;
  /** Profiles whose access key comes from the credentials file (it outranks credential_process). */
  keysFromCredentials: Set<string>;
  /** `[x]` sections of the config file that AWS tools ignore. */
  ignoredInConfig: Set<string>;
  /** Where a profile's key was last written: the credentials file wins, as for its values. */
  keyLine(name: string, key: string): { file: string; shown: string; line: number } | undefined;
}

export function profileValues(
  config: CheckedFile,
  credentials: CheckedFile,
  sdkConfig: Record<string, Values>,
  sdkCredentials: Record<string, Values>,
): ProfileValues {
  const names: string[] = [];
  const configNames = sectionNames(config);
  const credentialNames = sectionNames(credentials);
  names.push(...configNames, ...[...credentialNames].filter((name) => !configNames.has(name)));

  const own = (object: Record<string, Values>, name: string): Values =>
    Object.hasOwn(object, name) ? object[name]! : {};
  const merged = new Map<string, Values>();
  const keysFromCredentials = new Set<string>();
  for (const name of names) {
    const fromConfig = configNames.has(name) ? own(sdkConfig, name) : {};
    const fromCredentials = credentialNames.has(name) ? own(sdkCredentials, name) : {};
    merged.set(name, { ...fromConfig, ...fromCredentials });
    if (fromCredentials['aws_access_key_id'] !== undefined) keysFromCredentials.add(name);
  }

  return {
    names,
    merged,
    keysFromCredentials,
    ignoredInConfig: new Set(
      config.sections.filter((section) => section.type === 'ignored').map((section) => section.name),
    ),
    keyLine(name, key) {
      for (const checked of [credentials, config]) {
        const lines = checked.sections
          .filter((section) => section.type === 'profile' && section.name === name)
          .flatMap((section) => section.keys.filter((line) => line.key === key && line.sub === undefined));
        const last = lines.at(-1);
        if (last) return { file: checked.file, shown: checked.shown, line: last.line };
      }
      return undefined;
    },
  };
}

/** The file's profile names, each once, in file order. */
function sectionNames(checked: CheckedFile): Set<string> {
  return new Set(checked.sections.filter((section) => section.type === 'profile').map((s) => s.name));
}
