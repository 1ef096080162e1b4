import { externalDataInterceptor, loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREDS, CREDS2, lf, MARKER, NOW, OURS, SECTION } from '../../test-support/credentials-file-fixtures';
import {
  ForeignProfileError,
  removeCredentialsSection,
  upsertCredentialsSection,
  type FileCredentials,
} from './credentials-sections';

const upsert = (text: string, creds: FileCredentials = CREDS, section = SECTION) =>
  upsertCredentialsSection(text, section, creds, NOW);

// The SDK's own parser (parseIni itself is not exported), fed through its file interceptor: no disk.
let parses = 0;
async function sdkParse(text: string): Promise<Record<string, Record<string, string | undefined>>> {
  const dir = `/roletray-test-${process.pid}-${parses++}`;
  const files = { filepath: `${dir}/credentials`, configFilepath: `${dir}/config` };
  externalDataInterceptor.interceptFile(files.filepath, text);
  externalDataInterceptor.interceptFile(files.configFilepath, '');
  try {
    const { credentialsFile } = await loadSharedConfigFiles({ ...files, ignoreCache: true });
    return credentialsFile;
  } finally {
    const record = externalDataInterceptor.getFileRecord();
    delete record[files.filepath];
    delete record[files.configFilepath];
  }
}

describe('upsertCredentialsSection', () => {
  it('appends after other sections and comments, touching none of them', () => {
    const original = lf(
      '# my credentials',
      '[default]',
      'aws_access_key_id = AKIADEFAULT',
      '; old key below',
      'aws_secret_access_key = s3cret',
      '',
      '[work]  # the work account',
      'aws_access_key_id=AKIAWORK',
    );
    expect(upsert(original)).toBe(original + lf(...OURS));
  });

  it('writes the expiry in the marker comment only, and no marker time without one', () => {
    const out = upsert('', { accessKeyId: 'AKIA1', secretAccessKey: 'sec' });
    expect(out).toBe(
      lf(
        `[${SECTION}]`,
        '# Managed by RoleTray: removed when the session ends. Do not edit.',
        'aws_access_key_id = AKIA1',
        'aws_secret_access_key = sec',
      ),
    );
    expect(upsert('')).not.toContain('aws_expiration');
  });

  it('replaces its own section where it stands', () => {
    const before = lf('[a]', 'k = 1', '');
    const after = lf('', '# the b account', '[b]', 'k = 2');
    const once = before + lf(...OURS) + after;
    const twice = upsert(once, CREDS2);
    expect(twice).toBe(
      before +
        lf(
          `[${SECTION}]`,
          '# Managed by RoleTray until 2026-12-01T22:30:00Z: removed when the session ends. Do not edit.',
          'aws_access_key_id = ASIAEXAMPLE2',
          'aws_secret_access_key = other+secret/value=',
          'aws_session_token = FwoGZXIvYXdzE=/+second==',
        ) +
        after,
    );
    expect(removeCredentialsSection(twice, SECTION)).toBe(before + after);
  });

  it('drops the session token line when the new credentials have none', () => {
    const out = upsert(upsert(''), { accessKeyId: 'AKIA1', secretAccessKey: 'sec' });
    expect(out).not.toContain('aws_session_token');
  });

  it('removes stale duplicate copies of its own section', () => {
    const text = lf(...OURS, '[x]', 'k = v', ...OURS);
    expect(upsert(text, CREDS2).match(/aws_access_key_id = /g)).toHaveLength(1);
    expect(upsert(text, CREDS2)).toContain(lf('[x]', 'k = v'));
  });

  it('keeps CRLF files CRLF', () => {
    const original = '[default]\r\naws_access_key_id = AKIA\r\n';
    const out = upsert(original);
    expect(out).toBe(`${original}${OURS.join('\r\n')}\r\n`);
    expect(out.replaceAll('\r\n', '')).not.toContain('\n');
    expect(removeCredentialsSection(out, SECTION)).toBe(original);
  });

  it('keeps a file without a final newline without one, and restores it on removal', () => {
    const original = '[default]\naws_access_key_id = AKIA';
    const out = upsert(original);
    expect(out).toBe(`${original}\n${OURS.join('\n')}`);
    expect(removeCredentialsSection(out, SECTION)).toBe(original);
    expect(removeCredentialsSection(upsert(out, CREDS2), SECTION)).toBe(original);
  });

  it('refuses to overwrite a section RoleTray did not write', () => {
    const foreign = lf('[default]', 'k = v', `[${SECTION}]`, 'aws_access_key_id = MINE');
    expect(() => upsert(foreign)).toThrow(ForeignProfileError);
    expect(() => upsert(foreign)).toThrow(
      `The profile [${SECTION}] in the credentials file is not RoleTray's (it has no "Managed by RoleTray" line), ` +
        'so RoleTray will not overwrite it. Choose another profile name for RoleTray to write.',
    );
    // The marker must be the first line after the header.
    expect(() => upsert(lf(`[${SECTION}]`, 'region = x', MARKER))).toThrow(/is not RoleTray's/);
    // The SDKs read `[name] # note` as [name]: so does RoleTray.
    expect(() => upsert(lf(`  [${SECTION}] # mine`, 'k = v'))).toThrow(/is not RoleTray's/);
  });

  it('refuses when any same-name section is foreign, even alongside its own', () => {
    const text = lf(...OURS, `[${SECTION}]`, 'aws_access_key_id = MINE');
    expect(() => upsert(text)).toThrow(/Choose another profile name/);
  });

  it('does not take a look-alike header for its section', () => {
    const text = lf(`[ ${SECTION} ]`, 'k = v', `[profile ${SECTION}]`, 'k = v', `# [${SECTION}]`);
    expect(upsert(text)).toBe(text + lf(...OURS));
  });

  it('never quotes values, even with =, / and +', async () => {
    const creds = { accessKeyId: 'AKIA+/=', secretAccessKey: 'a/b+c=d==', sessionToken: '=tok/en+==' };
    const out = upsert('', creds);
    expect(out).toContain('aws_access_key_id = AKIA+/=\n');
    expect(out).toContain('aws_secret_access_key = a/b+c=d==\n');
    expect(out).toContain('aws_session_token = =tok/en+==\n');
    expect(out).not.toMatch(/["']/);
    expect((await sdkParse(out))[SECTION]).toEqual({
      aws_access_key_id: 'AKIA+/=',
      aws_secret_access_key: 'a/b+c=d==',
      aws_session_token: '=tok/en+==',
    });
  });

  it.each(['', ' a', 'a ', 'a[b', 'a]', '[a]', 'a\nb', 'a\rb', 'a b', '__proto__'])(
    'rejects the profile name %j',
    (name) => {
      expect(() => upsert('', CREDS, name)).toThrow(/^Invalid credentials profile name /);
      expect(() => removeCredentialsSection('', name)).toThrow(/^Invalid credentials profile name /);
    },
  );

  it('refuses values the SDKs would read differently, without echoing them', () => {
    for (const bad of ['', 'has space', 'line\nbreak', '#comment', ';comment', 'tab\t']) {
      expect(() => upsert('', { ...CREDS, sessionToken: bad })).toThrow(
        'The aws_session_token value cannot be written to the credentials file: empty or malformed.',
      );
    }
  });

  it('refuses credentials that have already expired', () => {
    expect(() => upsert('', { ...CREDS, expiration: NOW })).toThrow(/already expired/);
    expect(() => upsert('', { ...CREDS, expiration: Number.NaN })).toThrow(/not a valid time/);
  });
});

describe('removeCredentialsSection', () => {
  it('removes only its own section and leaves foreign ones', () => {
    const foreign = lf('[default]', 'k = v', '', `[${SECTION}]`, 'aws_access_key_id = MINE');
    expect(removeCredentialsSection(foreign, SECTION)).toBe(foreign);

    const mixed = lf('[a]', 'k = v', ...OURS, '', `[${SECTION}]`, 'aws_access_key_id = MINE');
    expect(removeCredentialsSection(mixed, SECTION)).toBe(
      lf('[a]', 'k = v', '', `[${SECTION}]`, 'aws_access_key_id = MINE'),
    );
  });

  it('leaves the comments and blank lines before the next section', () => {
    const text = lf(...OURS, '', '# about b', '[b]', 'k = v');
    expect(removeCredentialsSection(text, SECTION)).toBe(lf('', '# about b', '[b]', 'k = v'));
  });

  it('removes keys added under its section, which would otherwise join the section above', async () => {
    const text = lf('[a]', 'k = v', ...OURS, '', 'region = us-east-1', '# note');
    const out = removeCredentialsSection(text, SECTION);
    expect(out).toBe(lf('[a]', 'k = v', '# note'));
    expect(await sdkParse(out)).toEqual({ a: { k: 'v' } });
  });

  it('returns the text unchanged when the section is absent', () => {
    expect(removeCredentialsSection('[a]\r\nk = v', SECTION)).toBe('[a]\r\nk = v');
    expect(removeCredentialsSection('', SECTION)).toBe('');
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties: random credentials files that lack RoleTray's section.

// No letters of "roletray": nothing generated can name or mark RoleTray's section.
const junkChar = fc.constantFrom(...'abcXYZ019 \t\r=#;[]"\'/+-_.:'.split(''));
const junk = (maxLength: number) => fc.string({ unit: junkChar, maxLength });
const ws = fc.constantFrom('', ' ', '  ', '\t');
const name = fc.stringMatching(/^[a-z][a-z0-9_.-]{0,8}$/);
const header = fc
  .tuple(
    name,
    fc.constantFrom('[N]', ' [N] ', '[N] # note', '[N]\t; note', '[ N ]', '[profile N]', '[N]#not-a-comment'),
  )
  .map(([n, shape]) => shape.replace('N', n));
const keyLine = fc
  .tuple(ws, fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/), ws, ws, junk(20), fc.option(junk(10)))
  .map(([indent, key, a, b, value, comment]) =>
    comment === null ? `${indent}${key}${a}=${b}${value}` : `${indent}${key}${a}=${b}${value} # ${comment}`,
  );
const commentLine = fc.tuple(ws, fc.constantFrom('#', ';'), junk(20)).map((parts) => parts.join(''));
const bodyLine = fc.oneof(keyLine, keyLine, commentLine, ws, junk(20));
const section = fc.tuple(header, fc.array(bodyLine, { maxLength: 6 })).map(([h, body]) => [h, ...body]);

interface Generated {
  text: string;
  /** Each foreign section's lines, header first, without line endings. */
  sections: string[][];
  eol: string;
}

const file = (options: { preamble: boolean; minSections: number }) =>
  fc
    .record({
      eol: fc.constantFrom('\n', '\r\n'),
      preamble: options.preamble
        ? fc.array(fc.oneof(commentLine, ws, keyLine), { maxLength: 3 })
        : fc.constant([]),
      sections: fc.array(section, { minLength: options.minSections, maxLength: 5 }),
      finalNewline: fc.boolean(),
    })
    .map(({ eol, preamble, sections, finalNewline }): Generated => {
      const lines = [...preamble, ...sections.flat()];
      const text = lines.join(eol) + (finalNewline && lines.length > 0 ? eol : '');
      return { text, sections, eol };
    });

const credentials = fc.record(
  {
    accessKeyId: fc.stringMatching(/^[A-Z0-9]{16,20}$/),
    secretAccessKey: fc.stringMatching(/^[A-Za-z0-9/+=]{1,40}$/),
    sessionToken: fc.stringMatching(/^[A-Za-z0-9/+=]{1,200}$/),
    expiration: fc.integer({ min: NOW + 1000, max: NOW + 86_400_000 * 365 }),
  },
  { requiredKeys: ['accessKeyId', 'secretAccessKey'] },
);

function withoutSection<T>(parsed: Record<string, T>): Record<string, T> {
  const { [SECTION]: _ours, ...rest } = parsed;
  return rest;
}

describe('properties over random credentials files', () => {
  it('keeps every foreign section byte for byte and in order', () => {
    fc.assert(
      fc.property(file({ preamble: true, minSections: 0 }), credentials, ({ text, sections, eol }, creds) => {
        const out = upsert(text, creds);
        let from = 0;
        for (const lines of sections) {
          const at = out.indexOf(lines.join(eol), from);
          expect(at).toBeGreaterThanOrEqual(from);
          from = at + lines.join(eol).length;
        }
        // And all of the original comes first, untouched.
        expect(out.startsWith(text)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('reads back through the SDK parser: its section exact, every other unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(file({ preamble: true, minSections: 0 }), credentials, async ({ text }, creds) => {
        const before = await sdkParse(text);
        const after = await sdkParse(upsert(text, creds));
        expect(before[SECTION]).toBeUndefined();
        const expected: Record<string, string> = {
          aws_access_key_id: creds.accessKeyId,
          aws_secret_access_key: creds.secretAccessKey,
        };
        if (creds.sessionToken !== undefined) expected['aws_session_token'] = creds.sessionToken;
        expect(after[SECTION]).toEqual(expected);
        expect(withoutSection(after)).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('upsert then remove gives back the original exactly', () => {
    fc.assert(
      fc.property(file({ preamble: true, minSections: 0 }), credentials, ({ text }, creds) => {
        expect(removeCredentialsSection(upsert(text, creds), SECTION)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('upsert twice with different credentials then remove gives back the original exactly', () => {
    fc.assert(
      fc.property(
        file({ preamble: true, minSections: 0 }),
        credentials,
        credentials,
        ({ text }, first, second) => {
          const once = upsert(text, first);
          const twice = upsert(once, second);
          expect(twice).toBe(upsert(text, second));
          expect(removeCredentialsSection(twice, SECTION)).toBe(text);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('replaces and removes its section in the middle of a file without touching what follows', () => {
    fc.assert(
      fc.property(
        file({ preamble: true, minSections: 0 }),
        fc.tuple(name, file({ preamble: false, minSections: 0 })),
        credentials,
        credentials,
        (head, [next, tail], first, second) => {
          // The head must end on a line break, and what follows must start with a header.
          const start = head.text === '' || head.text.endsWith('\n') ? head.text : head.text + head.eol;
          const end = `[${next}]${tail.eol}${tail.text}`;
          const middle = upsert(start, first) + end;
          expect(upsert(middle, second)).toBe(upsert(start, second) + end);
          expect(removeCredentialsSection(middle, SECTION)).toBe(start + end);
        },
      ),
      { numRuns: 300 },
    );
  });
});
