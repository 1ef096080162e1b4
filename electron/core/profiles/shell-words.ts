// Python's shlex.split(text) (posix mode, no comments), which botocore uses to read
// `[profile name]` headers and to split a credential_process line: whitespace separates words,
// single quotes keep everything, double quotes keep all but `\"` and `\\`, a backslash outside
// quotes escapes the next character. A line shlex cannot split (an open quote, a trailing
// backslash) is an error, as in Python.

const WHITESPACE = ' \t\r\n';

export class ShellSplitError extends Error {}

export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let state: ' ' | 'a' | '"' | "'" = ' ';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (state === "'") {
      if (char === "'") state = 'a';
      else word += char;
      continue;
    }
    if (state === '"') {
      if (char === '"') state = 'a';
      else if (char === '\\') {
        if (i + 1 >= text.length) throw new ShellSplitError('No closing quotation');
        const next = text[++i]!;
        // Within double quotes only the quote and the backslash itself are escaped.
        word += next === '"' || next === '\\' ? next : `\\${next}`;
      } else word += char;
      continue;
    }
    if (WHITESPACE.includes(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      state = ' ';
      continue;
    }
    inWord = true;
    if (char === '\\') {
      if (i + 1 >= text.length) throw new ShellSplitError('No escaped character');
      word += text[++i]!;
    } else if (char === '"' || char === "'") {
      state = char;
    } else {
      word += char;
    }
    state = state === ' ' ? 'a' : state;
  }
  if (state === '"' || state === "'") throw new ShellSplitError('No closing quotation');
  if (inWord) words.push(word);
  return words;
}
