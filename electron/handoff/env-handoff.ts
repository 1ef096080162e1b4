import type { ShellKind } from '../../shared/handoff-view';
import type { UsableProfile } from '../core/profiles/profile-directory';
import type { Sessions } from '../core/sessions/session-manager';
import { exportLines, sessionEnv } from './env-export';
import { endpointOf } from './handoff-unit';

// Shell variables on the clipboard: a copy the user pastes and RoleTray cannot take back, so this
// hand-off is an action only, with no status to give and nothing to follow or close.

export interface EnvHandoffDeps {
  manager: Pick<Sessions, 'credentials'>;
  writeClipboard(text: string): Promise<void>;
}

export class EnvHandoff {
  constructor(private readonly deps: EnvHandoffDeps) {}

  async copy(profile: UsableProfile, shell: ShellKind): Promise<void> {
    const credentials = await this.deps.manager.credentials(profile.name);
    const variables = sessionEnv(credentials, profile.region);
    const endpoint = endpointOf(profile);
    if (endpoint) variables.push(['AWS_ENDPOINT_URL', endpoint]);
    await this.deps.writeClipboard(exportLines(shell, variables));
  }
}
