import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  IAMClient,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { RoleTrayError } from '../core/errors';
import type { HeldKeyPair } from '../core/held-keys-store';
import { networkCode } from '../core/network-errors';

// The three IAM calls a key rotation makes, each on the caller's own user (no UserName: IAM takes
// the signer's), with the official SDK v3 client. IAM is global: signed for us-east-1 unless the
// profile's endpoint says otherwise.

export interface IamTarget {
  /** Long-term keys: rotation runs only on keys RoleTray holds. */
  credentials: HeldKeyPair;
  endpoint?: string;
  /** For sentences. */
  profile: string;
}

export interface IamAccessKeys {
  create(target: IamTarget): Promise<HeldKeyPair>;
  delete(target: IamTarget, accessKeyId: string): Promise<void>;
  deactivate(target: IamTarget, accessKeyId: string): Promise<void>;
}

type Action = 'CreateAccessKey' | 'DeleteAccessKey' | 'UpdateAccessKey';

export function iamError(error: unknown, action: Action, target: IamTarget): RoleTrayError {
  const { profile } = target;
  const network = networkCode(error);
  const where = target.endpoint ?? 'iam.amazonaws.com';
  if (network) {
    return new RoleTrayError('Network', `Cannot reach IAM at ${where} (${network}); check your connection.`, {
      profile,
    });
  }
  const { name, message } = error as { name?: unknown; message?: unknown };
  const awsCode = typeof name === 'string' ? name : 'Error';
  const awsMessage = typeof message === 'string' ? message : '';
  const aws = { profile, awsCode, awsMessage };
  // SDK v3 names IAM's modelled errors with an Exception suffix (LimitExceededException).
  switch (awsCode.replace(/Exception$/, '')) {
    case 'AccessDenied':
      return new RoleTrayError('AccessDenied', `AWS denied iam:${action} to ${profile}: ${awsMessage}`, aws);
    case 'LimitExceeded':
      return new RoleTrayError(
        'Validation',
        `The IAM user of ${profile} already has two access keys, the most IAM allows: delete the one RoleTray does not hold (in the IAM console), then rotate again.`,
        aws,
      );
    case 'InvalidClientTokenId':
    case 'SignatureDoesNotMatch':
      return new RoleTrayError(
        'InvalidCredentials',
        `AWS does not accept the keys of ${profile} (${awsCode}).`,
        aws,
      );
    default:
      return new RoleTrayError(
        'Internal',
        `iam:${action} for ${profile} failed: ${awsCode}: ${awsMessage}`,
        aws,
      );
  }
}

export function createIamAccessKeys(): IamAccessKeys {
  const client = (target: IamTarget) =>
    new IAMClient({
      region: 'us-east-1',
      credentials: target.credentials,
      ...(target.endpoint ? { endpoint: target.endpoint } : {}),
      maxAttempts: 2,
    });
  async function call<T>(
    action: Action,
    target: IamTarget,
    send: (iam: IAMClient) => Promise<T>,
  ): Promise<T> {
    const iam = client(target);
    try {
      return await send(iam);
    } catch (error) {
      throw iamError(error, action, target);
    } finally {
      iam.destroy();
    }
  }
  return {
    create: (target) =>
      call('CreateAccessKey', target, async (iam) => {
        const { AccessKey: key } = await iam.send(new CreateAccessKeyCommand({}));
        if (!key?.AccessKeyId || !key.SecretAccessKey) throw new Error('IAM answered without a new key');
        return { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
      }),
    delete: (target, accessKeyId) =>
      call('DeleteAccessKey', target, async (iam) => {
        await iam.send(new DeleteAccessKeyCommand({ AccessKeyId: accessKeyId }));
      }),
    deactivate: (target, accessKeyId) =>
      call('UpdateAccessKey', target, async (iam) => {
        await iam.send(new UpdateAccessKeyCommand({ AccessKeyId: accessKeyId, Status: 'Inactive' }));
      }),
  };
}
