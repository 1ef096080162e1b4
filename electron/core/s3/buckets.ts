import { GetBucketLocationCommand, HeadBucketCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import type { BucketView } from '../../../shared/s3-view';
import type { S3Gateway } from './gateway';

// A session's buckets with region and creation date. ListBuckets gives BucketRegion once any of its
// parameters is set (MaxBuckets here); a bucket still without one is asked GetBucketLocation, and
// stays without a region when that is not allowed. Each region learnt spares later calls a 301.

const PAGE_SIZE = 1000;
const LOCATION_LOOKUPS_AT_ONCE = 4;

/** GetBucketLocation's answer: empty for us-east-1, "EU" for the oldest eu-west-1 buckets. */
export function regionFromLocation(constraint: string | undefined | null): string {
  if (!constraint) return 'us-east-1';
  return constraint === 'EU' ? 'eu-west-1' : constraint;
}

export async function listBuckets(gateway: S3Gateway, profile: string): Promise<BucketView[]> {
  const buckets: BucketView[] = [];
  let token: string | undefined;
  do {
    const page = await gateway.call(
      { action: 'ListBuckets', profile },
      async (client, _credentials, target) => {
        const output = await client.send(
          new ListBucketsCommand({ MaxBuckets: PAGE_SIZE, ...(token ? { ContinuationToken: token } : {}) }),
        );
        for (const bucket of output.Buckets ?? []) {
          if (bucket.Name && bucket.BucketRegion)
            gateway.learnRegion(target, bucket.Name, bucket.BucketRegion);
        }
        return output;
      },
    );
    for (const bucket of page.Buckets ?? []) {
      if (!bucket.Name) continue;
      buckets.push({
        name: bucket.Name,
        ...(bucket.BucketRegion ? { region: bucket.BucketRegion } : {}),
        ...(bucket.CreationDate ? { createdAt: bucket.CreationDate.getTime() } : {}),
      });
    }
    token = page.ContinuationToken;
  } while (token);

  const unknown = buckets.filter((bucket) => bucket.region === undefined);
  for (let i = 0; i < unknown.length; i += LOCATION_LOOKUPS_AT_ONCE) {
    await Promise.all(
      unknown.slice(i, i + LOCATION_LOOKUPS_AT_ONCE).map(async (bucket) => {
        try {
          bucket.region = await gateway.call(
            { action: 'GetBucketLocation', profile, bucket: bucket.name },
            async (client, _credentials, target) => {
              const output = await client.send(new GetBucketLocationCommand({ Bucket: bucket.name }));
              const region = regionFromLocation(output.LocationConstraint);
              gateway.learnRegion(target, bucket.name, region);
              return region;
            },
          );
        } catch {
          // Not allowed (or not answered): the list still shows the bucket, without a region.
        }
      }),
    );
  }
  return buckets;
}

/**
 * Makes sure the bucket's region is known (for what cannot follow a redirect, a presigned URL):
 * HeadBucket answers with it (or its 301 names it), else GetBucketLocation. Neither allowed: the
 * profile's region is the best guess left.
 */
export async function learnBucketRegion(gateway: S3Gateway, profile: string, bucket: string): Promise<void> {
  const target = gateway.sessions.target(profile);
  if (gateway.bucketRegion(target, bucket)) return;
  try {
    await gateway.call({ action: 'HeadBucket', profile, bucket }, (client) =>
      client.send(new HeadBucketCommand({ Bucket: bucket })),
    );
    if (gateway.bucketRegion(target, bucket)) return;
  } catch {
    // Fall through to GetBucketLocation, which needs a different permission.
  }
  try {
    const output = await gateway.call({ action: 'GetBucketLocation', profile, bucket }, (client) =>
      client.send(new GetBucketLocationCommand({ Bucket: bucket })),
    );
    gateway.learnRegion(target, bucket, regionFromLocation(output.LocationConstraint));
  } catch {
    // Neither lookup is allowed.
  }
}
