import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { botocoreMissing, runPythonJson } from '../../../test-support/python/run-python';
import { parseConfig, type ParsedFile } from './config-parser';

// The parser against Python's own configparser, as botocore configures it: generated files made of
// the pieces real files have (and the ones that trip parsers up), each read by both.

type PythonAnswer =
  | { sections: [string, Record<string, string>][] }
  | { error: string; line?: number; lines?: number[]; section?: string; key?: string };

const PIECES = [
  '[default]',
  '[profile dev]',
  '[profile  dev]',
  '[ profile dev ]',
  '[profile café]',
  '[profile x]#note',
  '[profile x] ; note',
  '[DEFAULT]',
  '[a]b]',
  '[]',
  '[unclosed',
  'region = eu-west-1',
  'Region=us-east-1',
  'role_arn = arn:aws:iam::123456789012:role/R',
  'source_profile: dev',
  'ROLE_ARN = arn:aws:iam::123456789012:role/Upper',
  'key = value # not a comment',
  'key2 =',
  '  endpoint_url = http://localhost:1',
  '  nested = x',
  '\tcontinued line',
  's3 =',
  '    addressing_style = path',
  '# a comment',
  '; another',
  '   # indented comment',
  '',
  '   ',
  'no delimiter here',
  '= value without key',
  'empty =',
  'colon:in:value',
  'arn:aws:iam::1:role/x',
  '\u00a0nbsp = 1',
  'x\u2003= em space',
  'dup = 1',
  'dup = 2',
];

/** Files of 1 to 14 pieces, with any of the line ends Python reads. */
const files = fc
  .tuple(
    fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 14 }),
    fc.constantFrom('\n', '\r\n', '\r'),
  )
  .map(([lines, eol]) => lines.join(eol) + (lines.length % 2 ? eol : ''));

/** Lines of the characters parsers disagree about: brackets, delimiters, comments, odd spaces. */
const noisyLine = fc
  .array(
    fc.constantFrom(
      '[',
      ']',
      '=',
      ':',
      '#',
      ';',
      ' ',
      '\t',
      'a',
      'B',
      '\u00a0',
      '\x1c',
      '\x85',
      '\x0c',
      '\u2028',
      '\ufeff',
      'é',
    ),
    {
      maxLength: 12,
    },
  )
  .map((chars) => chars.join(''));
const noisyFiles = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), noisyLine), { minLength: 1, maxLength: 10 })
  .map((lines) => `[s]\n${lines.join('\n')}\n`);

function asPython(parsed: ParsedFile): PythonAnswer {
  const { error } = parsed;
  if (!error) {
    return {
      sections: parsed.sections.map(({ name, keys }) => [
        name,
        Object.fromEntries([...keys].map(([key, { value }]) => [key, value])),
      ]),
    };
  }
  if (error.kind === 'parsing') return { error: error.kind, lines: error.lines };
  return {
    error: error.kind,
    line: error.line,
    ...('section' in error ? { section: error.section } : {}),
    ...('key' in error ? { key: error.key } : {}),
  };
}

const missing = botocoreMissing();
if (missing) console.warn(`config-parser.test.ts: differential tests skipped: ${missing}.`);

describe.skipIf(missing)('parseConfig reads as Python configparser does', () => {
  it('agrees on 600 generated files', () => {
    const texts = fc.sample(files, { numRuns: 600, seed: 20261202 });
    const python = runPythonJson<PythonAnswer[]>('configparser_dump.py', texts);
    texts.forEach((text, index) => {
      expect(asPython(parseConfig(text)), JSON.stringify(text)).toEqual(python[index]);
    });
  });

  it('agrees on 600 files with odd characters', () => {
    const texts = fc.sample(noisyFiles, { numRuns: 600, seed: 7 });
    const python = runPythonJson<PythonAnswer[]>('configparser_dump.py', texts);
    texts.forEach((text, index) => {
      expect(asPython(parseConfig(text)), JSON.stringify(text)).toEqual(python[index]);
    });
  });

  it('agrees on the cases the audit named', () => {
    const texts = [
      '\ufeff[default]\nregion = eu-west-1\n',
      '[profile x]#note\nregion = a\n',
      '[profile default]\nregion = a\n[default]\nregion = b\n',
      '[profile a]\nRole_Arn = arn:aws:iam::123456789012:role/R\nSource_Profile = a\n',
      '[DEFAULT]\nregion = inherited\n[profile a]\nx = 1\n',
    ];
    const python = runPythonJson<PythonAnswer[]>('configparser_dump.py', texts);
    texts.forEach((text, index) => expect(asPython(parseConfig(text)), text).toEqual(python[index]));
  });
});

describe('parseConfig', () => {
  it('remembers the line of each section and key', () => {
    const parsed = parseConfig('# top\n[profile a]\n\nRegion = x\n  more\nrole_arn = y\n');
    const [section] = parsed.sections;
    expect(section).toMatchObject({ name: 'profile a', line: 2 });
    expect(section!.keys.get('region')).toEqual({
      value: 'x\nmore',
      line: 4,
      continued: [5],
      written: 'Region',
    });
    expect(section!.keys.get('role_arn')).toEqual({
      value: 'y',
      line: 6,
      continued: [],
      written: 'role_arn',
    });
  });
});
