import { performance } from 'node:perf_hooks';
import { ListObjectsV2Command, type ListObjectsV2CommandInput, type S3Client } from '@aws-sdk/client-s3';

// The baseline the S3 benchmarks measure against: a bare SDK v3 ListObjectsV2 loop, one page after
// another with one reused client, rows counted and nothing else done with them.

export async function bareListing(client: S3Client, input: ListObjectsV2CommandInput) {
  const t0 = performance.now();
  let rows = 0;
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ ...input, ContinuationToken: token }));
    rows += (page.Contents?.length ?? 0) + (page.CommonPrefixes?.length ?? 0);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return { ms: performance.now() - t0, rows };
}
