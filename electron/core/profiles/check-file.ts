import type { ConfigWarning } from '../../../shared/profiles-view';
import { RoleTrayError } from '../errors';
import { iniLines } from './ini-lines';
import { typoOf } from './known-keys';
import { classifyHeader, type FileKind, type SectionType } from './section-headers';

// Checking one AWS file line by line, for what the SDK's parseIni would drop or read differently
// than the user probably meant: a line the SDK would drop is a ConfigError naming the file and
// line; what AWS tools read differently is a warning. It reads structure only (headers, key names,
// indentation); every value RoleTray uses comes from the SDK's parse.

interface KeyLine {
  key: string;
  line: number;
  /** The `s3 =` style sub-section this key is indented under. */
  sub?: string;
}

export interface SectionRecord {
  /** `ignored`: AWS tools do not read it as a profile (a warning says why). */
  type: SectionType | 'ignored';
  name: string;
  header: string;
  line: number;
  keys: KeyLine[];
}

export interface CheckedFile {
  kind: FileKind;
  file: string;
  shown: string;
  sections: SectionRecord[];
  warnings: ConfigWarning[];
}

export function checkFile(
  text: string | undefined,
  file: string,
  shown: string,
  kind: FileKind,
): CheckedFile {
  const checked: CheckedFile = { kind, file, shown, sections: [], warnings: [] };
  if (text === undefined) return checked;
  const errors: { line: number; message: string }[] = [];
  const warn = (line: number, message: string) =>
    checked.warnings.push({ file, line, message: `${shown} line ${line}: ${message}` });
  let section: SectionRecord | undefined;
  let sub: string | undefined;
  let previousWasValue = false;
  let sawHeader = false;

  iniLines(text).forEach(({ body: raw, content }, index) => {
    const line = index + 1;
    if (content === '') return;
    const wholeLine = raw.trim();

    if (content.startsWith('[')) {
      sawHeader = true;
      sub = undefined;
      previousWasValue = false;
      if (!content.endsWith(']')) {
        errors.push({ line, message: malformedHeader(content, kind) });
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
        message: `expected ${expected} or \`key = value\`, and this line is neither (${NOT_SHOWN}).`,
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

/**
 * What a line RoleTray cannot read says instead of its text: a bare or wrapped secret key is such
 * a line, and error messages reach the tray menu and the window.
 */
const NOT_SHOWN = 'its text is not shown: it may hold a secret';

/** A `[` line without its closing `]`, or with text after it. Only the config file's is quoted. */
function malformedHeader(content: string, kind: FileKind): string {
  const shown = content.length > 60 ? `${content.slice(0, 57)}...` : content;
  const closed = content.includes(']');
  if (kind === 'credentials') {
    return closed
      ? `unexpected text after a section header (${NOT_SHOWN}).`
      : `a section header has no closing \`]\` (${NOT_SHOWN}).`;
  }
  return closed
    ? `unexpected text after the section header: \`${shown}\`.`
    : `the section header \`${shown}\` has no closing \`]\`.`;
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
