import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import type { SessionEvent } from '../../shared/sessions';
import { startTestSandbox, type TestSandbox } from '../../sandbox/test/support';
import type { CredentialCache } from './credential-cache';
import type { MfaRequest } from './mfa-coordinator';
import type { LoadedProfiles } from './profiles';
import type { CipherStatus } from './secret-cipher';
import type { SessionManager } from './session-manager';
import type { SessionPolicy } from './session-policy';
import { startSessionsCore, type SessionsCore } from './sessions-core';
import { AesTestCipher } from './testing-cipher';

// The sessions core wired by startSessionsCore, as the app wires it, against a running sandbox:
// real STS over HTTP, the sandbox's AWS config loaded and watched by the real loader, a conf store
// in a temp dir and a real cipher. Only the MFA dialog is scripted.

export type PromptAnswer =
  string | undefined | ((request: MfaRequest) => string | undefined | Promise<string | undefined>);

export interface CoreHarness {
  t: TestSandbox;
  core: SessionsCore;
  manager: SessionManager;
  cache: CredentialCache;
  profiles: LoadedProfiles;
  storeDir: string;
  /** Every MFA prompt the core made, in order. */
  prompts: MfaRequest[];
  /** Answers for the next prompts; a function computes one when asked. Empty = cancel. */
  answers: PromptAnswer[];
  /** STS actions the sandbox served, in order ("AssumeRole", "GetSessionToken", ...). */
  stsCalls: string[];
  events: SessionEvent[];
  /** A fresh core over the same store and key, as after an app restart. */
  restart: () => Promise<CoreHarness>;
  storeText: () => Promise<string>;
  stop: () => Promise<void>;
}

export interface HarnessOptions {
  policy?: Partial<SessionPolicy>;
  /** Profiles appended to the sandbox's config (INI text, `[profile x]` sections). */
  extraConfig?: string | ((t: TestSandbox) => string);
  cipherStatus?: CipherStatus;
  /** The environment the core sees (for credential_source = Environment), given the running sandbox. */
  env?: (t: TestSandbox) => Record<string, string>;
}

export async function startCoreHarness(options: HarnessOptions = {}): Promise<CoreHarness> {
  const stsCalls: string[] = [];
  const t = await startTestSandbox({
    onRequest: (line) => {
      const match = /^sts 200 (\w+)/.exec(line);
      if (match) stsCalls.push(match[1]!);
    },
  });
  const extra = typeof options.extraConfig === 'function' ? options.extraConfig(t) : options.extraConfig;
  if (extra) await appendFile(t.description.configFile, `\n${extra}\n`);
  const storeDir = await mkdtemp(join(tmpdir(), 'roletray-core-'));
  const cipher = new AesTestCipher(undefined, options.cipherStatus);
  const prompts: MfaRequest[] = [];
  const answers: PromptAnswer[] = [];
  const events: SessionEvent[] = [];
  const cores: SessionsCore[] = [];

  async function wire(): Promise<CoreHarness> {
    const core = await startSessionsCore({
      sources: {
        env: {
          AWS_CONFIG_FILE: t.description.configFile,
          AWS_SHARED_CREDENTIALS_FILE: t.description.credentialsFile,
          ...options.env?.(t),
        },
        homeDir: t.awsDir,
      },
      store: new Conf<Record<string, unknown>>({ cwd: storeDir, configName: 'roletray' }),
      cipher,
      prompt: async (request) => {
        prompts.push(request);
        const answer = answers.shift();
        return typeof answer === 'function' ? answer(request) : answer;
      },
      userName: 'tyler',
      clock: t.clock.now,
      maintainEveryMs: 0,
      ...(options.policy ? { policy: options.policy } : {}),
    });
    cores.push(core);
    core.manager.on((event) => events.push(event));
    const loaded = core.profiles().loaded;
    if (!loaded) throw new Error(`the sandbox's AWS config did not load: ${core.profiles().error?.message}`);
    return {
      t,
      core,
      manager: core.manager,
      cache: core.cache,
      profiles: loaded,
      storeDir,
      prompts,
      answers,
      stsCalls,
      events,
      restart: wire,
      storeText: () => readFile(join(storeDir, 'roletray.json'), 'utf8').catch(() => ''),
      stop: async () => {
        for (const started of cores) started.close();
        await t.stop();
        await rm(storeDir, { recursive: true, force: true });
      },
    };
  }
  return wire();
}
