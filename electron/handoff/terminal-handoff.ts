import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HandoffStatus } from '../../shared/handoff-view';
import type { SessionEvent } from '../../shared/sessions';
import type { Clock } from '../core/credentials';
import { RoleTrayError } from '../core/errors';
import { hasSession, type ProfileDirectory, type UsableProfile } from '../core/profiles/profile-directory';
import type { RoleProfile, SsoProfile } from '../core/profiles/profiles';
import type { Sessions } from '../core/sessions/session-manager';
import { startCredentialServer, type CredentialServer } from './credential-server';
import { configLines, endpointOf, message, type HandoffUnit } from './handoff-unit';
import { signingInWhenNeeded, type SignInOnDemand } from './sign-in-on-demand';

// "Open a terminal": the user's terminal with the local credential server's variables and AWS files
// of its own. While a tool there keeps asking, the role counts as served, and a renewal that needs a
// code asks in the MFA dialog rather than failing the terminal's next call.

export interface TerminalHandoffDeps {
  manager: Pick<Sessions, 'credentials' | 'assume'>;
  /** Which names the credential server answers for. */
  profiles: Pick<ProfileDirectory, 'find'>;
  clock: Clock;
  /** Opens the user's terminal with these variables. */
  openTerminal(env: Record<string, string>): Promise<void>;
  /** Starts the app's IAM Identity Center sign-in when a profile needs one (503 meanwhile). */
  signIn?: SignInOnDemand;
  log: (message: string) => void;
}

/** A terminal whose tools asked nothing for this long is taken as closed. */
const SERVED_IDLE_MS = 2 * 60 * 60 * 1000;

export class TerminalHandoff implements HandoffUnit {
  private server: Promise<CredentialServer> | undefined;
  private dir: Promise<string> | undefined;
  /** Roles a terminal was opened with, and when a tool there last asked. */
  private readonly served = new Map<string, number>();

  private readonly credentials: (profile: string) => ReturnType<Sessions['credentials']>;

  constructor(private readonly deps: TerminalHandoffDeps) {
    this.credentials = signingInWhenNeeded((profile) => deps.manager.credentials(profile), deps.signIn);
  }

  status(name: string, profile: UsableProfile | undefined): Pick<HandoffStatus, 'terminal'> {
    return { terminal: { serving: profile !== undefined && this.inUse(name) } };
  }

  onSessionEvent(event: SessionEvent): void {
    if (event.type === 'expiring' && event.needsMfa && this.inUse(event.profile)) {
      // A terminal is using this role: ask for the code now rather than fail its next call.
      void this.deps.manager.assume(event.profile, { renew: true }).catch((error: unknown) => {
        this.deps.log(`Could not renew ${event.profile} for its terminal: ${String(error)}`);
      });
    }
  }

  async open(profile: UsableProfile): Promise<void> {
    const { name } = profile;
    if (!hasSession(profile)) {
      // The container protocol carries temporary credentials only (Token and Expiration).
      throw new RoleTrayError(
        'Validation',
        `A terminal opened by RoleTray needs a role; ${name} holds keys.`,
        {
          profile: name,
        },
      );
    }
    // The session first: an MFA code (or the sign-in) is asked here, not by the terminal's first command.
    await this.credentials(name);
    const server = await this.credentialServer();
    this.served.set(name, this.deps.clock());
    const env = {
      ...server.envFor(name, profile.region, endpointOf(profile)),
      ...(await this.awsFiles(profile)),
    };
    await this.deps.openTerminal(env).catch((error: unknown) => {
      throw new RoleTrayError('Internal', message(error), { profile: name });
    });
  }

  async close(): Promise<void> {
    const server = await this.server?.catch(() => undefined);
    await server?.close();
    const dir = await this.dir?.catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  }

  private inUse(profile: string): boolean {
    const last = this.served.get(profile);
    return last !== undefined && this.deps.clock() - last < SERVED_IDLE_MS;
  }

  private credentialServer(): Promise<CredentialServer> {
    this.server ??= startCredentialServer({
      credentials: (profile) => {
        if (this.served.has(profile)) this.served.set(profile, this.deps.clock());
        return this.credentials(profile);
      },
      ...(this.deps.signIn ? { waitingFor: this.deps.signIn.waitingFor.bind(this.deps.signIn) } : {}),
      knows: (profile) => hasSession(this.deps.profiles.find(profile)),
      log: this.deps.log,
    }).catch((error: unknown) => {
      // Not kept: the next "Open a terminal" tries again.
      this.server = undefined;
      throw error;
    });
    return this.server;
  }

  /**
   * AWS files of the terminal's own: a [default] profile with keys, or a user's AWS_PROFILE, comes
   * before the container provider in every SDK, so the terminal sees only the role's region and
   * endpoint and no credentials file. Nothing secret is in them.
   */
  private async awsFiles(profile: RoleProfile | SsoProfile): Promise<Record<string, string>> {
    this.dir ??= mkdtemp(join(tmpdir(), 'roletray-terminal-'));
    const dir = await this.dir;
    const config = join(
      dir,
      `${createHash('sha256').update(profile.name).digest('hex').slice(0, 16)}.config`,
    );
    await writeFile(config, ['[default]', ...configLines(profile), ''].join('\n'), { mode: 0o600 });
    const credentials = join(dir, 'credentials');
    await writeFile(credentials, '', { mode: 0o600 });
    return { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials };
  }
}
