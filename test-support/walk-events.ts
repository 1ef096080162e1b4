import type { EventChannel } from '../shared/ipc-contract';

// The events the leak tests' full walk (app-services.test.ts, bridge-secrets.test.ts) must have
// seen: every event channel of the contract.

export const WALKED_EVENTS: readonly EventChannel[] = [
  'mfa:closed',
  'mfa:request',
  'profiles:changed',
  's3:download',
  's3:listing',
  'sessions:event',
  'sso:device-code',
];
