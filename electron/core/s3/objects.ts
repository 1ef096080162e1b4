import { HeadObjectCommand } from '@aws-sdk/client-s3';
import type { ObjectDetails } from '../../../shared/s3-view';
import { s3Uri } from '../../../shared/s3-names';
import type { S3Gateway } from './gateway';

// One object's details from HeadObject: what the details pane shows and what it lets the user copy
// (S3 URI, ARN, key). A HEAD reads no content, so it works on archived objects too.

export interface ObjectRequest {
  profile: string;
  bucket: string;
  key: string;
}

export const objectArn = (partition: string, bucket: string, key: string) =>
  `arn:${partition}:s3:::${bucket}/${key}`;

export async function headObject(gateway: S3Gateway, request: ObjectRequest): Promise<ObjectDetails> {
  const { profile, bucket, key } = request;
  return gateway.call(
    { action: 'HeadObject', profile, bucket, key },
    async (client, _credentials, target) => {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      const encryption = head.ServerSideEncryption
        ? `${head.ServerSideEncryption}${head.SSEKMSKeyId ? ` (${head.SSEKMSKeyId})` : ''}`
        : undefined;
      return {
        bucket,
        key,
        size: head.ContentLength ?? 0,
        lastModified: head.LastModified?.getTime() ?? 0,
        ...(head.ContentType ? { contentType: head.ContentType } : {}),
        ...(head.ETag ? { etag: head.ETag.replace(/^"|"$/g, '') } : {}),
        ...(head.VersionId ? { versionId: head.VersionId } : {}),
        // S3 leaves the header out for STANDARD.
        storageClass: head.StorageClass ?? 'STANDARD',
        ...(encryption ? { serverSideEncryption: encryption } : {}),
        metadata: { ...head.Metadata },
        s3Uri: s3Uri(bucket, key),
        arn: objectArn(target.partition, bucket, key),
      };
    },
  );
}
