import { describe, expect, it } from 'vitest';
import { parseS3Address, type ParsedAddress } from './s3-address';

const ok = (
  bucket: string,
  prefix: string,
  extra: { key?: string; region?: string } = {},
): ParsedAddress => ({
  ok: true,
  address: { bucket, prefix, ...extra },
});

describe('parseS3Address', () => {
  it('reads s3:// folders, buckets and objects', () => {
    expect(parseS3Address('s3://acme-prod-app-data/reports/2026/q3/')).toEqual(
      ok('acme-prod-app-data', 'reports/2026/q3/'),
    );
    expect(parseS3Address('  s3://acme-prod-app-data  ')).toEqual(ok('acme-prod-app-data', ''));
    expect(parseS3Address('S3://acme-prod-app-data/')).toEqual(ok('acme-prod-app-data', ''));
    expect(parseS3Address('s3://acme-prod-app-data/config/app.json')).toEqual(
      ok('acme-prod-app-data', 'config/', { key: 'config/app.json' }),
    );
    expect(parseS3Address('s3://acme-prod-app-data/README.txt')).toEqual(
      ok('acme-prod-app-data', '', { key: 'README.txt' }),
    );
  });

  it('keeps unicode, spaces and percent signs of s3:// keys as typed', () => {
    expect(parseS3Address('s3://acme-prod-app-data/docs/naïve café/menu 🍕.txt')).toEqual(
      ok('acme-prod-app-data', 'docs/naïve café/', { key: 'docs/naïve café/menu 🍕.txt' }),
    );
    expect(parseS3Address('s3://b-1/100%/')).toEqual(ok('b-1', '100%/'));
    expect(parseS3Address('s3://b-1/a//b/')).toEqual(ok('b-1', 'a//b/'));
  });

  it('reads console links to a bucket or folder, with their region', () => {
    expect(
      parseS3Address(
        'https://s3.console.aws.amazon.com/s3/buckets/acme-prod-app-data?prefix=reports%2F2026%2Fq3%2F&region=us-east-1',
      ),
    ).toEqual(ok('acme-prod-app-data', 'reports/2026/q3/', { region: 'us-east-1' }));
    expect(
      parseS3Address(
        'https://eu-west-1.console.aws.amazon.com/s3/buckets/acme-prod-eu-archive?region=eu-west-1&bucketType=general&tab=objects',
      ),
    ).toEqual(ok('acme-prod-eu-archive', '', { region: 'eu-west-1' }));
    expect(
      parseS3Address('https://s3.console.aws.amazon.com/s3/buckets/acme-prod-app-data/?region=us-east-1'),
    ).toEqual(ok('acme-prod-app-data', '', { region: 'us-east-1' }));
    expect(
      parseS3Address(
        'https://s3.console.aws.amazon.com/s3/buckets/acme-prod-app-data?prefix=docs/na%C3%AFve+caf%C3%A9/',
      ),
    ).toEqual(ok('acme-prod-app-data', 'docs/naïve café/'));
  });

  it('reads console links to an object', () => {
    expect(
      parseS3Address('https://console.aws.amazon.com/s3/object/acme-prod-app-data?prefix=config/app.json'),
    ).toEqual(ok('acme-prod-app-data', 'config/', { key: 'config/app.json' }));
    expect(
      parseS3Address(
        'https://s3.console.aws.amazon.com/s3/object/acme-prod-app-data?region=us-east-1&bucketType=general&prefix=docs%2FQuarterly+Report+%E2%80%93+Q3.txt',
      ),
    ).toEqual(
      ok('acme-prod-app-data', 'docs/', { key: 'docs/Quarterly Report – Q3.txt', region: 'us-east-1' }),
    );
    expect(parseS3Address('https://console.aws.amazon.com/s3/object/acme-prod-app-data')).toEqual({
      ok: false,
      message: 'That console link names a bucket but no object.',
    });
  });

  it('reads GovCloud and China console hosts', () => {
    expect(
      parseS3Address('https://console.amazonaws-us-gov.com/s3/buckets/gov-bucket?region=us-gov-west-1'),
    ).toEqual(ok('gov-bucket', '', { region: 'us-gov-west-1' }));
  });

  it('reads S3 object ARNs and S3 HTTPS URLs', () => {
    expect(parseS3Address('arn:aws:s3:::acme-prod-app-data/config/app.json')).toEqual(
      ok('acme-prod-app-data', 'config/', { key: 'config/app.json' }),
    );
    expect(parseS3Address('arn:aws:s3:::acme-prod-app-data')).toEqual(ok('acme-prod-app-data', ''));
    expect(parseS3Address('https://acme-prod-app-data.s3.amazonaws.com/docs/a%20b.txt')).toEqual(
      ok('acme-prod-app-data', 'docs/', { key: 'docs/a b.txt' }),
    );
    expect(parseS3Address('https://acme-prod-eu-archive.s3.eu-west-1.amazonaws.com/gdpr/')).toEqual(
      ok('acme-prod-eu-archive', 'gdpr/', { region: 'eu-west-1' }),
    );
    expect(parseS3Address('https://s3.eu-west-1.amazonaws.com/acme-prod-eu-archive/gdpr/')).toEqual(
      ok('acme-prod-eu-archive', 'gdpr/', { region: 'eu-west-1' }),
    );
  });

  it('reads a bare bucket/prefix', () => {
    expect(parseS3Address('acme-prod-event-logs/events/2026/11/')).toEqual(
      ok('acme-prod-event-logs', 'events/2026/11/'),
    );
    expect(parseS3Address('/acme-prod-event-logs')).toEqual(ok('acme-prod-event-logs', ''));
  });

  it('says what is wrong with anything else', () => {
    const message = (input: string) => {
      const parsed = parseS3Address(input);
      return parsed.ok ? undefined : parsed.message;
    };
    expect(message('')).toMatch(/^Type an address/);
    expect(message('s3://')).toMatch(/names no bucket/);
    expect(message('s3://Not_A_Bucket/x/')).toMatch(/“Not_A_Bucket” is not an S3 bucket name/);
    expect(message('https://example.com/a/b')).toBe(
      'RoleTray opens s3:// addresses and S3 console links; example.com is neither.',
    );
    expect(message('https://s3.console.aws.amazon.com/s3/home?region=us-east-1')).toMatch(
      /does not point into a bucket/,
    );
    expect(message('ftp:thing')).toMatch(/not ftp: ones/);
    expect(message('https://a.s3.amazonaws.com/%E0%A4%A')).toMatch(/percent-encoded/);
  });
});
