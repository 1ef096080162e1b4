import { describe, expect, it } from 'vitest';
import { BUCKET_NAME, s3Uri } from './s3-names';

describe('s3Uri', () => {
  it('joins bucket and key', () => {
    expect(s3Uri('acme', 'a/b')).toBe('s3://acme/a/b');
    expect(s3Uri('acme')).toBe('s3://acme/');
  });
});

describe('BUCKET_NAME', () => {
  it.each(['acme', 'acme-prod-app-data', 'a.b.c', '123', 'a'.repeat(63)])('accepts %j', (name) => {
    expect(BUCKET_NAME.test(name)).toBe(true);
  });

  it.each(['ab', 'a'.repeat(64), 'Acme', '-acme', 'acme-', 'acme.', 'ac_me', 'ac me', ''])(
    'refuses %j',
    (name) => {
      expect(BUCKET_NAME.test(name)).toBe(false);
    },
  );
});
