// Keys RoleTray holds, as the UI sees them: names, short key ids and sentences. The secret key goes
// renderer → main once, in `keys:add` (typed by the user); it never comes back.

/** What an operation on held keys did, in a sentence. */
export interface HeldKeysResult {
  profile: string;
  message: string;
}

/** Where a base profile's keys are, for the actions the UI offers on it. */
export type KeysPlace =
  /** In the credentials file: "Move into RoleTray" (when RoleTray can hold keys here). */
  | 'credentials-file'
  /** In the config file: shown, not moved. */
  | 'config-file'
  /** Held by RoleTray: "Put keys back", "Rotate keys". */
  | 'held'
  /** A credential_process of the user's. */
  | 'process';

export interface HeldKeysInfo {
  /** `AKIA…WXYZ`. */
  keyId: string;
  userArn: string;
  heldSince: number;
  rotatedAt?: number;
  /** A rotation started and did not finish: Rotate finishes it. */
  rotationUnfinished: boolean;
}

/** `AKIA…WXYZ`: enough to tell keys apart, not the whole id. */
export const shortKeyId = (id: string) => (id.length > 8 ? `${id.slice(0, 4)}…${id.slice(-4)}` : id);
