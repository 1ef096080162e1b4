import type { HandoffStatus } from '../../shared/handoff-view';
import { RoleTrayError } from '../core/errors';
import { hasSession, noSuchProfile, type UsableProfile } from '../core/profiles/profile-directory';
import type { Sessions } from '../core/sessions/session-manager';
import type { Clock } from '../core/credentials';
import {
  consoleDestination,
  consoleSessionSeconds,
  consoleSigninUrl,
  federationEndpoint,
} from './console-signin';
import { endpointOf, type HandoffUnit } from './handoff-unit';

// The AWS console: a federation sign-in URL for the role's session, opened in the default browser.
// The URL is a key of its own, so it goes nowhere else. The session's key goes to the federation
// endpoint of the STS that issued it: the sandbox's only for a profile whose STS is the sandbox,
// AWS's own (https) for every other, so a real session never reaches a loopback port. The console
// session lasts as long as the role session where AWS allows SessionDuration (IAM Identity Center
// role credentials, roles assumed with long-term keys), AWS's default for chained sessions.

export interface ConsoleHandoffDeps {
  manager: Pick<Sessions, 'credentials' | 'activeSession'>;
  clock: Clock;
  openExternal(url: string): Promise<void>;
  /** The sandbox's `<endpoint>/federation`, when the app runs against the sandbox. */
  federationEndpoint: string | undefined;
  /** What the getSigninToken request goes through; the global fetch when undefined. */
  fetch: typeof fetch | undefined;
}

export class ConsoleHandoff implements HandoffUnit {
  constructor(private readonly deps: ConsoleHandoffDeps) {}

  status(name: string, profile: UsableProfile | undefined): Pick<HandoffStatus, 'console'> {
    const problem = profile ? this.problem(profile) : noSuchProfile(name).message;
    return { console: problem ? { available: false, problem } : { available: true } };
  }

  async open(profile: UsableProfile): Promise<void> {
    const problem = this.problem(profile);
    if (problem || !hasSession(profile))
      throw new RoleTrayError('Validation', problem ?? '', { profile: profile.name });
    const credentials = await this.deps.manager.credentials(profile.name);
    // An IAM Identity Center role's partition is its portal's; only AWS's own is supported there.
    const partition = profile.kind === 'role' ? profile.partition : 'aws';
    const { fetch } = this.deps;
    const session = this.deps.manager.activeSession(profile.name);
    // The session the credentials came from (a renewal in between would be another one).
    const seconds =
      session?.credentials.accessKeyId === credentials.accessKeyId
        ? consoleSessionSeconds(
            { chained: session.chained, expiration: session.credentials.expiration },
            this.deps.clock(),
          )
        : undefined;
    const url = await consoleSigninUrl({
      credentials,
      ...(seconds === undefined ? {} : { sessionDurationSeconds: seconds }),
      endpoint: federationEndpoint(partition, this.sandboxFederation(profile)),
      destination: consoleDestination(partition, profile.region),
      ...(fetch ? { fetch } : {}),
    });
    // The URL signs whoever holds it in: to the browser, never to a log or the renderer.
    await this.deps.openExternal(url);
  }

  private problem(profile: UsableProfile): string | undefined {
    if (!hasSession(profile)) return 'The AWS console needs a role session; long-term keys cannot sign in.';
    const endpoint = endpointOf(profile);
    if (endpoint && !this.sandboxFederation(profile)) {
      return `The console sign-in needs AWS’s own endpoints; ${profile.name} uses ${endpoint}.`;
    }
    return undefined;
  }

  /** The sandbox's federation endpoint if the profile's STS is that sandbox, else undefined. */
  private sandboxFederation(profile: UsableProfile): string | undefined {
    const sandbox = this.deps.federationEndpoint;
    const sts = profile.stsEndpoint;
    return sandbox && sts && sameOrigin(sts, sandbox) ? sandbox : undefined;
  }
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
