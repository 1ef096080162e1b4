import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
  type Credentials as StsCredentials,
} from '@aws-sdk/client-sts';
import type { Identity } from '../../../shared/sessions';
import { ClientCache, credentialsKey } from '../client-cache';
import type { AwsCredentials, Clock } from '../credentials';
import { DEFAULT_REGION } from '../regions';
import { stsError, type StsCallContext } from './sts-errors';

// The three STS calls the core makes, with the official SDK v3 client, answering in the core's
// own credential type and typed errors.

export interface StsTarget {
  credentials: AwsCredentials;
  /** Custom endpoint (the sandbox, a VPC endpoint); undefined for AWS's regional endpoint. */
  endpoint?: string;
  region: string;
  /** For error messages: the profile this call is made for. */
  profile: string;
}

/** Where a profile's STS calls go: its region (or the default) and its endpoint, if it names one. */
export function stsTargetOf(
  profile: { region?: string; stsEndpoint?: string },
  name: string,
): Omit<StsTarget, 'credentials'> {
  return {
    region: profile.region ?? DEFAULT_REGION,
    ...(profile.stsEndpoint ? { endpoint: profile.stsEndpoint } : {}),
    profile: name,
  };
}

export interface AssumeRoleInput extends StsTarget {
  roleArn: string;
  sessionName: string;
  durationSeconds: number;
  externalId?: string;
  mfa?: { serial: string; code: string };
}

export interface AssumedRole {
  credentials: AwsCredentials & { expiration: number };
  assumedRoleArn: string;
  assumedRoleId: string;
}

export interface WebIdentityInput extends Omit<StsTarget, 'credentials'> {
  roleArn: string;
  sessionName: string;
  /** The token file's content: the call is not signed, the token is the proof. */
  webIdentityToken: string;
  /** Where the token came from, for messages. */
  tokenFile: string;
  durationSeconds: number;
}

export interface StsGateway {
  assumeRole(input: AssumeRoleInput): Promise<AssumedRole>;
  assumeRoleWithWebIdentity(input: WebIdentityInput): Promise<AssumedRole>;
  getSessionToken(
    input: StsTarget & { durationSeconds: number; mfa?: { serial: string; code: string } },
  ): Promise<AwsCredentials & { expiration: number }>;
  getCallerIdentity(input: StsTarget): Promise<Identity>;
}

function fromSts(credentials: StsCredentials | undefined): AwsCredentials & { expiration: number } {
  if (
    !credentials?.AccessKeyId ||
    !credentials.SecretAccessKey ||
    !credentials.SessionToken ||
    !credentials.Expiration
  ) {
    throw new Error('STS answered without complete credentials');
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    expiration: credentials.Expiration.getTime(),
  };
}

const CLIENT_CACHE_SIZE = 32;

/** Where a call goes and, unless it is unsigned, what signs it. */
type CallTarget = Omit<StsTarget, 'credentials'> & { credentials?: AwsCredentials };

const keysOnly = ({ accessKeyId, secretAccessKey, sessionToken }: AwsCredentials) => ({
  accessKeyId,
  secretAccessKey,
  ...(sessionToken ? { sessionToken } : {}),
});

export function createStsGateway(options: { clock: Clock; maxAttempts?: number }): StsGateway {
  const clients = new ClientCache<STSClient>(CLIENT_CACHE_SIZE, (sts) => sts.destroy());

  /** A client signing with the target's credentials; without them, for unsigned calls only. */
  function client(target: CallTarget): STSClient {
    const signing = target.credentials;
    const key = [target.endpoint ?? '', target.region, signing ? credentialsKey(signing) : ''].join('\n');
    const sts = clients.get(
      key,
      () =>
        new STSClient({
          region: target.region,
          ...(target.endpoint ? { endpoint: target.endpoint } : {}),
          ...(signing ? { credentials: keysOnly(signing) } : {}),
          maxAttempts: options.maxAttempts ?? 3,
        }),
    );
    // Sign with the core's clock, which tests move together with the sandbox's.
    sts.config.systemClockOffset = options.clock() - Date.now();
    return sts;
  }

  async function call<T>(
    target: CallTarget,
    context: Omit<StsCallContext, 'profile' | 'endpoint'>,
    work: (sts: STSClient) => Promise<T>,
  ): Promise<T> {
    try {
      return await work(client(target));
    } catch (error) {
      throw stsError(error, {
        ...context,
        profile: target.profile,
        endpoint: target.endpoint ?? `sts.${target.region}.amazonaws.com`,
      });
    }
  }

  return {
    assumeRole: (input) =>
      call(
        input,
        {
          action: 'AssumeRole',
          roleArn: input.roleArn,
          ...(input.mfa ? { mfaSerial: input.mfa.serial } : {}),
        },
        async (sts) => {
          const output = await sts.send(
            new AssumeRoleCommand({
              RoleArn: input.roleArn,
              RoleSessionName: input.sessionName,
              DurationSeconds: input.durationSeconds,
              ...(input.externalId ? { ExternalId: input.externalId } : {}),
              ...(input.mfa ? { SerialNumber: input.mfa.serial, TokenCode: input.mfa.code } : {}),
            }),
          );
          return {
            credentials: fromSts(output.Credentials),
            assumedRoleArn: output.AssumedRoleUser?.Arn ?? '',
            assumedRoleId: output.AssumedRoleUser?.AssumedRoleId ?? '',
          };
        },
      ),
    assumeRoleWithWebIdentity: (input) =>
      call(
        input,
        { action: 'AssumeRoleWithWebIdentity', roleArn: input.roleArn, tokenFile: input.tokenFile },
        async (sts) => {
          const output = await sts.send(
            new AssumeRoleWithWebIdentityCommand({
              RoleArn: input.roleArn,
              RoleSessionName: input.sessionName,
              WebIdentityToken: input.webIdentityToken,
              DurationSeconds: input.durationSeconds,
            }),
          );
          return {
            credentials: fromSts(output.Credentials),
            assumedRoleArn: output.AssumedRoleUser?.Arn ?? '',
            assumedRoleId: output.AssumedRoleUser?.AssumedRoleId ?? '',
          };
        },
      ),
    getSessionToken: (input) =>
      call(
        input,
        { action: 'GetSessionToken', ...(input.mfa ? { mfaSerial: input.mfa.serial } : {}) },
        async (sts) => {
          const output = await sts.send(
            new GetSessionTokenCommand({
              DurationSeconds: input.durationSeconds,
              ...(input.mfa ? { SerialNumber: input.mfa.serial, TokenCode: input.mfa.code } : {}),
            }),
          );
          return fromSts(output.Credentials);
        },
      ),
    getCallerIdentity: (input) =>
      call(input, { action: 'GetCallerIdentity' }, async (sts) => {
        const output = await sts.send(new GetCallerIdentityCommand({}));
        return { account: output.Account ?? '', arn: output.Arn ?? '', userId: output.UserId ?? '' };
      }),
  };
}
