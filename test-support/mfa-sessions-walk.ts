import type { RequestChannel } from '../shared/ipc-contract';

// The mfa:* session channels once, as the leak tests walk the contract: the MFA sessions listed
// (after an MFA role was assumed, so one is there), the device's forgotten, the list asked again.

export async function mfaSessionsEveryChannel(
  device: string,
  call: (channel: RequestChannel, payload?: unknown) => Promise<unknown>,
): Promise<void> {
  await call('mfa:sessions');
  await call('mfa:forget', { device });
  await call('mfa:sessions');
}
