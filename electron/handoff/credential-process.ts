import type { AwsCredentials } from '../core/credentials';

// The JSON a `credential_process` prints, as the AWS CLI and SDKs read it (Version 1). Expiration is
// ISO 8601 so they know when to ask again; long-term keys go without one, which they cache forever.

export interface CredentialProcessOutput {
  Version: 1;
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken?: string;
  Expiration?: string;
}

export function credentialProcessOutput(credentials: AwsCredentials): CredentialProcessOutput {
  return {
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { SessionToken: credentials.sessionToken } : {}),
    ...(credentials.expiration !== undefined
      ? { Expiration: new Date(credentials.expiration).toISOString() }
      : {}),
  };
}
