import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { botocoreMissing, runPythonJson } from '../../../test-support/python/run-python';
import { ShellSplitError, shellWords } from './shell-words';

// shellWords against Python's shlex.split on generated lines of quotes, escapes and spaces.

const line = fc
  .array(
    fc.constantFrom('a', 'b c', ' ', '\t', '"', "'", '\\', '\\"', '$x', '#', 'é', '\n', 'profile', '--x=1'),
    {
      maxLength: 12,
    },
  )
  .map((parts) => parts.join(''));

const missing = botocoreMissing();

if (missing) console.warn(`shell-words.test.ts: differential test skipped: ${missing}.`);

describe.skipIf(missing)('shellWords splits as Python shlex.split does', () => {
  it('agrees on 1,000 generated lines', () => {
    const texts = fc.sample(line, { numRuns: 1000, seed: 11 });
    const python = runPythonJson<(string[] | { error: string })[]>('shlex_split.py', texts);
    texts.forEach((text, index) => {
      const expected = python[index]!;
      if (Array.isArray(expected)) expect(shellWords(text), JSON.stringify(text)).toEqual(expected);
      else expect(() => shellWords(text), JSON.stringify(text)).toThrow(ShellSplitError);
    });
  });
});

describe('shellWords', () => {
  it('reads quoted profile names and credential_process lines', () => {
    expect(shellWords('profile "my dev"')).toEqual(['profile', 'my dev']);
    expect(shellWords(`node "/opt/Role Tray/cli.mjs" --x 'a b' c\\ d`)).toEqual([
      'node',
      '/opt/Role Tray/cli.mjs',
      '--x',
      'a b',
      'c d',
    ]);
    expect(() => shellWords('profile "open')).toThrow(ShellSplitError);
  });
});
