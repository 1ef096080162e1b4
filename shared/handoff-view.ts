// What the UI may know about handing a session to other tools: paths, names and on/off states.
// Never a key, a token, the helper's socket token or the credential server's token.

export type ShellKind = 'sh' | 'fish' | 'powershell';

export interface HandoffStatus {
  profile: string;
  /** A `~/.aws/config` block that gets this profile's session from the running app. */
  configBlock: string;
  /** The profile name the block defines. */
  configProfile: string;
  /** Whether the app's credentials socket is up; why not, when it is not. */
  helper: { running: boolean; problem?: string };
  /** The session is written where AWS CLI v2 looks for it (`aws --profile <profile>`). */
  cliCache: { enabled: boolean; available: boolean; problem?: string };
  /**
   * The session is written into the shared credentials file under `profileName`; `notice` says what
   * RoleTray did to the file itself (made it 0600 before putting keys in it).
   */
  credentialsFile: { file: string; profileName?: string; problem?: string; notice?: string };
  /** A terminal opened with this role is being served by the local credential server. */
  terminal: { serving: boolean };
  /** Whether the console can be opened as this profile; why not, when it cannot. */
  console: { available: boolean; problem?: string };
}
