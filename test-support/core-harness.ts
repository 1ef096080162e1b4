import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import type { EventChannels } from '../shared/ipc-contract';
import type { SessionEvent } from '../shared/sessions';
import type { WireOptions } from '../sandbox/src/wire-conditions';
import { startTestSandbox, type TestSandbox } from './sandbox';
import { CredentialCache } from '../electron/core/sessions/credential-cache';
import type { MfaRequest } from '../electron/core/sessions/mfa-coordinator';
import type { ChooseDownloadDestination } from '../electron/core/s3/download-request';
import { startAppServices, type AppServices, type AppServicesDeps } from '../electron/app/app-services';
import type { LoadedProfiles } from '../electron/core/profiles/profiles';
import type { CipherStatus } from '../electron/core/secret-cipher';
import type { Sessions } from '../electron/core/sessions/session-manager';
import type { SessionPolicy } from '../electron/core/sessions/session-policy';
import type { SessionsCore, SessionsCoreDeps } from '../electron/core/sessions/sessions-core';
import type { IdentityCenterOptions } from '../sandbox/src/identity-center';
import type { DesktopHandoffDeps } from '../electron/handoff/handoff-service';
import { MemoryKeyCipher } from '../dev/memory-key-cipher';

// The app's services (sessions core, MFA broker, event hub, handler table) wired as the app wires
// them, against a running sandbox: real STS over HTTP, the sandbox's AWS config loaded and watched
// by the real loader, a conf store in a temp dir and a real cipher. Only the MFA dialog is
// scripted: it answers `mfa:request` events through the broker, as the renderer's dialog does.

export type PromptAnswer =
  string | undefined | ((request: MfaRequest) => string | undefined | Promise<string | undefined>);

export interface CoreHarness {
  t: TestSandbox;
  services: AppServices;
  core: SessionsCore;
  manager: Sessions;
  cache: CredentialCache;
  profiles: LoadedProfiles;
  storeDir: string;
  /** Every MFA prompt the core made, in order. */
  prompts: MfaRequest[];
  /** Answers for the next prompts; a function computes one when asked. Empty = cancel. */
  answers: PromptAnswer[];
  /** STS actions the sandbox served, in order ("AssumeRole", "GetSessionToken", ...). */
  stsCalls: string[];
  /** S3 requests the sandbox answered, as "<status> <METHOD> <path>", in order. */
  s3Requests: string[];
  /** Identity Center requests (OIDC, page, portal) the sandbox answered, as "<service> <status> <action>". */
  ssoRequests: string[];
  events: SessionEvent[];
  /** Every temporary credential the sandbox issued in this test. */
  issuedCredentials: () => { accessKeyId: string; secretAccessKey: string; sessionToken: string }[];
  /** Every secret a leak test must not find: users' keys, TOTP secrets, issued session credentials. */
  secrets: () => string[];
  /** A fresh core over the same store and key, as after an app restart. */
  restart: () => Promise<CoreHarness>;
  storeText: () => Promise<string>;
  stop: () => Promise<void>;
}

export interface HarnessOptions {
  policy?: Partial<SessionPolicy>;
  /** Profiles appended to the sandbox's config (INI text, `[profile x]` sections). */
  extraConfig?: string | ((t: TestSandbox) => string | Promise<string>);
  cipherStatus?: CipherStatus;
  /** The environment the core sees (for credential_source = Environment), given the running sandbox. */
  env?: (t: TestSandbox) => Record<string, string>;
  /** Where S3 downloads go (the app asks a save dialog). */
  chooseDownloadDestination?: ChooseDownloadDestination;
  /** The desktop's side of hand-offs (clipboard, browser, terminal, socket), given the sandbox. */
  handoff?: (t: TestSandbox) => DesktopHandoffDeps;
  /** The sandbox's wire conditions (latency, bandwidth, S3 faults). */
  wire?: WireOptions;
  /** Write the IAM Identity Center profiles (sso-dev, sso-prod-via-dev…) into the config. */
  identityCenterProfiles?: boolean;
  /** The sandbox's Identity Center lifetimes and throttle. */
  identityCenter?: IdentityCenterOptions;
  /** The sign-in's own dependencies (how long the browser may take, how polling sleeps). */
  signIn?: SessionsCoreDeps['identityCenter'];
  /** IAM Identity Center's token source and portal pacing (AppServicesDeps' sso). */
  sso?: AppServicesDeps['sso'];
  /** How often the SSO token files are looked at (AppServicesDeps' ssoWatch). */
  ssoWatch?: AppServicesDeps['ssoWatch'];
}

export async function startCoreHarness(options: HarnessOptions = {}): Promise<CoreHarness> {
  const stsCalls: string[] = [];
  const s3Requests: string[] = [];
  const ssoRequests: string[] = [];
  const t = await startTestSandbox({
    ...options.wire,
    identityCenterProfiles: options.identityCenterProfiles ?? false,
    ...(options.identityCenter ? { identityCenter: options.identityCenter } : {}),
    onRequest: (line) => {
      const match = /^sts 200 (\w+)/.exec(line);
      if (match) stsCalls.push(match[1]!);
      if (line.startsWith('s3 ')) s3Requests.push(line.slice(3));
      if (/^sso[-\w]* \d{3} /.test(line)) ssoRequests.push(line);
    },
  });
  const extra =
    typeof options.extraConfig === 'function' ? await options.extraConfig(t) : options.extraConfig;
  if (extra) await appendFile(t.description.configFile, `\n${extra}\n`);
  const storeDir = await mkdtemp(join(tmpdir(), 'roletray-core-'));
  const cipher = new MemoryKeyCipher(undefined, options.cipherStatus);
  const prompts: MfaRequest[] = [];
  const answers: PromptAnswer[] = [];
  const events: SessionEvent[] = [];
  const started: AppServices[] = [];

  async function wire(): Promise<CoreHarness> {
    const store = new Conf<Record<string, unknown>>({ cwd: storeDir, configName: 'roletray' });
    // The core's own cache, handed in so tests can look inside it (the app never can).
    const cache = new CredentialCache(store, cipher, t.clock.now);
    const services = await startAppServices({
      version: 'test',
      sources: {
        env: {
          AWS_CONFIG_FILE: t.description.configFile,
          AWS_SHARED_CREDENTIALS_FILE: t.description.credentialsFile,
          ...options.env?.(t),
        },
        homeDir: t.awsDir,
      },
      store,
      cipher,
      cache,
      userName: 'tyler',
      clock: t.clock.now,
      maintainEveryMs: 0,
      accountAliases: Object.fromEntries(
        t.description.accounts.map((account) => [account.id, account.alias]),
      ),
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.chooseDownloadDestination
        ? { chooseDownloadDestination: options.chooseDownloadDestination }
        : {}),
      ...(options.handoff ? { handoff: options.handoff(t) } : {}),
      ...(options.signIn ? { identityCenter: options.signIn } : {}),
      ...(options.sso ? { sso: options.sso } : {}),
      ...(options.ssoWatch ? { ssoWatch: options.ssoWatch } : {}),
    });
    started.push(services);
    const { core, broker } = services;
    services.hub.subscribe((event, payload) => {
      if (event !== 'mfa:request') return;
      const view = payload as EventChannels['mfa:request'];
      const request: MfaRequest = {
        serial: view.serial,
        profile: view.profile,
        ...(view.roleArn ? { roleArn: view.roleArn } : {}),
        ...(view.previousError ? { previousError: view.previousError } : {}),
      };
      prompts.push(request);
      const answer = answers.shift();
      void Promise.resolve(typeof answer === 'function' ? answer(request) : answer).then((code) =>
        broker.answer(view.requestId, code ?? null),
      );
    });
    core.manager.on((event) => events.push(event));
    const loaded = core.profileState().loaded;
    if (!loaded)
      throw new Error(`the sandbox's AWS config did not load: ${core.profileState().error?.message}`);
    return {
      t,
      services,
      core,
      manager: core.manager,
      cache,
      profiles: loaded,
      storeDir,
      prompts,
      answers,
      stsCalls,
      s3Requests,
      ssoRequests,
      events,
      issuedCredentials: () =>
        t.sandbox.identities.issued().map(({ accessKeyId, secretAccessKey, sessionToken }) => ({
          accessKeyId,
          secretAccessKey,
          sessionToken: sessionToken ?? '',
        })),
      secrets: () =>
        [
          ...t.description.users.flatMap((user) => [
            user.accessKeyId,
            user.secretAccessKey,
            user.mfa?.secret ?? '',
          ]),
          ...t.sandbox.identities
            .issued()
            .flatMap((record) => [record.accessKeyId, record.secretAccessKey, record.sessionToken ?? '']),
        ].filter((secret) => secret.length > 0),
      restart: wire,
      storeText: () => readFile(join(storeDir, 'roletray.json'), 'utf8').catch(() => ''),
      stop: async () => {
        for (const services of started) await services.close();
        await t.stop();
        await rm(storeDir, { recursive: true, force: true });
      },
    };
  }
  return wire();
}
