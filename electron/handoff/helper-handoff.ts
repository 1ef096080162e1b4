import type { HandoffStatus } from '../../shared/handoff-view';
import type { UsableProfile } from '../core/profiles/profile-directory';
import type { Sessions } from '../core/sessions/session-manager';
import { startCredentialsSocket, waitingSentence, type CredentialsSocket } from './credentials-socket';
import type { HandoffPaths } from './handoff-paths';
import { configLines, message, type HandoffUnit } from './handoff-unit';
import { signingInWhenNeeded, type SignInOnDemand } from './sign-in-on-demand';

// `credential_process = roletray-credentials PROFILE`: the socket the helper asks, and the
// `[profile roletray-X]` block the user pastes into ~/.aws/config. Nothing is written per session:
// the helper asks each time, so there is nothing to follow.

export interface HelperHandoffDeps {
  manager: Pick<Sessions, 'credentials'>;
  /** The credentials socket's place; without it `roletray-credentials` has nothing to talk to. */
  paths: HandoffPaths | undefined;
  /** The words that run roletray-credentials (`node /…/roletray-credentials.mjs`). */
  command: readonly string[];
  /** The MFA prompts open now, so a waiting helper can say which device's code it waits for. */
  openPrompts?: () => readonly { profile: string; serial: string }[];
  /** Starts the app's IAM Identity Center sign-in when a profile needs one, while the helper waits. */
  signIn?: SignInOnDemand;
  log: (message: string) => void;
}

export class HelperHandoff implements HandoffUnit {
  private socket?: CredentialsSocket;
  private problem?: string;

  constructor(private readonly deps: HelperHandoffDeps) {}

  /** Starts the socket; a failure is kept as the sentence the status gives. */
  async start(): Promise<void> {
    const { paths, manager, signIn, log } = this.deps;
    if (!paths) {
      this.problem = 'This RoleTray was started without its credentials socket.';
      return;
    }
    try {
      this.socket = await startCredentialsSocket({
        paths,
        credentials: signingInWhenNeeded((profile) => manager.credentials(profile), signIn),
        waitingFor: (profile) =>
          signIn?.waitingFor(profile) ?? waitingSentence(profile, this.deps.openPrompts?.() ?? []),
        log,
      });
    } catch (error) {
      this.problem = message(error);
      log(`roletray-credentials will not work: ${this.problem}`);
    }
  }

  status(
    name: string,
    profile: UsableProfile | undefined,
  ): Pick<HandoffStatus, 'configProfile' | 'configBlock' | 'helper'> {
    const configProfile = `roletray-${name}`;
    return {
      configProfile,
      configBlock: profile ? this.configBlock(profile, configProfile) : '',
      helper: this.socket ? { running: true } : { running: false, problem: this.problem ?? '' },
    };
  }

  async close(): Promise<void> {
    await this.socket?.close();
  }

  /** The credential_process value that asks this app for `profile`'s credentials. */
  credentialProcessLine(profile: string): string {
    // The socket's folder is named on the line: a CLI started from cron, ssh or an IDE may not see
    // the XDG_RUNTIME_DIR the app saw. (Windows pipes are named after the user, found anywhere.)
    const { paths } = this.deps;
    const where = paths && !paths.socket.startsWith('\\\\.\\pipe\\') ? ['--handoff-dir', paths.dir] : [];
    return [...this.deps.command, ...where, profile].map(shellWord).join(' ');
  }

  private configBlock(profile: UsableProfile, configProfile: string): string {
    return [
      `[profile ${configProfile}]`,
      `credential_process = ${this.credentialProcessLine(profile.name)}`,
      ...configLines(profile),
      '',
    ].join('\n');
  }
}

/** credential_process is split like a shell line: quote words with spaces. */
const shellWord = (word: string) =>
  /^[\w@%+=:,./-]+$/.test(word) ? word : `"${word.replace(/(["\\])/g, '\\$1')}"`;
