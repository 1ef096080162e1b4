import { Readable } from 'node:stream';
import {
  ListObjectsV2Command,
  type ListObjectsV2CommandInput,
  type ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3';
import type { DeserializeMiddleware } from '@smithy/types';
import type { S3Gateway } from './gateway';
import { parseListPage, type ListedPage } from './list-page-parser';

// One ListObjectsV2 request, 1,000 keys at most, through the gateway (credentials, region, errors,
// renewal) and the read-only client (signing, retries). A successful answer's body is taken before
// the SDK deserialises it and read by parseListPage instead; errors go through the SDK as ever.

export interface ListTarget {
  profile: string;
  bucket: string;
  prefix: string;
}

export interface ListPageOptions {
  /** "/" lists one folder level (sub-prefixes as folders); without it, the whole tree below. */
  delimiter?: '/';
  startAfter?: string;
  token?: string;
  /** Entries after this key are left out of the page (a range's end). */
  stopAfter?: string;
  /** Fewer than a page's 1,000 keys. */
  maxKeys?: number;
  signal: AbortSignal;
}

const PAGE_SIZE = 1000;
const EMPTY_RESULT = '<ListBucketResult></ListBucketResult>';

/** Sits just inside the SDK's deserialiser: reads a 2xx body into `sink`, hands the SDK an empty one. */
function takeBody(
  sink: (xml: string) => void,
): DeserializeMiddleware<ListObjectsV2CommandInput, ListObjectsV2CommandOutput> {
  return (next) => async (args) => {
    const result = await next(args);
    const response = result.response as { statusCode?: number; body?: unknown };
    if (response.statusCode !== undefined && response.statusCode < 300 && response.body) {
      const chunks: Buffer[] = [];
      for await (const chunk of response.body as AsyncIterable<Buffer>) chunks.push(chunk);
      sink(Buffer.concat(chunks).toString('utf8'));
      response.body = Readable.from([Buffer.from(EMPTY_RESULT)]);
    }
    return result;
  };
}

export function listPage(
  gateway: S3Gateway,
  target: ListTarget,
  options: ListPageOptions,
): Promise<ListedPage> {
  const { profile, bucket, prefix } = target;
  const { delimiter, startAfter, token, stopAfter, maxKeys, signal } = options;
  return gateway.call(
    { action: 'ListObjectsV2', profile, bucket, prefix, renewIfExpired: true },
    async (client) => {
      let xml: string | undefined;
      const command = new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        ...(delimiter ? { Delimiter: delimiter } : {}),
        MaxKeys: maxKeys ?? PAGE_SIZE,
        EncodingType: 'url',
        ...(token ? { ContinuationToken: token } : startAfter ? { StartAfter: startAfter } : {}),
      });
      command.middlewareStack.addRelativeTo(
        takeBody((text) => (xml = text)),
        { relation: 'after', toMiddleware: 'deserializerMiddleware', name: 'roleTrayListPageBody' },
      );
      await client.send(command, { abortSignal: signal });
      return parseListPage(xml ?? EMPTY_RESULT, {
        ...(prefix === '' ? {} : { skipFolderMarker: prefix }),
        ...(stopAfter === undefined ? {} : { stopAfter }),
      });
    },
  );
}
