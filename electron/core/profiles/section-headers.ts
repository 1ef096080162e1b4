import { isReservedSectionName } from '../../../shared/section-names';

// What AWS tools make of a `[...]` header line, in the config or the credentials file: a profile,
// an sso-session or services section, a section they ignore (with a warning saying why), or an error.

export type FileKind = 'config' | 'credentials';

/** The SDK's own pattern for `[prefix name]` headers (parseIni.js), so both agree on what a header is. */
const PREFIXED_HEADER = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
export const SECTION_TYPES = ['profile', 'sso-session', 'services'] as const;
export type SectionType = (typeof SECTION_TYPES)[number];

export type HeaderResult =
  { type: SectionType | 'ignored'; name: string; warning?: string } | { error: string };

/** What AWS tools make of a `[...]` header (the text between the brackets, untrimmed). */
export function classifyHeader(inner: string, kind: FileKind): HeaderResult {
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
  if (isReservedSectionName(name) || isReservedSectionName(inner)) {
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
