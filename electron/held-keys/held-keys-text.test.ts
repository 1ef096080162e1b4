import { describe, expect, it } from 'vitest';
import { addHeldLine, removeHeldLine } from './config-held-line';
import { putKeySectionsBack, takeKeySections } from './credentials-key-sections';

// The two text edits behind "Move these keys into RoleTray" and "Put keys back": taking the
// profile's sections out of the credentials file and adding one line to the config, each undone
// byte for byte, whatever the file's line ends, BOM, final newline and neighbours.

const KEYS = 'aws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret/EXAMPLE';
const credentialsFiles: Record<string, string> = {
  'alone, final newline': `[dev]\n${KEYS}\n`,
  'alone, no final newline': `[dev]\n${KEYS}`,
  'between others, comments kept': `# mine\n[other]\naws_access_key_id = X\n\n[dev] # work\n${KEYS}\n# after dev\n\n[ci]\nk = v\n`,
  'last, no final newline': `[other]\nk = v\n[dev]\n${KEYS}`,
  'CRLF with BOM': `\ufeff[other]\r\nk = v\r\n[dev]\r\n${KEYS.replace('\n', '\r\n')}\r\n`,
  'twice (botocore merges them)': `[dev]\naws_access_key_id = AKIAEXAMPLE\n[x]\nk = v\n[dev]\naws_secret_access_key = secret/EXAMPLE\n`,
  'upper-case key names': `[dev]\nAWS_ACCESS_KEY_ID = AKIAEXAMPLE\nAws_Secret_Access_Key=secret/EXAMPLE\n`,
};

describe('the credentials file', () => {
  for (const [name, text] of Object.entries(credentialsFiles)) {
    it(`takes [dev] out and puts it back exactly: ${name}`, () => {
      const taken = takeKeySections(text, 'dev', 'credentials');
      expect(taken.keys).toEqual({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret/EXAMPLE' });
      expect(taken.text).not.toContain('AKIAEXAMPLE');
      expect(taken.text).not.toContain('secret/EXAMPLE');
      expect(taken.text).not.toMatch(/^\[dev\]/m);
      expect(putKeySectionsBack(taken.text, 'dev', taken.sections, 'credentials')).toBe(text);
    });
  }

  it('keeps everything else as it was, and lines added since', () => {
    const taken = takeKeySections(credentialsFiles['last, no final newline']!, 'dev', 'credentials');
    expect(taken.text).toBe('[other]\nk = v\n');
    const edited = `${taken.text}[new]\nk = 1\n`;
    expect(putKeySectionsBack(edited, 'dev', taken.sections, 'credentials')).toBe(
      `[other]\nk = v\n[dev]\n${KEYS}\n[new]\nk = 1\n`,
    );
  });

  it.each([
    [`[dev]\n${KEYS}\nregion = eu-west-1\n`, /also sets region \(line 4\), which would be lost/],
    [`[dev]\n${KEYS}\naws_session_token = T\n`, /holds temporary keys/],
    [`[dev]\naws_access_key_id = AKIAEXAMPLE\n`, /does not hold both/],
    [`[other]\n${KEYS}\n`, /\[dev\] in credentials is not there/],
    [`[dev]\n# Managed by RoleTray until 2030-01-01T00:00:00Z\n${KEYS}\n`, /written by RoleTray itself/],
    [
      `[dev]\naws_access_key_id = AKIAEXAMPLE\n  continued\naws_secret_access_key = s\n`,
      /line 3, which is not a key = value line/,
    ],
  ])('refuses what cannot move, in a sentence: %#', (text, why) => {
    expect(() => takeKeySections(text, 'dev', 'credentials')).toThrow(why);
  });

  it('refuses to put keys back over a [dev] written since', () => {
    const taken = takeKeySections(credentialsFiles['alone, final newline']!, 'dev', 'credentials');
    expect(() => putKeySectionsBack(`[dev]\nk = v\n`, 'dev', taken.sections, 'credentials')).toThrow(
      /has a \[dev\] section again/,
    );
  });
});

const LINE = 'credential_process = node /opt/roletray-credentials.mjs dev';
const configFiles: Record<string, [string, string]> = {
  'no section yet': [
    '[profile other]\nregion = us-east-1\n',
    `[profile other]\nregion = us-east-1\n\n[profile dev]\n${LINE}\n`,
  ],
  'no section, no final newline': [
    '[profile other]\nregion = us-east-1',
    `[profile other]\nregion = us-east-1\n\n[profile dev]\n${LINE}`,
  ],
  'empty file': ['', `[profile dev]\n${LINE}\n`],
  'section with a region': [
    '[profile dev]\nregion = eu-west-1\n',
    `[profile dev]\n${LINE}\nregion = eu-west-1\n`,
  ],
  'CRLF, header last without newline': [
    '[profile x]\r\nk = v\r\n[profile dev]',
    `[profile x]\r\nk = v\r\n[profile dev]\r\n${LINE}`,
  ],
  'two sections: the later one': [
    '[profile dev]\nregion = a\n[profile dev]\noutput = json\n',
    `[profile dev]\nregion = a\n[profile dev]\n${LINE}\noutput = json\n`,
  ],
};

describe('the config file', () => {
  for (const [name, [before, after]] of Object.entries(configFiles)) {
    it(`adds the line and removes it exactly: ${name}`, () => {
      const added = addHeldLine(before, 'dev', 'node /opt/roletray-credentials.mjs dev', 'config');
      expect(added.text).toBe(after);
      expect(addHeldLine(added.text, 'dev', 'node /opt/roletray-credentials.mjs dev', 'config').text).toBe(
        after,
      );
      expect(removeHeldLine(added.text, 'dev', added.createdSection)).toBe(before);
    });
  }

  it('uses [default] for the default profile', () => {
    expect(addHeldLine('', 'default', 'roletray-credentials default', 'config').text).toBe(
      '[default]\ncredential_process = roletray-credentials default\n',
    );
  });

  it.each([
    [
      '[profile dev]\ncredential_process = aws-vault export dev\n',
      /already runs credential_process = aws-vault export dev \(line 2\)/,
    ],
    [
      '[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = dev\n',
      /sets role_arn \(line 2\)/,
    ],
    ['[profile dev]\nsso_session = corp\n', /sets sso_session/],
  ])('refuses a section that would not use the held keys: %#', (text, why) => {
    expect(() => addHeldLine(text, 'dev', 'roletray-credentials dev', 'config')).toThrow(why);
  });

  it('leaves a section RoleTray created but the user added to', () => {
    const added = addHeldLine('', 'dev', 'roletray-credentials dev', 'config');
    expect(removeHeldLine(`${added.text}region = eu-west-1\n`, 'dev', true)).toBe(
      '[profile dev]\nregion = eu-west-1\n',
    );
  });
});
