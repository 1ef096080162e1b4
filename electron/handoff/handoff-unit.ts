import type { HandoffStatus } from '../../shared/handoff-view';
import type { SessionEvent } from '../../shared/sessions';
import type { UsableProfile } from '../core/profiles/profile-directory';
import type { Profile } from '../core/profiles/profiles';
import type { ActiveSession } from '../core/sessions/session-manager';
import type { HandoffSetting } from './handoff-settings';

// One hand-off of a session to another tool, as the service sees it: each is a file of its own
// that keeps its own state. The service merges their status parts, calls their follow in one
// serialized pass, and closes them; actions (turn on, open, copy) are each unit's own methods.

/** One shared profile, as a sync pass finds it. */
export interface Followed {
  name: string;
  /** The profile as the config has it now; undefined once it is gone from it. */
  profile: Profile | undefined;
  /** Its role session with time left; undefined when there is none, or the profile is gone. */
  session: ActiveSession | undefined;
  /** What the user chose to share for it, as the pass read it. */
  setting: HandoffSetting;
  /** The first pass of this run: copies an earlier run left behind are in no unit's memory. */
  startup: boolean;
}

export interface HandoffUnit {
  /** Its part of the profile's status; `profile` is undefined for one gone from the config. */
  status?(name: string, profile: UsableProfile | undefined): Partial<HandoffStatus>;
  /**
   * Brings its copies in line with the session: written for a new one, rewritten on renewal,
   * removed when it ended or the profile is gone. Called for every profile the user shares, one
   * call at a time, so a unit needs no lock of its own.
   */
  follow?(followed: Followed): Promise<void>;
  /**
   * In the first pass of a run, before any follow: takes back what an earlier run left for profiles
   * that are no longer shared, which no pass follows. `shared` holds the profiles that are.
   */
  sweep?(shared: ReadonlySet<string>): Promise<void>;
  /** A session event, heard before the sync pass it starts (for work that must not wait for it). */
  onSessionEvent?(event: SessionEvent): void;
  /** Stops what it started and removes what it made; after the last pass. */
  close?(): Promise<void>;
}

/** The profile's own endpoint (endpoint_url or the sandbox), or undefined for AWS's. */
export const endpointOf = (profile: UsableProfile) => profile.stsEndpoint ?? profile.s3Endpoint;

/** The ~/.aws/config lines that send a tool to the profile's region and endpoint. */
export const configLines = (profile: UsableProfile) => {
  const endpoint = endpointOf(profile);
  return [
    ...(profile.region ? [`region = ${profile.region}`] : []),
    ...(endpoint ? [`endpoint_url = ${endpoint}`] : []),
  ];
};

export const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
