// IAM Identity Center as the UI sees it: which sign-ins there are and whether they hold. Never a
// token: the access and refresh tokens stay in main and the AWS CLI's cache file.

export type SignInMethod = 'browser' | 'device';

export interface IdentityCenterStatus {
  /** The sign-in's name (the AWS CLI's token cache key): the sso-session's name, or the start URL. */
  instance: string;
  startUrl: string;
  signedIn: boolean;
  /** Epoch milliseconds the access token lasts until (it is refreshed before then when it can be). */
  expiresAt?: number;
  /** Whether RoleTray can refresh the sign-in without the user (a refresh token). */
  refreshable?: boolean;
  /** A sign-in is waiting for the browser or a device code. */
  signingIn: boolean;
  /** The token file is there but holds no token: the sentence naming it. */
  problem?: string;
}

/** A device code waiting for the user: shown large, with the page to enter it on. */
export interface DeviceCodeView {
  instance: string;
  startUrl: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}
