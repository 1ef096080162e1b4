import type { RequestChannel } from '../shared/ipc-contract';
import type { HarnessOptions } from './core-harness';

// The hand-off part of the leak tests' scenarios (app-services.test.ts, bridge-secrets.test.ts):
// every handoff:* channel once, through whatever transport `call` is, with the desktop's side
// recorded. The secrets must arrive there (clipboard, browser, terminal) and nowhere on the wire.

export interface RecordedDesktop {
  /** Everything handed to the clipboard, the browser and terminals, in order. */
  received: string[];
  handoff: NonNullable<HarnessOptions['handoff']>;
}

export function recordingDesktop(): RecordedDesktop {
  const received: string[] = [];
  return {
    received,
    handoff: (t) => ({
      helperCommand: ['node', '/opt/RoleTray/cli/roletray-credentials.mjs'],
      writeClipboard: async (text) => void received.push(text),
      openExternal: async (url) => void received.push(url),
      openTerminal: async (env) => void received.push(JSON.stringify(env)),
      federationEndpoint: `${t.sandbox.endpoint}/federation`,
    }),
  };
}

export async function handOffEveryChannel(
  call: (channel: RequestChannel, payload: unknown) => Promise<unknown>,
): Promise<void> {
  const profile = 'prod-read-only';
  await call('sessions:assume', { profile });
  await call('handoff:status', { profile });
  await call('handoff:copy-env', { profile, shell: 'sh' });
  await call('handoff:cli-cache', { profile, enabled: true });
  await call('handoff:credentials-file', { profile, profileName: 'prod-read-only-roletray' });
  await call('handoff:open-terminal', { profile });
  await call('handoff:open-console', { profile });
  await call('handoff:credentials-file', { profile, profileName: null });
  await call('handoff:cli-cache', { profile, enabled: false });
}
