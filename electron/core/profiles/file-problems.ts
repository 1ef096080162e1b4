import type { ConfigWarning } from '../../../shared/profiles-view';
import { isReservedSectionName } from '../../../shared/section-names';
import { RoleTrayError } from '../errors';
import { pyLines, type ParsedFile, type ParseError } from './config-parser';
import type { AwsConfigMap } from './aws-config-map';
import { typoOf } from './known-keys';

// What RoleTray says about one AWS file: where the AWS CLI refuses it (a ConfigError at file and
// line, and the CLI's own verdict), and, where it reads it, what other AWS SDKs read differently
// (warnings). RoleTray reads as the CLI does; the warnings are for the user's other tools.

export type FileKind = 'config' | 'credentials';

export interface FileToCheck {
  kind: FileKind;
  file: string;
  shown: string;
  text: string;
  parsed: ParsedFile;
}

const REFUSED = 'the AWS CLI refuses the whole file ("Unable to parse config file")';
/** A line RoleTray cannot read may be a bare or wrapped secret: its text is never shown. */
const NOT_SHOWN = 'its text is not shown: it may hold a secret';

/** The ConfigError for a file the AWS CLI cannot parse, at the line Python names. */
export function parseFailure(file: FileToCheck, error: ParseError): RoleTrayError {
  const { shown, text } = file;
  const at = (line: number, message: string, more = 0) =>
    new RoleTrayError(
      'ConfigError',
      `${shown} line ${line}: ${message}${more > 0 ? ` (${more} more line${more > 1 ? 's have' : ' has'} problems too.)` : ''}`,
      { file: file.file, line },
    );
  switch (error.kind) {
    case 'missing-section-header':
      if (error.line === 1 && text.startsWith('\ufeff')) {
        return at(
          1,
          `the file starts with a byte-order mark (BOM), so ${REFUSED}; save it as UTF-8 without BOM.`,
        );
      }
      return at(error.line, `this line comes before any \`[section]\` header, so ${REFUSED} (${NOT_SHOWN}).`);
    case 'duplicate-section':
      return at(
        error.line,
        `[${file.kind === 'credentials' ? error.section : error.section}] appears a second time here, so ${REFUSED}; merge the two sections.`,
      );
    case 'duplicate-option':
      return at(
        error.line,
        `\`${error.key}\` is set a second time in [${error.section}], so ${REFUSED}; keep one.`,
      );
    case 'parsing': {
      const [first, ...rest] = error.lines;
      const expected = file.kind === 'config' ? '`[profile name]`' : '`[name]`';
      return at(
        first!,
        `expected ${expected} or \`key = value\`, and this line is neither (${NOT_SHOWN}); ${REFUSED}.`,
        rest.length,
      );
    }
  }
}

export function nestedFailure(file: FileToCheck, line: number): RoleTrayError {
  return new RoleTrayError(
    'ConfigError',
    `${file.shown} line ${line}: this indented line belongs to a \`key =\` block but is not \`key = value\`, so ${REFUSED} (${NOT_SHOWN}).`,
    { file: file.file, line },
  );
}

/** A file the AWS CLI cannot decode (it reads the files as UTF-8). */
export function notUtf8(file: string, shown: string): RoleTrayError {
  return new RoleTrayError('ConfigError', `${shown} is not valid UTF-8, so ${REFUSED}; save it as UTF-8.`, {
    file,
  });
}

/** What other AWS SDKs read differently from the AWS CLI, and probable typos, line by line. */
export function fileWarnings(file: FileToCheck): ConfigWarning[] {
  const warnings: ConfigWarning[] = [];
  const warn = (line: number, message: string) =>
    warnings.push({ file: file.file, line, message: `${file.shown} line ${line}: ${message}` });
  const lines = pyLines(file.text);
  const { parsed } = file;
  if (parsed.defaults.size > 0) {
    const line = Math.min(...[...parsed.defaults.values()].map((key) => key.line));
    warn(
      line,
      'the AWS CLI adds the keys of [DEFAULT] to every section of this file; other AWS SDKs ignore [DEFAULT].',
    );
  }
  for (const section of parsed.sections) {
    for (const [key, parsed] of section.keys) {
      if (file.parsed.defaults.get(key) === parsed) continue; // from [DEFAULT], warned about above
      const raw = lines[parsed.line - 1] ?? '';
      if (parsed.written !== key) {
        warn(
          parsed.line,
          `the AWS CLI reads \`${parsed.written}\` as \`${key}\`, but other AWS SDKs read key names as written and ignore it; write \`${key}\`.`,
        );
      }
      const delimiter = /[=:]/.exec(raw)?.[0];
      if (delimiter === ':') {
        warn(parsed.line, `the AWS CLI reads \`${key}: …\`, but other AWS SDKs need \`${key} = …\`.`);
      }
      if (
        /(^|\s)[#;]/.test(parsed.value.split('\n')[0]!) &&
        !(key === 'color' && /^#[0-9a-fA-F]+$/.test(parsed.value))
      ) {
        warn(
          parsed.line,
          `the AWS CLI reads the \`#\` or \`;\` comment after \`${key} = …\` as part of its value, and other AWS SDKs drop it; put comments on their own line.`,
        );
      }
      const continued = parsed.continued.filter((line) => (lines[line - 1] ?? '').trim() !== '');
      if (continued.length > 0 && !parsed.value.startsWith('\n')) {
        warn(
          continued[0]!,
          `this line is indented, so the AWS CLI reads it as part of the value of \`${key}\` above; remove the indentation.`,
        );
      }
      if (section.name.startsWith('services') && key === 'endpoint_url') {
        warn(
          parsed.line,
          `endpoint_url directly in [${section.name}] is ignored: put it under a service, as \`sts =\` then an indented \`endpoint_url = …\`.`,
        );
      }
      const suggestion = typoOf(key);
      if (suggestion && !section.name.startsWith('services') && !section.name.startsWith('sso-session')) {
        warn(parsed.line, `unknown key \`${key}\` in [${section.name}]; did you mean \`${suggestion}\`?`);
      }
    }
  }
  return warnings;
}

/** Sections of the config file the AWS CLI reads as no profile although they look like one. */
const NOT_PROFILES = new Set(['plugins', 'preview', 'cli']);
/** The names other AWS SDKs read in `[profile name]` (the JavaScript SDK's header pattern). */
const SDK_PROFILE_NAME = /^[\w\-@+.%:/]+$/;

/** What other AWS SDKs make of the sections differently, and sections the AWS CLI skips. */
export function sectionWarnings(
  map: AwsConfigMap,
  config: Pick<FileToCheck, 'file' | 'shown'>,
  credentials: Pick<FileToCheck, 'file' | 'shown'>,
): ConfigWarning[] {
  const warnings: ConfigWarning[] = [];
  const fileOf = (kind: FileKind) => (kind === 'config' ? config : credentials);
  const warn = (kind: FileKind, line: number, message: string) =>
    warnings.push({
      file: fileOf(kind).file,
      line,
      message: `${fileOf(kind).shown} line ${line}: ${message}`,
    });
  for (const { header, file, line, why } of map.ignored) {
    if (why === 'bad-profile-name') {
      warn(
        file,
        line,
        `the AWS CLI ignores [${header}]: a name with spaces must be quoted, as [profile "a b"].`,
      );
    } else if (!NOT_PROFILES.has(header)) {
      warn(
        file,
        line,
        `the AWS CLI ignores [${header}] in the config file; did you mean [profile ${header.trim()}]?`,
      );
    }
  }
  for (const entry of map.profiles.values()) {
    const configHeaders = entry.headers.filter((header) => header.file === 'config');
    if (configHeaders.length > 1) {
      const [first, later] = [configHeaders[0]!, configHeaders.at(-1)!];
      warn(
        'config',
        later.line,
        `this section defines ${entry.name} again (first at line ${first.line}): the AWS CLI uses only this one, other AWS SDKs may merge both.`,
      );
    }
    const header = entry.headers[0]!;
    if (header.file === 'config' && entry.name !== 'default' && !SDK_PROFILE_NAME.test(entry.name)) {
      warn(
        'config',
        header.line,
        `the AWS CLI reads the profile ${entry.name}, but other AWS SDKs ignore it: their profile names are letters, digits and -_@+.%:/ only.`,
      );
    }
    if (isReservedSectionName(entry.name)) {
      warn(
        header.file,
        header.line,
        `the AWS CLI reads the profile ${entry.name}, but the AWS SDK for JavaScript cannot: the name is reserved there.`,
      );
    }
    const inCredentials = entry.headers.find((place) => place.file === 'credentials');
    if (inCredentials && /^profile\s/.test(entry.name)) {
      warn(
        'credentials',
        inCredentials.line,
        `the AWS CLI reads [${entry.name}] in the credentials file as a profile named "${entry.name}"; the credentials file names profiles without \`profile\`.`,
      );
    }
  }
  return warnings;
}
