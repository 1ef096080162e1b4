import { pyStrip, type ParsedFile, type ParsedKey, type ParsedSection } from './config-parser';
import { ShellSplitError, shellWords } from './shell-words';

// What botocore makes of the two parsed files (configloader.build_profile_map and
// Session.full_config): config sections named `profile <name>` (the name split as a shell
// word: `[profile "a b"]` is `a b`) and `default` are profiles, a later one replacing an earlier
// one of the same name whole; `sso-session` and `services` sections are kept by name; the
// credentials file's sections are profiles by their name as written, and their keys override the
// config file's one by one. A value written as `key =` followed by indented `k = v` lines is a
// sub-section (botocore's _parse_nested).

export type Values = Record<string, string>;

/** Where a key or section was written. */
export interface Place {
  file: 'config' | 'credentials';
  line: number;
}

export interface ProfileEntry {
  name: string;
  /** Both files' keys, the credentials file's winning. Sub-sections are in `nested`. */
  values: Values;
  nested: Record<string, Values>;
  /** The keys of each file's own section (botocore reads static keys from one file at a time). */
  fromConfig?: Values;
  fromCredentials?: Values;
  /** Where each key of `values`/`nested` was last written, and the sections that made the profile. */
  keyPlaces: Map<string, Place>;
  headers: Place[];
}

export interface NamedSection {
  name: string;
  values: Values;
  nested: Record<string, Values>;
  line: number;
}

/** A section the AWS CLI does not read as a profile, for hints and warnings. */
export interface IgnoredSection {
  header: string;
  file: 'config' | 'credentials';
  line: number;
  why: 'not-a-profile' | 'bad-profile-name';
}

export interface AwsConfigMap {
  /** In botocore's order: config profiles as first written, then credentials-only ones. */
  profiles: Map<string, ProfileEntry>;
  ssoSessions: Map<string, NamedSection>;
  services: Map<string, NamedSection>;
  ignored: IgnoredSection[];
}

/** A sub-section line without `=`: botocore refuses the whole file. */
export class NestedValueError extends Error {
  constructor(
    readonly file: 'config' | 'credentials',
    readonly line: number,
  ) {
    super(`line ${line} is not \`key = value\``);
  }
}

/** botocore's _parse_nested over one value: each non-blank line is `key = value` (first `=`). */
function nestedValues(key: ParsedKey, file: 'config' | 'credentials'): Values {
  const entries: [string, string][] = [];
  const lines = pySplitLines(key.value);
  lines.forEach((line, index) => {
    const text = pyStrip(line);
    if (!text) return;
    const equals = text.indexOf('=');
    // The value's first line is the empty one after `key =`; the rest are its continuation lines.
    if (equals === -1) throw new NestedValueError(file, key.continued[index - 1] ?? key.line);
    entries.push([pyStrip(text.slice(0, equals)), pyStrip(text.slice(equals + 1))]);
  });
  // fromEntries defines keys as data: a key named __proto__ stays a key.
  return Object.fromEntries(entries);
}

/** Python's str.splitlines(): more line breaks than \n. */
function pySplitLines(text: string): string[] {
  // eslint-disable-next-line no-control-regex -- Python's line breaks include these control characters.
  return text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
}

function sectionValues(section: ParsedSection, file: 'config' | 'credentials') {
  const keys = [...section.keys];
  const isNested = ([, parsed]: [string, ParsedKey]) => parsed.value.startsWith('\n');
  return {
    values: Object.fromEntries(keys.filter((key) => !isNested(key)).map(([key, { value }]) => [key, value])),
    nested: Object.fromEntries(
      keys.filter(isNested).map(([key, parsed]) => [key, nestedValues(parsed, file)]),
    ),
  };
}

/** `<prefix> <name>` split as botocore does: exactly two shell words, else not a section of its kind. */
function prefixedName(header: string): string | undefined {
  try {
    const words = shellWords(header);
    return words.length === 2 ? words[1] : undefined;
  } catch (error) {
    if (error instanceof ShellSplitError) return undefined;
    throw error;
  }
}

export function awsConfigMap(config: ParsedFile, credentials: ParsedFile): AwsConfigMap {
  const profiles = new Map<string, ProfileEntry>();
  const ssoSessions = new Map<string, NamedSection>();
  const services = new Map<string, NamedSection>();
  const ignored: IgnoredSection[] = [];
  const place = (file: 'config' | 'credentials', section: ParsedSection) =>
    new Map([...section.keys].map(([key, parsed]) => [key, { file, line: parsed.line }]));

  for (const section of config.sections) {
    const { name: header, line } = section;
    const named = () => {
      const name = prefixedName(header);
      if (name === undefined) ignored.push({ header, file: 'config', line, why: 'bad-profile-name' });
      return name;
    };
    if (header.startsWith('profile') || header === 'default') {
      const name = header === 'default' ? 'default' : named();
      if (name === undefined) continue;
      const { values, nested } = sectionValues(section, 'config');
      // The later section replaces the earlier whole (botocore assigns, it does not merge).
      profiles.set(name, {
        name,
        values,
        nested,
        fromConfig: values,
        keyPlaces: place('config', section),
        headers: [...(profiles.get(name)?.headers ?? []), { file: 'config', line }],
      });
    } else if (header.startsWith('sso-session') || header.startsWith('services')) {
      const name = named();
      if (name === undefined) continue;
      const target = header.startsWith('services') ? services : ssoSessions;
      target.set(name, { name, ...sectionValues(section, 'config'), line });
    } else {
      ignored.push({ header, file: 'config', line, why: 'not-a-profile' });
    }
  }

  for (const section of credentials.sections) {
    const { name, line } = section;
    const { values, nested } = sectionValues(section, 'credentials');
    const existing = profiles.get(name);
    const keyPlaces = place('credentials', section);
    // A key set in both files takes the credentials file's value, flat or sub-section.
    const merged = (own: Record<string, unknown>, other: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(own).filter(([key]) => !(key in other)));
    profiles.set(name, {
      name,
      values: { ...merged(existing?.values ?? {}, nested), ...values } as Values,
      nested: { ...merged(existing?.nested ?? {}, values), ...nested } as Record<string, Values>,
      ...(existing?.fromConfig ? { fromConfig: existing.fromConfig } : {}),
      fromCredentials: values,
      keyPlaces: new Map([...(existing?.keyPlaces ?? []), ...keyPlaces]),
      headers: [...(existing?.headers ?? []), { file: 'credentials', line }],
    });
  }
  return { profiles, ssoSessions, services, ignored };
}
