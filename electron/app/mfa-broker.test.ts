import { expect, it } from 'vitest';
import { isRoleTrayError } from '../core/errors';
import { MfaCoordinator } from '../core/sessions/mfa-coordinator';
import { EventHub } from './event-hub';
import { MfaBroker } from './mfa-broker';

// A prompt is never lost: it is listed for a window that loads later, and one nobody answers is
// closed in time with a sentence, so the device it holds is free for the next request.

const request = { serial: 'arn:aws:iam::210987654321:mfa/Tyler-Dev', profile: 'prod-read-only-mfa' };

it('lists open prompts until answered, and tells every window when one closes', async () => {
  const hub = new EventHub();
  const published: string[] = [];
  hub.subscribe((event) => published.push(event));
  const broker = new MfaBroker(hub);
  const code = broker.prompt(request);
  const [open] = broker.open();
  expect(open).toMatchObject(request);
  expect(broker.answer(open!.requestId, '123456')).toBe(true);
  expect(await code).toBe('123456');
  expect(broker.open()).toEqual([]);
  expect(broker.answer(open!.requestId, '123456')).toBe(false);
  expect(published).toEqual(['mfa:request', 'mfa:closed']);
});

it('closes a prompt nobody answers, with a sentence, and frees the device for the next request', async () => {
  const hub = new EventHub();
  const closed: unknown[] = [];
  hub.subscribe((event, payload) => event === 'mfa:closed' && closed.push(payload));
  const broker = new MfaBroker(hub, undefined, 60);
  const coordinator = new MfaCoordinator(broker.prompt);
  let thrown: unknown;
  await coordinator.withCode(request, async () => 'never').catch((error: unknown) => (thrown = error));
  expect(isRoleTrayError(thrown, 'MfaCancelled')).toBe(true);
  expect((thrown as Error).message).toBe(
    'Nobody entered the MFA code for prod-read-only-mfa within 0 seconds, so RoleTray stopped waiting; ask again to enter one.',
  );
  expect(closed).toHaveLength(1);
  expect(broker.open()).toEqual([]);
  // The same device asks again at once: its queue is not held by the lost prompt.
  const next = coordinator.withCode(request, async (code) => code);
  await new Promise((resolve) => setTimeout(resolve, 5));
  const [reopened] = broker.open();
  broker.answer(reopened!.requestId, '654321');
  expect(await next).toBe('654321');
});
