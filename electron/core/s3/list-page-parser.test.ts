import { describe, expect, it } from 'vitest';
import { parseListPage } from './list-page-parser';

// The ListObjectsV2 reader, on answers written as S3 writes them.

const page = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${body}</ListBucketResult>`;
const object = (key: string, etag = '&quot;0cc175b9c0f1b6a831c399e269772661&quot;') =>
  `<Contents><Key>${key}</Key><LastModified>2026-11-20T00:00:00.000Z</LastModified><ETag>${etag}</ETag>` +
  `<ChecksumAlgorithm>CRC32</ChecksumAlgorithm><Size>42</Size><Owner><ID>x</ID></Owner><StorageClass>GLACIER</StorageClass></Contents>`;

describe('parseListPage', () => {
  it('reads objects and folders (folders first), URL-decoded and unescaped, with truncation and token', () => {
    const xml = page(
      `<Name>b</Name><Prefix>p%2F</Prefix><NextContinuationToken>a&amp;b</NextContinuationToken><KeyCount>3</KeyCount>` +
        `<IsTruncated>true</IsTruncated>${object('p/caf%C3%A9+menu%F0%9F%8D%95.txt')}${object('p/a%26b%3Cc', '&quot;x&amp;y&quot;')}` +
        `<CommonPrefixes><Prefix>p/sub/</Prefix></CommonPrefixes>`,
    );
    expect(parseListPage(xml)).toEqual({
      entries: [
        { kind: 'folder', prefix: 'p/sub/' },
        {
          kind: 'object',
          key: 'p/café menu🍕.txt',
          size: 42,
          lastModified: Date.parse('2026-11-20T00:00:00.000Z'),
          storageClass: 'GLACIER',
          etag: '0cc175b9c0f1b6a831c399e269772661',
        },
        expect.objectContaining({ key: 'p/a&b<c', etag: 'x&y' }),
      ],
      isTruncated: true,
      nextToken: 'a&b',
      first: 'p/a&b<c',
      last: 'p/sub/',
      overshot: false,
    });
  });

  it('leaves out the folder marker and what lies past stopAfter, objects and folders alike', () => {
    const xml = page(
      `<IsTruncated>false</IsTruncated>${object('p/')}${object('p/a')}${object('p/c')}` +
        `<CommonPrefixes><Prefix>p/b/</Prefix></CommonPrefixes><CommonPrefixes><Prefix>p/d/</Prefix></CommonPrefixes>`,
    );
    const parsed = parseListPage(xml, { skipFolderMarker: 'p/', stopAfter: 'p/b/x' });
    expect(parsed.entries.map((entry) => (entry.kind === 'folder' ? entry.prefix : entry.key))).toEqual([
      'p/b/',
      'p/a',
    ]);
    expect(parsed).toMatchObject({ overshot: true, isTruncated: false, nextToken: undefined, last: 'p/d/' });
  });
});
