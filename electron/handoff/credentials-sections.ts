import { isReservedSectionName } from '../../shared/section-names';
import { appendLines, detectEol, removeLines, type EditLine } from '../core/profiles/ini-edit';
import { headerName, iniLines, joinIniLines, type IniLine } from '../core/profiles/ini-lines';
import { isManagedMarker } from '../core/profiles/managed-sections';
import { CredentialsFileRefusal } from './credentials-file-refusal';

// RoleTray's own section of the shared credentials file, as text: added at the end or replaced
// where it stands, and removed, with every other byte kept. Lines are read by the profile loader's
// own line reader (core/profiles/ini-lines.ts), so what RoleTray takes for a section is what the
// SDKs take for one. Appending then removing restores the file exactly.

export interface FileCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Epoch ms. */
  expiration?: number;
}

/** The section `[name]` exists but RoleTray did not write it. */
export class ForeignProfileError extends CredentialsFileRefusal {
  constructor(
    readonly section: string,
    readonly file: string,
  ) {
    super(
      `The profile [${section}] in ${file} is not RoleTray's (it has no "Managed by RoleTray" line), ` +
        'so RoleTray will not overwrite it. Choose another profile name for RoleTray to write.',
    );
    this.name = 'ForeignProfileError';
  }
}

/** Returns `text` with RoleTray's `[section]` added at the end or replaced where it stands. */
export function upsertCredentialsSection(
  text: string,
  section: string,
  credentials: FileCredentials,
  now: number = Date.now(),
): string {
  return upsert(text, section, credentials, now, 'the credentials file');
}

/** Returns `text` without RoleTray's `[section]`; a foreign section of that name is kept. */
export function removeCredentialsSection(text: string, section: string): string {
  checkSectionName(section);
  const lines = iniLines(text);
  const owned = findSections(lines, section).filter((s) => s.owned);
  if (owned.length === 0) return text;
  // Backwards, so earlier spans keep their indexes.
  for (const span of owned.reverse()) removeSpan(lines, span);
  return joinIniLines(lines);
}

interface Span {
  start: number;
  /** Last line RoleTray wrote (inclusive); comments and blanks after it are left to the next section. */
  end: number;
  owned: boolean;
}

export function upsert(
  text: string,
  section: string,
  credentials: FileCredentials,
  now: number,
  file: string,
): string {
  checkSectionName(section);
  const body = sectionBody(section, credentials, now);
  const parsed = iniLines(text);
  const spans = findSections(parsed, section);
  const lines: EditLine[] = parsed;
  if (spans.some((s) => !s.owned)) throw new ForeignProfileError(section, file);
  const [first, ...duplicates] = spans;
  if (!first) {
    appendLines(lines, body);
    return joinIniLines(lines);
  }
  // The SDKs merge same-name sections, later keys winning: stale copies of ours must go.
  for (const span of duplicates.reverse()) removeSpan(lines, span);
  // The section keeps its own line endings: removal relies on them to undo its append.
  const eol = lines[first.start]?.eol || detectEol(lines);
  const finalEol = lines[first.end]?.eol ?? eol;
  lines.splice(
    first.start,
    first.end - first.start + 1,
    ...body.map((b, i) => ({ body: b, eol: i === body.length - 1 ? finalEol : eol })),
  );
  return joinIniLines(lines);
}

function removeSpan(lines: EditLine[], span: Span): void {
  removeLines(lines, span.start, span.end);
}

function sectionBody(section: string, credentials: FileCredentials, now: number): string[] {
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = credentials;
  let until = '';
  if (expiration !== undefined) {
    if (!Number.isFinite(expiration)) throw new Error('The credentials expiration is not a valid time.');
    if (expiration <= now) throw new Error('These credentials have already expired: not writing them.');
    until = ` until ${new Date(expiration).toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
  }
  const lines = [
    `[${section}]`,
    `# Managed by RoleTray${until}: removed when the session ends. Do not edit.`,
    `aws_access_key_id = ${checkValue('aws_access_key_id', accessKeyId)}`,
    `aws_secret_access_key = ${checkValue('aws_secret_access_key', secretAccessKey)}`,
  ];
  if (sessionToken !== undefined) {
    lines.push(`aws_session_token = ${checkValue('aws_session_token', sessionToken)}`);
  }
  return lines;
}

export function checkSectionName(section: string): void {
  const problem =
    section === ''
      ? 'is empty'
      : section.trim() !== section
        ? 'starts or ends with whitespace'
        : /[[\]]/.test(section)
          ? 'contains "[" or "]"'
          : /[\p{Cc}]/u.test(section)
            ? 'contains a line break or control character'
            : // The JS SDKs read `[a b]` as a typed section `a b` and rename or drop it.
              /\s/.test(section)
              ? 'contains whitespace'
              : // The SDK parser throws on it, losing the whole file.
                isReservedSectionName(section)
                ? 'is reserved'
                : undefined;
  if (problem) throw new Error(`Invalid credentials profile name ${JSON.stringify(section)}: it ${problem}.`);
}

// Values are written bare: the SDKs keep quotes as part of the value. So anything the parser would
// trim, cut at a comment, or read as another line is refused rather than written mangled.
function checkValue(key: string, value: string): string {
  if (value === '' || /[\s\p{Cc}]/u.test(value) || /^[#;]/.test(value)) {
    // Never echo the value: it is a secret.
    throw new Error(`The ${key} value cannot be written to the credentials file: empty or malformed.`);
  }
  return value;
}

function findSections(lines: readonly IniLine[], section: string): Span[] {
  const spans: Span[] = [];
  for (let start = 0; start < lines.length; start++) {
    if (headerName(lines[start]!) !== section) continue;
    let next = start + 1;
    while (next < lines.length && headerName(lines[next]!) === undefined) next++;
    const owned = next > start + 1 && isManagedMarker(lines[start + 1]?.body);
    // Through the last line the SDK reads as content: keys left behind would join the section above.
    let end = owned ? start + 1 : start;
    for (let i = end + 1; i < next; i++) if (lines[i]!.content !== '') end = i;
    spans.push({ start, end, owned });
  }
  return spans;
}
