import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PresignedUrl } from '../../../shared/s3-view';
import { RoleTrayError } from '../errors';
import { learnBucketRegion } from './buckets';
import { PRESIGN_COMMANDS } from './client';
import type { S3Gateway } from './gateway';
import type { ObjectRequest } from './objects';

// A presigned GET for one object, signed in main with the session's credentials. Only GetObject can
// be presigned: the client used here allows nothing else, so not even a presigned write can be made.
// A URL signed with a session stops working when the session ends, so its lifetime is clamped to
// what the session has left (and SigV4's 7 days), and the answer says so.

export const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

export interface PresignRequest extends ObjectRequest {
  expiresInSeconds: number;
}

/** "7 days", "1 h 5 min", "42 min", "30 s". */
export function duration(seconds: number): string {
  if (seconds >= 86400 && seconds % 86400 === 0)
    return `${seconds / 86400} day${seconds === 86400 ? '' : 's'}`;
  if (seconds < 60) return `${seconds} s`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

export async function presignGetObject(gateway: S3Gateway, request: PresignRequest): Promise<PresignedUrl> {
  const { profile, bucket, key, expiresInSeconds } = request;
  // The URL is signed for one region and cannot follow a redirect itself.
  await learnBucketRegion(gateway, profile, bucket);
  return gateway.call(
    { action: 'GetObject', profile, bucket, key, allowed: PRESIGN_COMMANDS },
    async (client, credentials) => {
      const now = gateway.now();
      const left =
        credentials.expiration === undefined ? Infinity : Math.floor((credentials.expiration - now) / 1000);
      if (left < 1) {
        throw new RoleTrayError(
          'Expired',
          `The session for ${profile} has expired; renew it to share a link.`,
          {
            profile,
          },
        );
      }
      const expiresIn = Math.min(expiresInSeconds, left, MAX_PRESIGN_SECONDS);
      const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), {
        expiresIn,
        signingDate: new Date(now),
      });
      const note =
        expiresIn < expiresInSeconds
          ? left <= MAX_PRESIGN_SECONDS
            ? `The session for ${profile} ends in ${duration(left)}, so the link works for that long rather than ${duration(expiresInSeconds)}.`
            : `A presigned link works for at most ${duration(MAX_PRESIGN_SECONDS)}.`
          : undefined;
      return { url, expiresAt: now + expiresIn * 1000, ...(note ? { note } : {}) };
    },
  );
}
