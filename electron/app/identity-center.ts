import type { DeviceCodeView, IdentityCenterStatus, SignInMethod } from '../../shared/identity-center-view';
import type { DeviceCodePrompt } from '../core/sso/device-flow';
import { RoleTrayError } from '../core/errors';
import { ssoLoginOf } from '../core/profiles/profile-directory';
import type { SessionsCore } from '../core/sessions/sessions-core';
import { ssoTargetOf, type SsoTarget } from '../core/sso/sso-target';
import type { SignInOnDemand } from '../handoff/sign-in-on-demand';
import type { TokenFileWatchDeps } from '../core/sso/token-presence';
import { MFA_PROMPT_TIMEOUT_MS } from './mfa-broker';
import { SsoStatusWatch } from './sso-status-watch';

// The sso:* channels over the sessions core: which Identity Center sign-ins the profiles use, and
// signing in and out of one named by any profile that uses it. Signing out also ends the sessions
// obtained through it, as `aws sso logout` removes the CLI's cached role credentials. A hand-off
// that needs a sign-in starts the same one (`onDemand`), with the method last chosen in the window.
// The token files are watched (sso-status-watch.ts), so another tool's sign-in or sign-out is told
// to the windows (`sso:changed`).

/** How long a hand-off waits for a sign-in it needs: as long as an MFA prompt stays open. */
export const SIGN_IN_WAIT_MS = MFA_PROMPT_TIMEOUT_MS;

interface Instance {
  target: SsoTarget;
  /** The profiles whose credentials come through this sign-in. */
  profiles: string[];
}

export class IdentityCenterService {
  private readonly signingIn = new Set<string>();
  /** The device code each waiting device sign-in shows, by instance. */
  private readonly deviceCodes = new Map<string, DeviceCodeView>();
  /** How many sign-ins completed, by instance (a hand-off that raced one's end does not start another). */
  private readonly completedSignIns = new Map<string, number>();
  /** The method each instance last signed in with from the window; a hand-off's sign-in uses it. */
  private readonly methods = new Map<string, SignInMethod>();
  private readonly statusWatch: SsoStatusWatch;

  constructor(
    private readonly core: SessionsCore,
    private readonly deps: {
      publishDeviceCode: (view: DeviceCodeView) => void;
      openExternal: (url: string) => Promise<void>;
      /** A hand-off started a sign-in: the app brings its window forward, where the sign-in shows. */
      onSignInStarted?: (status: IdentityCenterStatus, profile: string) => void;
      /** How long a hand-off waits for its sign-in; SIGN_IN_WAIT_MS by default. */
      signInWaitMs?: number;
      /** A sign-in's status when first seen, then on each change: RoleTray's own, or another tool's (`aws sso logout`). */
      publishStatus?: (status: IdentityCenterStatus) => void;
      /** The token files' watch (tests look more often). */
      watch?: TokenFileWatchDeps;
      log?: (message: string) => void;
    },
  ) {
    this.statusWatch = new SsoStatusWatch({
      signIns: () =>
        [...this.instances().values()].map(({ target }) => ({
          instance: target.tokenCacheKey,
          file: this.core.sso.tokens.file(target),
        })),
      status: async (key) => {
        const instance = [...this.instances().values()].find(({ target }) => target.tokenCacheKey === key);
        return instance && this.statusOf(instance);
      },
      publish: (status) => deps.publishStatus?.(status),
      ...(deps.watch ? { watch: deps.watch } : {}),
      ...(deps.log ? { log: deps.log } : {}),
    });
  }

  /** Watches the sign-ins the config names now: at start, and again after each config change. */
  watchSignIns(): Promise<void> {
    return this.statusWatch.sync();
  }

  close(): void {
    this.statusWatch.close();
  }

  /** The sign-in hand-offs start when a profile's credentials need one. */
  readonly onDemand: SignInOnDemand = {
    completed: (profile) => {
      const key = this.findInstance(profile)?.target.tokenCacheKey;
      return key === undefined ? 0 : (this.completedSignIns.get(key) ?? 0);
    },
    signIn: (profile, seen) => this.signInForHandoff(profile, seen),
    waitingFor: (profile) => {
      const instance = this.findInstance(profile);
      const key = instance?.target.tokenCacheKey;
      if (key === undefined || !this.signingIn.has(key)) return undefined;
      const code = this.deviceCodes.get(key);
      const how = code
        ? `enter the code ${code.userCode} at ${code.verificationUri} (RoleTray's window shows it too)`
        : this.methods.get(key) === 'device'
          ? "RoleTray's window shows the code to enter"
          : 'finish it in the browser RoleTray opened';
      return `waiting for the IAM Identity Center sign-in to ${instance!.target.startUrl} in RoleTray (for ${profile}): ${how}.`;
    },
  };

  /** A device sign-in's code is waiting: kept for "Open the page", and sent to the windows. */
  deviceCode(target: SsoTarget, prompt: DeviceCodePrompt): void {
    const view = { instance: target.tokenCacheKey, startUrl: target.startUrl, ...prompt };
    this.deviceCodes.set(target.tokenCacheKey, view);
    this.deps.publishDeviceCode(view);
  }

  /** Opens the waiting device code's page (the URL main was given, never one the renderer sends). */
  async openDevicePage(profile: string): Promise<void> {
    const view = this.deviceCodes.get(this.instanceOf(profile).target.tokenCacheKey);
    if (!view) {
      throw new RoleTrayError('SignInRequired', `No device sign-in is waiting for profile ${profile}.`, {
        profile,
      });
    }
    await this.deps.openExternal(view.verificationUriComplete);
  }

  private instances(): Map<string, Instance> {
    const { profiles } = this.core;
    const found = new Map<string, Instance>();
    for (const profile of profiles.all()) {
      const sso = ssoLoginOf(profile, (name) => profiles.find(name));
      if (!sso) continue;
      const key = sso.login.tokenCacheKey;
      const instance = found.get(key) ?? { target: ssoTargetOf(sso.login, sso.endpoints), profiles: [] };
      instance.profiles.push(profile.name);
      found.set(key, instance);
    }
    return found;
  }

  private findInstance(profile: string): Instance | undefined {
    const found = this.core.profiles.find(profile);
    const sso = found && ssoLoginOf(found, (name) => this.core.profiles.find(name));
    return sso ? this.instances().get(sso.login.tokenCacheKey) : undefined;
  }

  private instanceOf(profile: string): Instance {
    const found = this.core.profiles.get(profile);
    const sso = ssoLoginOf(found, (name) => this.core.profiles.find(name));
    if (!sso) {
      throw new RoleTrayError(
        'ConfigError',
        `Profile ${profile} does not sign in to IAM Identity Center (it has no sso_session or sso_start_url, nor does its source).`,
        { profile },
      );
    }
    return this.instances().get(sso.login.tokenCacheKey)!;
  }

  private async statusOf({ target }: Instance): Promise<IdentityCenterStatus> {
    const state = await this.core.sso.tokens.state(target);
    return {
      instance: target.tokenCacheKey,
      startUrl: target.startUrl,
      ...state,
      signingIn: this.signingIn.has(target.tokenCacheKey),
    };
  }

  status(): Promise<IdentityCenterStatus[]> {
    return Promise.all([...this.instances().values()].map((instance) => this.statusOf(instance)));
  }

  async signIn(profile: string, method: SignInMethod): Promise<IdentityCenterStatus> {
    const instance = this.instanceOf(profile);
    this.methods.set(instance.target.tokenCacheKey, method);
    await this.run(instance, method);
    return this.statusOf(instance);
  }

  /** Starts or joins the instance's one sign-in; counts it once it completes. */
  private async run(instance: Instance, method: SignInMethod): Promise<void> {
    const key = instance.target.tokenCacheKey;
    this.signingIn.add(key);
    try {
      await this.core.sso.tokens.signIn(instance.target, method);
      this.completedSignIns.set(key, (this.completedSignIns.get(key) ?? 0) + 1);
    } finally {
      this.signingIn.delete(key);
      this.deviceCodes.delete(key);
      await this.statusWatch.changed(key);
    }
  }

  /**
   * A hand-off's sign-in: joins the one running, or starts one with the window's last method
   * (the browser by default) and tells the app; gives up after SIGN_IN_WAIT_MS, stopping a sign-in
   * it started, as an MFA prompt nobody answers closes.
   */
  private async signInForHandoff(profile: string, seen: number): Promise<void> {
    const instance = this.instanceOf(profile);
    const { target } = instance;
    const key = target.tokenCacheKey;
    if ((this.completedSignIns.get(key) ?? 0) > seen) return;
    const started = !this.signingIn.has(key);
    const running = this.run(instance, this.methods.get(key) ?? 'browser');
    const waitMs = this.deps.signInWaitMs ?? SIGN_IN_WAIT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), waitMs);
      timer.unref();
    });
    const outcome = Promise.race([running, timedOut]).finally(() => clearTimeout(timer));
    if (started) {
      const { onSignInStarted } = this.deps;
      if (onSignInStarted) void this.statusOf(instance).then((status) => onSignInStarted(status, profile));
    }
    if ((await outcome) !== 'timeout') return;
    if (started) {
      // Stopped and settled before the sentence, so a new request finds no sign-in running.
      this.core.sso.tokens.cancelSignIn(target);
      await running.catch(() => undefined);
    } else running.catch(() => undefined);
    throw new RoleTrayError(
      'SignInRequired',
      `Nobody finished the IAM Identity Center sign-in to ${target.startUrl} within ${duration(waitMs)}, so RoleTray stopped waiting; run the command again to sign in.`,
      { profile },
    );
  }

  async cancelSignIn(profile: string): Promise<void> {
    this.core.sso.tokens.cancelSignIn(this.instanceOf(profile).target);
  }

  async signOut(profile: string): Promise<IdentityCenterStatus> {
    const instance = this.instanceOf(profile);
    const { target } = instance;
    await this.core.sso.tokens.signOut(target, (accessToken) =>
      this.core.sso.portal.logout(target, accessToken),
    );
    await this.core.manager.end(...instance.profiles);
    await this.statusWatch.changed(target.tokenCacheKey);
    return this.statusOf(instance);
  }
}

/** A wait in words: minutes, seconds, or milliseconds (tests wait less than a second). */
function duration(ms: number): string {
  if (ms >= 120_000) return `${Math.round(ms / 60_000)} minutes`;
  if (ms >= 1000) return `${Math.round(ms / 1000)} seconds`;
  return `${ms} ms`;
}
