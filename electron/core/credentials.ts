/** AWS credentials as the core passes them around main. They never leave the main process. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Epoch milliseconds; absent for long-term keys. */
  expiration?: number;
}

/** Milliseconds since the epoch; injected so tests can move time. */
export type Clock = () => number;
