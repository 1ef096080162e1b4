import type { IniLine } from './ini-lines';

// Editing the AWS files' lines in place: what RoleTray's own writers share (the credentials-file
// hand-off, the keys RoleTray holds). Appending lines and removing them again gives the file
// back byte for byte, a missing final newline included.

/** A line being edited: its text and line end. */
export type EditLine = Pick<IniLine, 'body' | 'eol'>;

/** The file's own line end, for lines RoleTray adds. */
export function detectEol(lines: readonly EditLine[]): string {
  return lines.find((line) => line.eol !== '')?.eol ?? '\n';
}

/** Appends `bodies` as lines; a file without a final newline stays without one. */
export function appendLines(lines: EditLine[], bodies: readonly string[]): void {
  const eol = detectEol(lines);
  const last = lines.at(-1);
  const finalEol = last && last.eol === '' ? '' : eol;
  if (last && last.eol === '') last.eol = eol;
  lines.push(...bodies.map((body, i) => ({ body, eol: i === bodies.length - 1 ? finalEol : eol })));
}

/** Removes lines `start`..`end` (inclusive), undoing the newline an append put before them. */
export function removeLines(lines: EditLine[], start: number, end: number): void {
  // An append onto a file without a final newline added one before the first line (its own), and
  // kept the file ending without one: take that newline back.
  const before = lines[start - 1];
  const added = lines[start]?.eol ?? '';
  if (before && lines[end]?.eol === '' && added !== '') {
    const raw = before.body + before.eol;
    // Not just `before.eol`: a lone '\r' that ended the file joined the added '\n' into a CRLF.
    if (raw.endsWith(added)) Object.assign(before, { body: raw.slice(0, -added.length), eol: '' });
  }
  lines.splice(start, end - start + 1);
}

/** The last line of the section headed at `start` that the parsers read as content. */
export function sectionEnd(
  lines: readonly IniLine[],
  start: number,
  isHeader: (line: IniLine) => boolean,
): number {
  let end = start;
  for (let i = start + 1; i < lines.length && !isHeader(lines[i]!); i++)
    if (lines[i]!.content !== '') end = i;
  return end;
}
