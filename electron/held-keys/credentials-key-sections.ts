import { headerName, iniLines, joinIniLines, type IniLine } from '../core/profiles/ini-lines';
import { isManagedMarker } from '../core/profiles/managed-sections';
import { detectEol, sectionEnd } from '../core/profiles/ini-edit';
import type { HeldKeyPair, MovedSection } from '../core/held-keys-store';
import { keysRefusal } from './held-keys-refusal';

// A profile's sections of the credentials file, taken out whole when its keys move into RoleTray
// and put back where they stood: the text outside them is never touched, so taking then putting
// back gives the file back byte for byte. Only sections holding exactly an access key pair move:
// anything else in them (a region, a session token) would be lost or mean something else once
// the keys come from credential_process.

const KEY_LINE = /^([^=:]+?)\s*[=:]\s*(.*)$/;
const PAIR = ['aws_access_key_id', 'aws_secret_access_key'];

export interface TakenSections {
  text: string;
  sections: MovedSection[];
  keys: HeldKeyPair;
}

const isHeader = (line: IniLine) => headerName(line) !== undefined;

/** The spans of `[name]`, as [first line, last content line]. */
function spansOf(lines: readonly IniLine[], name: string): [number, number][] {
  const spans: [number, number][] = [];
  lines.forEach((line, index) => {
    if (headerName(line)?.trim() === name) spans.push([index, sectionEnd(lines, index, isHeader)]);
  });
  return spans;
}

/** Whether the credentials file's text has a `[name]` section. */
export const hasKeySection = (text: string, name: string) => spansOf(iniLines(text), name).length > 0;

/** Takes every `[name]` section out of the credentials file's text; refuses what cannot move. */
export function takeKeySections(text: string, name: string, file: string): TakenSections {
  const lines = iniLines(text);
  const spans = spansOf(lines, name);
  const refuse = (why: string) =>
    keysRefusal(name, `RoleTray did not move the keys of ${name}: [${name}] in ${file} ${why}`);
  if (spans.length === 0) throw refuse('is not there.');
  const values = new Map<string, string>();
  for (const [start, end] of spans) {
    if (isManagedMarker(lines[start + 1]?.body)) throw refuse('was written by RoleTray itself.');
    for (let i = start + 1; i <= end; i++) {
      const line = lines[i]!;
      if (line.content === '') continue;
      const match = KEY_LINE.exec(line.content);
      if (!match || /^\s/.test(line.body))
        throw refuse(`has line ${i + 1}, which is not a key = value line.`);
      const key = match[1]!.toLowerCase();
      if (!PAIR.includes(key)) {
        throw refuse(
          key === 'aws_session_token' || key === 'aws_security_token'
            ? 'holds temporary keys (it has a session token); only long-term keys can be held.'
            : `also sets ${match[1]} (line ${i + 1}), which would be lost; move it to the config file first.`,
        );
      }
      values.set(key, match[2]!);
    }
  }
  const accessKeyId = values.get('aws_access_key_id');
  const secretAccessKey = values.get('aws_secret_access_key');
  if (!accessKeyId || !secretAccessKey)
    throw refuse('does not hold both aws_access_key_id and aws_secret_access_key.');
  const sections = spans.map(([start, end]) => ({
    line: start,
    text: joinIniLines(lines.slice(start, end + 1)),
  }));
  // Backwards, so earlier indexes hold; each section's index is in the file as it was.
  for (const [start, end] of [...spans].reverse()) lines.splice(start, end - start + 1);
  return { text: joinIniLines(lines), sections, keys: { accessKeyId, secretAccessKey } };
}

/** Puts taken sections back at their lines; refuses when `[name]` is in the file again. */
export function putKeySectionsBack(
  text: string,
  name: string,
  sections: readonly MovedSection[],
  file: string,
): string {
  const lines = iniLines(text);
  if (spansOf(lines, name).length > 0) {
    throw keysRefusal(
      name,
      `RoleTray did not put the keys of ${name} back: ${file} has a [${name}] section again. Remove it, or keep the keys in RoleTray.`,
    );
  }
  const edited: { body: string; eol: string }[] = lines;
  for (const section of [...sections].sort((a, b) => a.line - b.line)) {
    const at = Math.min(section.line, edited.length);
    const last = edited[at - 1];
    // Appended after a last line without a newline (the file changed since): give it one.
    if (at === edited.length && last && last.eol === '') last.eol = '\n';
    const restored = iniLines(section.text);
    // Once the file's last section, now followed by lines added since: end it with a newline.
    const end = restored.at(-1);
    if (at < edited.length && end && end.eol === '') end.eol = detectEol(edited);
    edited.splice(at, 0, ...restored);
  }
  return joinIniLines(edited);
}
