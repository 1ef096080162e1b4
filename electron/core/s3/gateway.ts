import { ClientCache, credentialsKey } from '../client-cache';
import type { AwsCredentials, Clock } from '../credentials';
import { isRoleTrayError, RoleTrayError } from '../errors';
import { READ_COMMANDS, ReadOnlyS3Client } from './client';
import { s3Error, type S3CallContext } from './errors';
import type { S3Sessions, S3Target } from './sessions';

// Every S3 call of the browser goes through here: the profile's credentials and endpoint, a
// read-only client for the bucket's region (learnt from ListBuckets, HeadBucket or a redirect, so
// only the first call to a bucket elsewhere pays the 301), errors as sentences, and for work under
// way one renewal when the session expires in the middle of it.

export interface S3Call extends Omit<S3CallContext, 'endpoint'> {
  /** Renew and retry once when the session has expired (long-running work only). */
  renewIfExpired?: boolean;
  /** Which commands the client may send; READ_COMMANDS unless presigning. */
  allowed?: readonly string[];
}

export interface S3Use<T> {
  (client: ReadOnlyS3Client, credentials: AwsCredentials, target: S3Target): Promise<T>;
}

/** Clients kept per endpoint, region, allowlist and key: building one costs more than a call. */
const CLIENT_CACHE_SIZE = 32;

const isAbort = (error: unknown) => (error as { name?: unknown } | undefined)?.name === 'AbortError';

export class S3Gateway {
  private readonly retired: ReadOnlyS3Client[] = [];
  private readonly clients = new ClientCache<ReadOnlyS3Client>(CLIENT_CACHE_SIZE, (oldest) => {
    // Not destroyed at once: a download may still stream through its sockets.
    this.retired.push(oldest);
    if (this.retired.length > CLIENT_CACHE_SIZE) this.retired.shift()!.destroy();
  });
  private readonly regions = new Map<string, string>();

  constructor(
    readonly sessions: S3Sessions,
    private readonly clock: Clock,
  ) {}

  now(): number {
    return this.clock();
  }

  /** The bucket's region if S3 has told us, else undefined. */
  bucketRegion(target: S3Target, bucket: string): string | undefined {
    return this.regions.get(`${target.endpoint ?? ''}\n${bucket}`);
  }

  learnRegion(target: S3Target, bucket: string, region: string): void {
    this.regions.set(`${target.endpoint ?? ''}\n${bucket}`, region);
  }

  async call<T>(request: S3Call, use: S3Use<T>): Promise<T> {
    const target = this.sessions.target(request.profile);
    const context: S3CallContext = {
      ...request,
      endpoint: target.endpoint ?? `https://s3.${target.region}.amazonaws.com`,
    };
    let credentials: AwsCredentials;
    try {
      credentials = await this.sessions.credentials(request.profile);
    } catch (error) {
      if (!request.renewIfExpired || !isRoleTrayError(error, 'Expired')) throw error;
      credentials = await this.sessions.renew(request.profile);
    }
    try {
      return await this.attempt(request, target, credentials, context, use);
    } catch (error) {
      if (!request.renewIfExpired || !isRoleTrayError(error, 'Expired')) throw error;
      const renewed = await this.sessions.renew(request.profile, credentials);
      return this.attempt(request, target, renewed, context, use);
    }
  }

  private async attempt<T>(
    request: S3Call,
    target: S3Target,
    credentials: AwsCredentials,
    context: S3CallContext,
    use: S3Use<T>,
  ): Promise<T> {
    const region = (request.bucket && this.bucketRegion(target, request.bucket)) ?? target.region;
    try {
      return await use(this.client(target, region, credentials, request.allowed), credentials, target);
    } catch (error) {
      if (isAbort(error)) throw error;
      // A HEAD refused for an expired token has no body to say so; the clock does.
      const lapsed = credentials.expiration !== undefined && credentials.expiration <= this.clock();
      if (lapsed && !(error instanceof RoleTrayError)) {
        throw new RoleTrayError(
          'Expired',
          `The session for ${request.profile} has expired; renew it to keep browsing.`,
          { profile: request.profile },
        );
      }
      throw s3Error(error, context);
    }
  }

  private client(
    target: S3Target,
    region: string,
    credentials: AwsCredentials,
    allowed: readonly string[] = READ_COMMANDS,
  ): ReadOnlyS3Client {
    const key = [target.endpoint ?? '', region, allowed.join(','), credentialsKey(credentials)].join('\n');
    const client = this.clients.get(
      key,
      () =>
        new ReadOnlyS3Client({
          region,
          ...(target.endpoint ? { endpoint: target.endpoint } : {}),
          credentials,
          allowed,
          onBucketRegion: (bucket, learnt) => this.learnRegion(target, bucket, learnt),
        }),
    );
    // Sign with the core's clock, which tests move together with the sandbox's.
    client.config.systemClockOffset = this.clock() - Date.now();
    return client;
  }

  close(): void {
    this.clients.drain((client) => client.destroy());
    for (const client of this.retired.splice(0)) client.destroy();
  }
}
