import type { ShellKind } from '../../shared/handoff-view';
import type { UsableProfile } from '../core/profiles/profile-directory';
import type { Sessions } from '../core/sessions/session-manager';
import { exportLines, sessionEnv } from './env-export';
import { endpointOf } from './handoff-unit';
import type { SecretClipboard } from './secret-clipboard';

// Shell variables on the clipboard: a copy the user pastes, taken off the clipboard again after a
// while if it is still there (secret-clipboard.ts); there is no status to give or follow.

export interface EnvHandoffDeps {
  manager: Pick<Sessions, 'credentials'>;
  clipboard: SecretClipboard;
}

export class EnvHandoff {
  constructor(private readonly deps: EnvHandoffDeps) {}

  /** Resolves with how many ms the copy stays on the clipboard, or undefined (until replaced). */
  async copy(profile: UsableProfile, shell: ShellKind): Promise<number | undefined> {
    const credentials = await this.deps.manager.credentials(profile.name);
    const variables = sessionEnv(credentials, profile.region);
    const endpoint = endpointOf(profile);
    if (endpoint) variables.push(['AWS_ENDPOINT_URL', endpoint]);
    return this.deps.clipboard.copy(exportLines(shell, variables));
  }
}
