// The AWS CLI reads its files with Python's configparser.RawConfigParser (botocore's
// configloader.raw_config_parse), and so does RoleTray: this is that parser's algorithm
// (CPython 3.11, `_read`), with its defaults: full-line comments only (`#` or `;` first), `=` or
// `:` between key and value, keys lowercased, values continued on lines indented deeper than
// their key, blank lines kept inside values, duplicates refused (strict), and a `[DEFAULT]`
// section whose keys every section inherits. Each section and key remembers its line, for
// messages. What Python raises, this returns as `error`, with the line Python names.

export interface ParsedKey {
  value: string;
  line: number;
  /** The line of each continuation line, in order (blank lines kept in the value included). */
  continued: number[];
  /** The key as written, before configparser lowercased it. */
  written: string;
}

export interface ParsedSection {
  /** The text between the brackets, as configparser takes it (the header regex is greedy). */
  name: string;
  line: number;
  keys: Map<string, ParsedKey>;
}

export type ParseError =
  | { kind: 'missing-section-header'; line: number }
  | { kind: 'duplicate-section'; line: number; section: string }
  | { kind: 'duplicate-option'; line: number; section: string; key: string }
  /** Lines that are neither a header nor `key = value`: Python reports them all, at the end. */
  | { kind: 'parsing'; lines: number[] };

export interface ParsedFile {
  /** Sections in file order, `[DEFAULT]` excluded; each key also holds the defaults' keys. */
  sections: ParsedSection[];
  defaults: Map<string, ParsedKey>;
  error?: ParseError;
}

/** Python's str.isspace(), which strip() and the regexes' \s follow: not JavaScript's \s. */
const PY_SPACE = new Set(
  [
    '\t',
    '\n',
    '\v',
    '\f',
    '\r',
    '\x1c',
    '\x1d',
    '\x1e',
    '\x1f',
    ' ',
    '\x85',
    '\xa0',
    '\u1680',
    ...Array.from({ length: 11 }, (_, i) => String.fromCharCode(0x2000 + i)),
    '\u2028',
    '\u2029',
    '\u202f',
    '\u205f',
    '\u3000',
  ].map((char) => char.codePointAt(0)!),
);

export const isPySpace = (char: string) => PY_SPACE.has(char.codePointAt(0)!);

export function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPySpace(text[start]!)) start++;
  while (end > start && isPySpace(text[end - 1]!)) end--;
  return text.slice(start, end);
}

function pyRstrip(text: string): string {
  let end = text.length;
  while (end > 0 && isPySpace(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** The lines Python's text mode reads: universal newlines (`\n`, `\r\n` and a lone `\r`). */
export function pyLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((line, index, all) => index < all.length - 1 || line !== '');
}

/** `\[(?P<header>.+)\]` matched at the start of the stripped line: the last `]` closes it. */
function sectionHeader(value: string): string | undefined {
  if (!value.startsWith('[')) return undefined;
  const close = value.lastIndexOf(']');
  return close > 1 ? value.slice(1, close) : undefined;
}

/** `(?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$`: the first `=` or `:` divides. */
function optionLine(value: string): { option: string; value: string } | undefined {
  const at = value.search(/[=:]/);
  if (at === -1) return undefined;
  return { option: pyRstrip(value.slice(0, at)), value: pyStrip(value.slice(at + 1)) };
}

export function parseConfig(text: string): ParsedFile {
  const sections = new Map<string, ParsedSection>();
  const defaults = new Map<string, ParsedKey>();
  const raw = new Map<Map<string, ParsedKey>, Map<string, string[]>>();
  const continuation = (line: number, value: string) => {
    const key = current!.get(option!)!;
    raw.get(current!)!.get(option!)!.push(value);
    key.continued.push(line);
  };
  const seenSections = new Set<string>();
  const seenKeys = new Set<string>();
  const badLines: number[] = [];
  let current: Map<string, ParsedKey> | undefined;
  let sectionName: string | undefined;
  let option: string | undefined;
  let indentLevel = 0;

  const result = (error?: ParseError): ParsedFile => {
    // _join_multiline_values: lines joined with \n, trailing whitespace stripped.
    for (const [keys, values] of raw) {
      for (const [key, parts] of values) keys.get(key)!.value = pyRstrip(parts.join('\n'));
    }
    const withDefaults = [...sections.values()].map((section) => ({
      ...section,
      keys: new Map([...section.keys, ...[...defaults].filter(([key]) => !section.keys.has(key))]),
    }));
    return { sections: withDefaults, defaults, ...(error ? { error } : {}) };
  };

  const lines = pyLines(text);
  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const line = lines[index]!;
    const stripped = pyStrip(line);
    const isComment = stripped.startsWith('#') || stripped.startsWith(';');
    const value = isComment ? '' : stripped;
    if (!value) {
      // A blank line (not a comment) inside a value is part of it.
      if (!isComment && current && option) continuation(lineNo, '');
      continue;
    }
    const indent = [...line].findIndex((char) => !isPySpace(char));
    // An empty key name (`= x`, an error anyway) continues nothing: Python tests the name's truth.
    if (current && option && indent > indentLevel) {
      continuation(lineNo, value);
      continue;
    }
    indentLevel = indent;
    const header = sectionHeader(value);
    if (header !== undefined) {
      sectionName = header;
      if (sections.has(header)) {
        if (seenSections.has(header))
          return result({ kind: 'duplicate-section', line: lineNo, section: header });
        current = sections.get(header)!.keys;
      } else if (header === 'DEFAULT') {
        current = defaults;
      } else {
        current = new Map();
        sections.set(header, { name: header, line: lineNo, keys: current });
        seenSections.add(header);
      }
      if (!raw.has(current)) raw.set(current, new Map());
      option = undefined;
      continue;
    }
    if (!current) return result({ kind: 'missing-section-header', line: lineNo });
    const parsed = optionLine(value);
    if (!parsed) {
      badLines.push(lineNo);
      continue;
    }
    if (!parsed.option) badLines.push(lineNo);
    const key = parsed.option.toLowerCase();
    const id = `${sectionName}\n${key}`;
    if (seenKeys.has(id)) {
      return result({ kind: 'duplicate-option', line: lineNo, section: sectionName!, key });
    }
    seenKeys.add(id);
    current.set(key, { value: parsed.value, line: lineNo, continued: [], written: parsed.option });
    raw.get(current)!.set(key, [parsed.value]);
    option = key;
  }
  return result(badLines.length > 0 ? { kind: 'parsing', lines: badLines } : undefined);
}
