import type { HandoffStatus } from '../../shared/handoff-view';
import type { Clock } from '../core/credentials';
import { RoleTrayError } from '../core/errors';
import { configPaths } from '../core/profiles/aws-file-paths';
import type { UsableProfile } from '../core/profiles/profile-directory';
import type { ProfileSources } from '../core/profiles/profiles';
import type { ActiveSession, Sessions } from '../core/sessions/session-manager';
import {
  removeCredentialsProfile,
  sweepCredentialsTempFiles,
  writeCredentialsProfile,
} from './credentials-file';
import { CredentialsFileRefusal } from './credentials-file-refusal';
import type { HandoffSettings } from './handoff-settings';
import { message, type Followed, type HandoffUnit } from './handoff-unit';

// The shared credentials file (opt-in per role): the session under a section RoleTray marks as its
// own, rewritten on renewal and removed when the session ends or the role leaves the config.
// credentials-file.ts keeps every other byte and never touches a section without the marker.

export interface CredentialsFileHandoffDeps {
  manager: Pick<Sessions, 'activeSession'>;
  settings: HandoffSettings;
  sources: ProfileSources;
  clock: Clock;
  log: (message: string) => void;
}

export class CredentialsFileHandoff implements HandoffUnit {
  /** The session written per role, and the section it went under. */
  private readonly written = new Map<string, { accessKeyId: string; section: string }>();
  private readonly problems = new Map<string, string>();
  /** What the writer did to the file itself (made it 0600), shown to every role that writes to it. */
  private notice: string | undefined;

  constructor(private readonly deps: CredentialsFileHandoffDeps) {}

  status(name: string, profile: UsableProfile | undefined): Pick<HandoffStatus, 'credentialsFile'> {
    const section = profile ? this.deps.settings.get(name).credentialsProfile : undefined;
    const problem = profile ? this.problems.get(name) : undefined;
    return {
      credentialsFile: {
        file: this.file(),
        ...(section ? { profileName: section } : {}),
        ...(problem ? { problem } : {}),
        ...(section && this.notice ? { notice: this.notice } : {}),
      },
    };
  }

  /**
   * Moves the role's section to `section`, or off with null: checked, written and saved in one step
   * the caller runs between passes, so two quick changes cannot both claim a section.
   */
  async choose(name: string, section: string | null): Promise<void> {
    const { settings } = this.deps;
    const owner = section ? settings.sectionOwner(section, name) : undefined;
    if (section && owner) {
      throw new RoleTrayError(
        'Validation',
        `RoleTray already writes [${section}] for ${owner}; choose another name.`,
        {
          profile: name,
        },
      );
    }
    const previous = settings.get(name).credentialsProfile;
    if (previous && previous !== section) await this.remove(name, previous);
    // Written now when there is a session, so a foreign [section] is refused before it is saved.
    const session = section ? this.deps.manager.activeSession(name) : undefined;
    if (section && session) await this.write(name, section, session, true);
    settings.choose(name, 'credentialsProfile', section ?? undefined);
    this.problems.delete(name);
  }

  /** Before the first pass: temp files a killed run left beside the file may hold a secret key. */
  async start(): Promise<void> {
    const file = this.file();
    try {
      const removed = await sweepCredentialsTempFiles(file);
      if (removed.length > 0) {
        this.deps.log(`Removed ${removed.length} temp file(s) an interrupted write left beside ${file}.`);
      }
    } catch (error) {
      this.deps.log(
        `Could not remove temp files an interrupted write left beside ${file}: ${message(error)}`,
      );
    }
  }

  async follow({ name, session, setting, startup }: Followed): Promise<void> {
    const section = setting.credentialsProfile;
    if (section && session) await this.write(name, section, session, false);
    // At startup a section may be left from a run that ended before it could remove it.
    else if (section && (startup || this.written.has(name))) await this.remove(name, section);
  }

  private async write(name: string, section: string, session: ActiveSession, strict: boolean): Promise<void> {
    const written = this.written.get(name);
    if (written?.accessKeyId === session.credentials.accessKeyId && written.section === section) return;
    const file = this.file();
    try {
      const { notice } = await writeCredentialsProfile(file, section, session.credentials, {
        now: this.deps.clock,
      });
      if (notice) {
        this.notice = notice;
        this.deps.log(notice);
      }
      this.written.set(name, { accessKeyId: session.credentials.accessKeyId, section });
      this.problems.delete(name);
    } catch (error) {
      const sentence =
        error instanceof CredentialsFileRefusal
          ? error.message
          : `RoleTray could not write ${file}: ${message(error)}`;
      if (strict) throw new RoleTrayError('Validation', sentence, { profile: name });
      this.problems.set(name, sentence);
      this.deps.log(sentence);
    }
  }

  private async remove(name: string, section: string): Promise<void> {
    this.written.delete(name);
    const file = this.file();
    // Only a section marked as RoleTray's is ever removed (credentials-file.ts checks).
    await removeCredentialsProfile(file, section).catch((error: unknown) =>
      this.deps.log(`Could not remove [${section}] from ${file}: ${message(error)}`),
    );
  }

  private file(): string {
    return configPaths(this.deps.sources).credentialsFile;
  }
}
