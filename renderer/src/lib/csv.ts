// CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into rows, for the preview's table. A
// preview may end mid-row; `truncated` drops that last, partial row. Tabs separate TSV.

export interface CsvTable {
  rows: string[][];
  /** More rows existed than `maxRows`. */
  clipped: boolean;
}

export function parseCsv(
  text: string,
  options: { delimiter?: string; truncated?: boolean; maxRows?: number } = {},
): CsvTable {
  const { delimiter = ',', truncated = false, maxRows = Infinity } = options;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  // Whether the current row ended with a line break (so it is complete).
  let complete = true;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  while (i < text.length) {
    const char = text[i]!;
    complete = false;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += char;
      }
      i++;
      continue;
    }
    if (char === '"' && field === '') {
      quoted = true;
    } else if (char === delimiter) {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRow();
      complete = true;
      if (rows.length > maxRows) break;
    } else {
      field += char;
    }
    i++;
  }
  if (!complete && !(truncated && i >= text.length)) endRow();
  const clipped = rows.length > maxRows;
  return { rows: clipped ? rows.slice(0, maxRows) : rows, clipped };
}

/** Tab-separated when the first line has tabs and no commas. */
export function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}
