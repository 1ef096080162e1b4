import type { HandoffStatus, ShellKind } from '../../shared/handoff-view';
import type { Clock } from '../core/credentials';
import type { UsableProfile } from '../core/profiles/profile-directory';
import type { ProfileSources } from '../core/profiles/profiles';
import type { KeyValueStore } from '../core/secret-cipher';
import type { SessionsCore } from '../core/sessions/sessions-core';
import { CliCacheHandoff } from './cli-cache-handoff';
import { CliCacheRecords } from './cli-cache-records';
import { ConsoleHandoff } from './console-handoff';
import { CredentialsFileHandoff } from './credentials-file-handoff';
import { EnvHandoff } from './env-handoff';
import { SecretClipboard } from './secret-clipboard';
import type { HandoffPaths } from './handoff-paths';
import { HandoffSettings } from './handoff-settings';
import { message, type HandoffUnit } from './handoff-unit';
import { HelperHandoff } from './helper-handoff';
import { TerminalHandoff } from './terminal-handoff';
import type { SignInOnDemand } from './sign-in-on-demand';

// Handing sessions to other tools, behind the handoff:* channels: one unit per hand-off (its own
// file, its own state), and this fan-out over them. It answers a status by merging their parts,
// passes each action to its unit, and after every session or profile change runs one pass that
// has each unit follow each shared profile. Secrets go from the units to those tools only, never
// back over IPC.

export interface HandoffServiceDeps {
  core: SessionsCore;
  store: KeyValueStore;
  sources: ProfileSources;
  clock: Clock;
  /** The credentials socket's place; without it `roletray-credentials` has nothing to talk to. */
  socketPaths?: HandoffPaths;
  /** The words that run roletray-credentials (`node /…/roletray-credentials.mjs`). */
  helperCommand: string[];
  /** The MFA prompts open now (the broker's), for what a waiting helper tells its terminal. */
  openPrompts?: () => readonly { profile: string; serial: string }[];
  /** The app's IAM Identity Center sign-in, started when a helper or a terminal needs one. */
  signIn?: SignInOnDemand;
  writeClipboard(text: string): Promise<void>;
  /** Reads the clipboard back, so a copied secret is cleared only while it is still there. */
  readClipboard?: () => Promise<string>;
  /** How long copied secrets stay on the clipboard (0: until replaced). */
  clipboardClearMs?: () => number;
  openExternal(url: string): Promise<void>;
  /** Opens the user's terminal with these variables. */
  openTerminal(env: Record<string, string>): Promise<void>;
  /** The sandbox's `<endpoint>/federation`, used only for profiles whose STS is that sandbox. */
  federationEndpoint?: string;
  /** What console sign-in requests go through; the global fetch by default. */
  fetch?: typeof fetch;
  log?: (message: string) => void;
}

/** What a front end supplies (the desktop, the preview, a test); the app services add the rest. */
export type DesktopHandoffDeps = Partial<
  Omit<HandoffServiceDeps, 'core' | 'store' | 'sources' | 'clock' | 'log'>
>;

export class HandoffService {
  private readonly settings: HandoffSettings;
  private readonly helper: HelperHandoff;
  private readonly cli: CliCacheHandoff;
  private readonly file: CredentialsFileHandoff;
  private readonly terminal: TerminalHandoff;
  private readonly env: EnvHandoff;
  private readonly clipboard: SecretClipboard;
  private readonly signin: ConsoleHandoff;
  /** The units, in the order they follow a profile and close. */
  private readonly units: readonly HandoffUnit[];
  private readonly log: (message: string) => void;
  private syncing: Promise<void> = Promise.resolve();
  private firstSync = true;
  private readonly stopListening: () => void;
  private readonly stopProfiles: () => void;

  constructor(private readonly deps: HandoffServiceDeps) {
    const { core, clock } = deps;
    const { manager, profiles } = core;
    const log = deps.log ?? (() => undefined);
    const settings = new HandoffSettings(deps.store);
    this.log = log;
    this.settings = settings;
    this.helper = new HelperHandoff({
      manager,
      paths: deps.socketPaths,
      command: deps.helperCommand,
      ...(deps.openPrompts ? { openPrompts: deps.openPrompts } : {}),
      ...(deps.signIn ? { signIn: deps.signIn } : {}),
      log,
    });
    this.cli = new CliCacheHandoff({
      manager,
      settings,
      records: new CliCacheRecords(deps.store),
      homeDir: deps.sources.homeDir,
      clock,
      log,
    });
    this.file = new CredentialsFileHandoff({ manager, settings, sources: deps.sources, clock, log });
    this.terminal = new TerminalHandoff({
      manager,
      profiles,
      clock,
      openTerminal: (env) => deps.openTerminal(env),
      ...(deps.signIn ? { signIn: deps.signIn } : {}),
      log,
    });
    this.clipboard = new SecretClipboard(
      {
        writeClipboard: (text) => deps.writeClipboard(text),
        ...(deps.readClipboard ? { readClipboard: deps.readClipboard } : {}),
      },
      deps.clipboardClearMs,
    );
    this.env = new EnvHandoff({ manager, clipboard: this.clipboard });
    this.signin = new ConsoleHandoff({
      manager,
      clock,
      openExternal: (url) => deps.openExternal(url),
      federationEndpoint: deps.federationEndpoint,
      fetch: deps.fetch,
    });
    // The clipboard's copy is the user's once pasted: EnvHandoff has nothing to show, follow or close.
    this.units = [this.helper, this.cli, this.file, this.terminal, this.signin];
    this.stopListening = manager.on((event) => {
      for (const unit of this.units) unit.onSessionEvent?.(event);
      this.syncInBackground();
    });
    // A role removed from the config, or changed, must not keep its copies.
    this.stopProfiles = core.onProfiles(() => this.syncInBackground());
  }

  /** The credential_process value that asks this app for `profile`'s credentials. */
  credentialProcessLine(profile: string): string {
    return this.helper.credentialProcessLine(profile);
  }

  /** Starts the credentials socket and writes what the user shares; failures are kept as sentences. */
  async start(): Promise<void> {
    await this.helper.start();
    await this.file.start();
    await this.sync();
  }

  async close(): Promise<void> {
    this.stopListening();
    this.stopProfiles();
    await this.syncing;
    await this.clipboard.clear();
    for (const unit of this.units) await unit.close?.();
  }

  status(name: string): HandoffStatus {
    return this.statusOf(name, this.profile(name));
  }

  async copyEnv(name: string, shell: ShellKind): Promise<{ clearedAfterSeconds: number | null }> {
    const after = await this.env.copy(this.profile(name), shell);
    return { clearedAfterSeconds: after === undefined ? null : Math.round(after / 1000) };
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
    await this.queue(() => this.file.choose(name, section));
    // What is left to say about a profile gone from the config: nothing is shared any more.
    return this.deps.core.profiles.find(name) ? this.status(name) : this.statusOf(name, undefined);
  }

  async openTerminal(name: string): Promise<void> {
    await this.terminal.open(this.profile(name));
  }

  async openConsole(name: string): Promise<void> {
    await this.signin.open(this.profile(name));
  }

  /** Has every unit follow every shared profile's session, one pass at a time. */
  sync(): Promise<void> {
    return this.queue(async () => {
      const startup = this.firstSync;
      this.firstSync = false;
      const { manager, profiles } = this.deps.core;
      const shared = this.settings.all();
      if (startup) for (const unit of this.units) await unit.sweep?.(new Set(shared.map(([name]) => name)));
      for (const [name, setting] of shared) {
        const profile = profiles.find(name);
        // A profile gone from the config keeps no copies, whatever its cached session says.
        const session = profile ? manager.activeSession(name) : undefined;
        for (const unit of this.units) await unit.follow?.({ name, profile, session, setting, startup });
      }
    });
  }

  private syncInBackground(): void {
    this.sync().catch((error: unknown) => this.log(`Hand-off sync failed: ${message(error)}`));
  }

  private queue(work: () => Promise<void>): Promise<void> {
    const next = this.syncing.then(work);
    this.syncing = next.catch(() => undefined);
    return next;
  }

  private statusOf(name: string, profile: UsableProfile | undefined): HandoffStatus {
    return {
      profile: name,
      ...this.helper.status(name, profile),
      ...this.cli.status(name, profile),
      ...this.file.status(name, profile),
      ...this.terminal.status(name, profile),
      ...this.signin.status(name, profile),
    };
  }

  private profile(name: string): UsableProfile {
    return this.deps.core.profiles.usable(name);
  }
}
