import type { HandoffStatus, ShellKind } from '../../shared/handoff-view';
import type { Clock } from '../core/credentials';
import { RoleTrayError } from '../core/errors';
import { configPaths } from '../core/profiles/profile-loader';
import type { UsableProfile } from '../core/profiles/profile-directory';
import type { Profile, ProfileSources } from '../core/profiles/profiles';
import type { KeyValueStore } from '../core/secret-cipher';
import type { ActiveSession } from '../core/sessions/session-manager';
import type { SessionsCore } from '../core/sessions/sessions-core';
import { CliCacheHandoff } from './cli-cache-handoff';
import { ConsoleHandoff } from './console-handoff';
import { ForeignProfileError, removeCredentialsProfile, writeCredentialsProfile } from './credentials-file';
import { EnvHandoff } from './env-handoff';
import type { HandoffPaths } from './handoff-paths';
import { HandoffSettings } from './handoff-settings';
import { message, type HandoffUnit } from './handoff-unit';
import { HelperHandoff } from './helper-handoff';
import { TerminalHandoff } from './terminal-handoff';

// Handing sessions to other tools, behind the handoff:* channels: the credential_process socket,
// the local credential server and terminals, environment variables on the clipboard, the AWS CLI's
// cache and the credentials file (both opt-in per role, rewritten on renewal and removed when the
// session ends), and the console. Secrets go from here to those places only, never back over IPC.

export interface HandoffServiceDeps {
  core: SessionsCore;
  store: KeyValueStore;
  sources: ProfileSources;
  clock: Clock;
  /** The credentials socket's place; without it `roletray-credentials` has nothing to talk to. */
  socketPaths?: HandoffPaths;
  /** The words that run roletray-credentials (`node /…/roletray-credentials.mjs`). */
  helperCommand: string[];
  writeClipboard(text: string): Promise<void>;
  openExternal(url: string): Promise<void>;
  /** Opens the user's terminal with these variables. */
  openTerminal(env: Record<string, string>): Promise<void>;
  /** The sandbox's `<endpoint>/federation`, when the app runs against the sandbox. */
  federationEndpoint?: string;
  log?: (message: string) => void;
}

interface Written {
  accessKeyId: string;
  /** The credentials-file section it went under. */
  section: string;
}

export class HandoffService {
  private readonly settings: HandoffSettings;
  private readonly log: (message: string) => void;
  private readonly helper: HelperHandoff;
  private readonly cli: CliCacheHandoff;
  private readonly env: EnvHandoff;
  private readonly terminal: TerminalHandoff;
  private readonly signin: ConsoleHandoff;
  /** The units, in the order they follow a profile and close. */
  private readonly units: readonly HandoffUnit[];
  private readonly fileWritten = new Map<string, Written>();
  private readonly problems = new Map<string, { file?: string }>();
  private syncing: Promise<void> = Promise.resolve();
  private firstSync = true;
  private readonly stopListening: () => void;
  private readonly stopProfiles: () => void;

  constructor(private readonly deps: HandoffServiceDeps) {
    this.settings = new HandoffSettings(deps.store);
    this.log = deps.log ?? (() => undefined);
    const { manager, profiles } = deps.core;
    this.helper = new HelperHandoff({
      manager,
      paths: deps.socketPaths,
      command: deps.helperCommand,
      log: this.log,
    });
    this.cli = new CliCacheHandoff({
      manager,
      settings: this.settings,
      homeDir: deps.sources.homeDir,
      clock: deps.clock,
      log: this.log,
    });
    this.terminal = new TerminalHandoff({
      manager,
      profiles,
      clock: deps.clock,
      openTerminal: (env) => deps.openTerminal(env),
      log: this.log,
    });
    this.env = new EnvHandoff({ manager, writeClipboard: (text) => deps.writeClipboard(text) });
    this.signin = new ConsoleHandoff({
      manager,
      openExternal: (url) => deps.openExternal(url),
      federationEndpoint: deps.federationEndpoint,
    });
    // The clipboard's copy is the user's once pasted: EnvHandoff has nothing to show, follow or close.
    this.units = [this.helper, this.cli, this.terminal, this.signin];
    this.stopListening = deps.core.manager.on((event) => {
      for (const unit of this.units) unit.onSessionEvent?.(event);
      this.sync().catch((error: unknown) => this.log(`Hand-off sync failed: ${message(error)}`));
    });
    // A role removed from the config, or changed, must not keep its copies.
    this.stopProfiles = deps.core.onProfiles(() => {
      this.sync().catch((error: unknown) => this.log(`Hand-off sync failed: ${message(error)}`));
    });
  }

  /** Starts the credentials socket and writes what the user shares; failures are kept as sentences. */
  async start(): Promise<void> {
    await this.helper.start();
    await this.sync();
  }

  async close(): Promise<void> {
    this.stopListening();
    this.stopProfiles();
    await this.syncing;
    for (const unit of this.units) await unit.close?.();
  }

  status(name: string): HandoffStatus {
    const profile = this.profile(name);
    const setting = this.settings.get(name);
    const problems = this.problems.get(name) ?? {};
    return {
      profile: name,
      ...this.helper.status(name, profile),
      ...this.cli.status(name, profile),
      credentialsFile: {
        file: configPaths(this.deps.sources).credentialsFile,
        ...(setting.credentialsProfile ? { profileName: setting.credentialsProfile } : {}),
        ...(problems.file ? { problem: problems.file } : {}),
      },
      ...this.terminal.status(name, profile),
      ...this.signin.status(name, profile),
    };
  }

  async copyEnv(name: string, shell: ShellKind): Promise<void> {
    await this.env.copy(this.profile(name), shell);
  }

  async setCliCache(name: string, enabled: boolean): Promise<HandoffStatus> {
    this.cli.choose(this.profile(name), enabled);
    if (!enabled) await this.queue(() => this.cli.remove(name));
    await this.sync();
    return this.status(name);
  }

  async setCredentialsFile(name: string, section: string | null): Promise<HandoffStatus> {
    // Turning it off works for a profile gone from the config too; turning it on needs the profile.
    if (section) this.profile(name);
    // Checked, written and saved in one queued step, so two quick changes cannot both claim a section.
    await this.queue(async () => {
      const owner = section ? this.settings.sectionOwner(section, name) : undefined;
      if (section && owner) {
        throw new RoleTrayError(
          'Validation',
          `RoleTray already writes [${section}] for ${owner}; choose another name.`,
          {
            profile: name,
          },
        );
      }
      const setting = this.settings.get(name);
      const previous = setting.credentialsProfile;
      if (previous && previous !== section) await this.removeFile(name, previous);
      // Written now when there is a session, so a foreign [section] is refused before it is saved.
      const session = section ? this.activeSession(name) : undefined;
      if (section && session) await this.writeFile(name, section, session, true);
      const next = withoutKey(setting, 'credentialsProfile');
      this.settings.set(name, section ? { ...next, credentialsProfile: section } : next);
      this.problems.set(name, withoutKey(this.problems.get(name) ?? {}, 'file'));
    });
    return this.findProfile(name) ? this.status(name) : this.removedStatus(name);
  }

  async openTerminal(name: string): Promise<void> {
    await this.terminal.open(this.profile(name));
  }

  async openConsole(name: string): Promise<void> {
    await this.signin.open(this.profile(name));
  }

  /** Has every unit, then the credentials file, follow every shared profile's session, one pass at a time. */
  sync(): Promise<void> {
    return this.queue(async () => {
      const startup = this.firstSync;
      this.firstSync = false;
      for (const [name, setting] of Object.entries(this.settings.all())) {
        const profile = this.findProfile(name);
        // A profile gone from the config keeps no copies, whatever its cached session says.
        const session = profile ? this.activeSession(name) : undefined;
        for (const unit of this.units) await unit.follow?.({ name, profile, session, setting, startup });
        const section = setting.credentialsProfile;
        if (section && session) await this.writeFile(name, section, session, false);
        else if (section && (startup || this.fileWritten.has(name))) await this.removeFile(name, section);
      }
    });
  }

  private queue(work: () => Promise<void>): Promise<void> {
    const next = this.syncing.then(work);
    this.syncing = next.catch(() => undefined);
    return next;
  }

  private async writeFile(
    name: string,
    section: string,
    session: ActiveSession,
    strict: boolean,
  ): Promise<void> {
    const written = this.fileWritten.get(name);
    if (written?.accessKeyId === session.credentials.accessKeyId && written.section === section) return;
    const file = configPaths(this.deps.sources).credentialsFile;
    try {
      await writeCredentialsProfile(file, section, session.credentials, { now: this.deps.clock });
      this.fileWritten.set(name, { accessKeyId: session.credentials.accessKeyId, section });
      this.setProblem(name, 'file', undefined);
    } catch (error) {
      const sentence =
        error instanceof ForeignProfileError
          ? error.message
          : `RoleTray could not write ${file}: ${message(error)}`;
      if (strict) throw new RoleTrayError('Validation', sentence, { profile: name });
      this.setProblem(name, 'file', sentence);
    }
  }

  private async removeFile(name: string, section: string): Promise<void> {
    this.fileWritten.delete(name);
    const file = configPaths(this.deps.sources).credentialsFile;
    // Only a section marked as RoleTray's is ever removed (credentials-file.ts checks).
    await removeCredentialsProfile(file, section).catch((error: unknown) =>
      this.log(`Could not remove [${section}] from ${file}: ${message(error)}`),
    );
  }

  private setProblem(name: string, what: 'file', problem: string | undefined): void {
    const current = withoutKey(this.problems.get(name) ?? {}, what);
    this.problems.set(name, problem ? { ...current, [what]: problem } : current);
    if (problem) this.log(problem);
  }

  private activeSession(name: string): ActiveSession | undefined {
    return this.deps.core.manager.activeSession(name);
  }

  private findProfile(name: string): Profile | undefined {
    return this.deps.core.profiles.find(name);
  }

  private profile(name: string): UsableProfile {
    return this.deps.core.profiles.usable(name);
  }

  /** What is left to say about a profile no longer in the config: nothing is shared any more. */
  private removedStatus(name: string): HandoffStatus {
    return {
      profile: name,
      ...this.helper.status(name, undefined),
      ...this.cli.status(name, undefined),
      credentialsFile: { file: configPaths(this.deps.sources).credentialsFile },
      ...this.terminal.status(name, undefined),
      ...this.signin.status(name, undefined),
    };
  }
}

function withoutKey<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = value;
  return rest;
}
