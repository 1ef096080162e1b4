import { appendFile, readFile } from 'node:fs/promises';
import type { RequestChannel } from '../shared/ipc-contract';
import type { CoreHarness } from './core-harness';

// Every keys:* channel once, as the leak tests walk the contract: dev's keys moved in, rotated and
// put back, and a typed pair AWS refuses. Returns the secrets this made, which no answer may hold.

export async function holdKeysEveryChannel(
  h: CoreHarness,
  call: (channel: RequestChannel, payload: unknown) => Promise<unknown>,
): Promise<string[]> {
  await call('keys:move-in', { profile: 'dev' });
  await call('keys:rotate', { profile: 'dev' });
  const rotated = h.core.heldKeys.get('dev')?.keys;
  if (!rotated?.accessKeyId.startsWith('AKIA'))
    throw new Error('the walk did not move and rotate dev’s keys');
  await call('keys:put-back', { profile: 'dev' });
  const credentials = await readFile(h.t.description.credentialsFile, 'utf8');
  if (!credentials.includes(rotated.secretAccessKey))
    throw new Error('the walk did not put the rotated keys back');
  const typedSecret = 'typed/Secret+Never/Echoed+0123456789abcd';
  await appendFile(h.t.description.configFile, `\n[profile typed]\nendpoint_url = ${h.t.sandbox.endpoint}\n`);
  await call('keys:add', {
    profile: 'typed',
    accessKeyId: 'AKIATYPEDTYPEDTYPED0',
    secretAccessKey: typedSecret,
  });
  if (h.core.heldKeys.get('typed')) throw new Error('a pair AWS refuses was kept');
  return [rotated.accessKeyId, rotated.secretAccessKey, typedSecret];
}
