import type { RequestChannel } from '../shared/ipc-contract';

// The settings:* channels once, as the leak tests walk the contract: read, one field changed
// (settings:changed goes out), then set back to what it was.

export async function settingsEveryChannel(
  call: (channel: RequestChannel, payload?: unknown) => Promise<unknown>,
): Promise<void> {
  await call('settings:get');
  await call('settings:set', { theme: 'dark', clipboardClearSeconds: 30 });
  await call('settings:set', { theme: 'system', clipboardClearSeconds: 45 });
}
