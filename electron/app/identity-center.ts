import type { DeviceCodeView, IdentityCenterStatus, SignInMethod } from '../../shared/identity-center-view';
import type { DeviceCodePrompt } from '../core/sso/device-flow';
import { RoleTrayError } from '../core/errors';
import { ssoLoginOf } from '../core/profiles/profile-directory';
import type { SessionsCore } from '../core/sessions/sessions-core';
import { ssoTargetOf, type SsoTarget } from '../core/sso/sso-target';

// The sso:* channels over the sessions core: which Identity Center sign-ins the profiles use, and
// signing in and out of one named by any profile that uses it. Signing out also ends the sessions
// obtained through it, as `aws sso logout` removes the CLI's cached role credentials.

interface Instance {
  target: SsoTarget;
  /** The profiles whose credentials come through this sign-in. */
  profiles: string[];
}

export class IdentityCenterService {
  private readonly signingIn = new Set<string>();
  /** The device code each waiting device sign-in shows, by instance. */
  private readonly deviceCodes = new Map<string, DeviceCodeView>();

  constructor(
    private readonly core: SessionsCore,
    private readonly deps: {
      publishDeviceCode: (view: DeviceCodeView) => void;
      openExternal: (url: string) => Promise<void>;
    },
  ) {}

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
    const key = instance.target.tokenCacheKey;
    this.signingIn.add(key);
    try {
      await this.core.sso.tokens.signIn(instance.target, method);
    } finally {
      this.signingIn.delete(key);
      this.deviceCodes.delete(key);
    }
    return this.statusOf(instance);
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
    for (const name of instance.profiles) await this.core.manager.end(name);
    return this.statusOf(instance);
  }
}
