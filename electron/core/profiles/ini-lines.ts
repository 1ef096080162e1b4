// The one reader of INI lines behind everything that looks at the AWS files' text: the profile
// checker, the managed-sections reader and the credentials-file writer. It reads a line the way the
// AWS SDK for JavaScript's parser (parseIni) does, so what RoleTray calls a header or a key is what
// the SDKs call one: a comment starts at `#` or `;` at the start of the line or after whitespace, and
// a header is a line that, once the comment is cut and it is trimmed, starts with `[` and ends with `]`.

export interface IniLine {
  /** The line as written, without its line end. */
  body: string;
  /** '\n', '\r\n', or '' for a last line without one. */
  eol: string;
  /** What the SDK reads: the comment cut off, trimmed. Empty for blank and comment lines. */
  content: string;
}

/** The lines of `text`; joining body + eol of each gives `text` back byte for byte. */
export function iniLines(text: string): IniLine[] {
  const lines: IniLine[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const crlf = nl > start && text[nl - 1] === '\r';
    const body = text.slice(start, crlf ? nl - 1 : end);
    lines.push({ body, eol: nl === -1 ? '' : crlf ? '\r\n' : '\n', content: withoutComment(body).trim() });
    if (nl === -1) break;
    start = nl + 1;
  }
  return lines;
}

export function joinIniLines(lines: readonly Pick<IniLine, 'body' | 'eol'>[]): string {
  return lines.map((line) => line.body + line.eol).join('');
}

/** The text between the brackets of a section header (untrimmed, as the SDK takes it), else undefined. */
export function headerName(line: IniLine): string | undefined {
  const { content } = line;
  return content.startsWith('[') && content.endsWith(']') ? content.slice(1, -1) : undefined;
}

function withoutComment(body: string): string {
  return body.includes('#') || body.includes(';') ? body.split(/(?:^|\s)[;#]/)[0]! : body;
}
