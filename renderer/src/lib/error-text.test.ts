import { describe, expect, it } from 'vitest';
import { errorSentence, isQuietError, unreachable } from './error-text';

describe('errorSentence', () => {
  it("shows the core's sentence as it is", () => {
    const message =
      "Sam-Contractor is not allowed to assume DevReadOnly-CrossAccount. AWS answers the same whether the caller's policy, the role's trust policy or an MFA condition refused.";
    expect(
      errorSentence({ kind: 'AccessDenied', message, awsCode: 'AccessDenied', awsMessage: 'User: arn:…' }),
    ).toBe(message);
  });

  it('adds the file and line of a config error when the sentence lacks them', () => {
    expect(
      errorSentence({
        kind: 'ConfigError',
        message: 'A section has no name.',
        file: '/h/.aws/config',
        line: 7,
      }),
    ).toBe('A section has no name (in /h/.aws/config at line 7).');
    expect(
      errorSentence({
        kind: 'ConfigError',
        message: '~/.aws/config line 7: a key outside any section.',
        file: '/h/.aws/config',
        line: 7,
      }),
    ).toBe('~/.aws/config line 7: a key outside any section.');
    expect(
      errorSentence({
        kind: 'ConfigError',
        message: 'RoleTray cannot read /h/.aws/config: EACCES.',
        file: '/h/.aws/config',
      }),
    ).toBe('RoleTray cannot read /h/.aws/config: EACCES.');
  });

  it('falls back to a sentence per kind when the message is empty', () => {
    expect(errorSentence({ kind: 'Network', message: ' ' })).toBe(
      'AWS could not be reached; check your connection.',
    );
  });
});

describe('isQuietError', () => {
  it('keeps a cancelled MFA prompt quiet, and nothing else', () => {
    expect(isQuietError({ kind: 'MfaCancelled', message: 'cancelled' })).toBe(true);
    expect(isQuietError({ kind: 'MfaInvalid', message: 'wrong' })).toBe(false);
  });
});

describe('unreachable', () => {
  it('says what could not be done', () => {
    expect(unreachable('assume prod').message).toMatch(
      /^RoleTray's window could not reach the app to assume prod\./,
    );
  });
});
