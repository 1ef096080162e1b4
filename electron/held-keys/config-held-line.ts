import { roleTrayHelperProfile } from '../core/profiles/classify-profile';
import { appendLines, detectEol, removeLines, sectionEnd } from '../core/profiles/ini-edit';
import { headerName, iniLines, joinIniLines, type IniLine } from '../core/profiles/ini-lines';
import { keysRefusal } from './held-keys-refusal';

// The one line RoleTray adds to the user's AWS config for keys it holds,
// `credential_process = … roletray-credentials … NAME` in the profile's section, so that the AWS CLI
// and SDKs ask the running app for them. Added as the section's first line (or in a new section at
// the end), removed again alone: every other byte of the file stays.

const KEY_LINE = /^([^=:]+?)\s*[=:]\s*(.*)$/;
/** Keys botocore reads before credential_process, or that make the profile something else. */
const TAKES_PRECEDENCE = [
  'role_arn',
  'web_identity_token_file',
  'sso_session',
  'sso_start_url',
  'sso_account_id',
];

/** The config section name of a profile: `default`, or `profile NAME`. */
const sectionNameOf = (line: IniLine) => {
  const header = headerName(line)?.trim();
  if (header === undefined) return undefined;
  if (header === 'default') return 'default';
  const match = /^profile\s+(.+)$/.exec(header);
  return match ? match[1]!.trim() : undefined;
};
const isHeader = (line: IniLine) => headerName(line) !== undefined;

function sectionsOf(lines: readonly IniLine[], name: string): number[] {
  return lines.flatMap((line, index) => (sectionNameOf(line) === name ? [index] : []));
}

function keyOf(line: IniLine): { key: string; value: string } | undefined {
  const match = line.content === '' ? null : KEY_LINE.exec(line.content);
  return match ? { key: match[1]!.toLowerCase(), value: match[2]! } : undefined;
}

export interface HeldLineEdit {
  text: string;
  /** Whether a new section was appended for it. */
  createdSection: boolean;
}

/** `text` with the held-keys line in profile `name`'s section; the same text when it is there. */
export function addHeldLine(text: string, name: string, command: string, file: string): HeldLineEdit {
  const lines = iniLines(text);
  const headers = sectionsOf(lines, name);
  const line = `credential_process = ${command}`;
  if (headers.length === 0) {
    appendLines(lines, [
      ...(lines.length > 0 ? [''] : []),
      name === 'default' ? '[default]' : `[profile ${name}]`,
      line,
    ]);
    return { text: joinIniLines(lines), createdSection: true };
  }
  for (const start of headers) {
    for (let i = start + 1; i <= sectionEnd(lines, start, isHeader); i++) {
      const entry = keyOf(lines[i]!);
      if (!entry) continue;
      const refuse = (why: string) =>
        keysRefusal(name, `RoleTray did not take the keys of ${name}: its section in ${file} ${why}`);
      if (entry.key === 'credential_process') {
        if (roleTrayHelperProfile(entry.value) === name) return { text, createdSection: false };
        throw refuse(`already runs credential_process = ${entry.value} (line ${i + 1}).`);
      }
      if (TAKES_PRECEDENCE.includes(entry.key)) {
        throw refuse(
          `sets ${entry.key} (line ${i + 1}), which the AWS CLI would use instead of the keys RoleTray holds.`,
        );
      }
    }
  }
  // In the last of its sections: where the AWS CLI reads a profile twice, the later one wins.
  const at = headers.at(-1)!;
  const header = lines[at]!;
  const eol = header.eol || detectEol(lines);
  const edited: { body: string; eol: string }[] = lines;
  if (header.eol === '') header.eol = eol;
  edited.splice(at + 1, 0, { body: line, eol: at + 1 === lines.length ? '' : eol });
  return { text: joinIniLines(edited), createdSection: false };
}

/** `text` without the held-keys line of `name`, and without the section too when RoleTray created it and nothing else went in. */
export function removeHeldLine(text: string, name: string, createdSection: boolean): string {
  const lines = iniLines(text);
  const edited: { body: string; eol: string }[] = lines;
  for (const start of sectionsOf(lines, name).reverse()) {
    const end = sectionEnd(lines, start, isHeader);
    const ours = [];
    let others = 0;
    for (let i = start + 1; i <= end; i++) {
      const entry = keyOf(lines[i]!);
      if (entry?.key === 'credential_process' && roleTrayHelperProfile(entry.value) === name) ours.push(i);
      else if (lines[i]!.content !== '') others++;
    }
    if (ours.length === 0) continue;
    if (createdSection && others === 0) {
      // With the blank line RoleTray put before it.
      const blank = start > 0 && lines[start - 1]!.body === '' ? start - 1 : start;
      removeLines(edited, blank, end);
      continue;
    }
    for (const i of ours.reverse()) {
      // A last line without a newline: the line before it becomes the last.
      if (i === lines.length - 1 && lines[i]!.eol === '' && edited[i - 1]) edited[i - 1]!.eol = '';
      edited.splice(i, 1);
    }
  }
  return joinIniLines(edited);
}
