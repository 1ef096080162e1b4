import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../app/dispatch';
import { startCoreHarness, type CoreHarness } from '../../../test-support/core-harness';

// The MFA sessions made visible, against the sandbox: listed with their device, source keys, expiry
// and the roles assumed from them; forgotten from memory and the encrypted store, so the next assume
// that needs one asks for a code and calls GetSessionToken again.

let harness: CoreHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const HOUR = 3600_000;
const count = (calls: string[], action: string) => calls.filter((call) => call === action).length;

describe('MFA sessions', () => {
  it('lists the device, its source keys, expiry and the roles on it, without secrets', async () => {
    const h = (harness = await startCoreHarness());
    h.answers.push(() => h.t.mfaCode());
    expect(h.manager.mfaSessions()).toEqual([]);
    await h.manager.assume('prod-read-only-mfa');
    await h.manager.assume('prod-recent-mfa');
    const [listed, ...more] = h.manager.mfaSessions();
    expect(more).toEqual([]);
    expect(listed).toMatchObject({
      device: h.t.mfaSerial(),
      sourceProfiles: ['dev'],
      roles: ['prod-read-only-mfa', 'prod-recent-mfa'],
    });
    expect(listed!.expiresAt - h.t.clock.now()).toBeGreaterThan(12 * HOUR - 5000);
    // A role says which MFA session it came from, so ending it can say that one stays.
    expect(h.manager.session('prod-read-only-mfa')?.mfaSession).toBe(h.t.mfaSerial());
    expect(h.manager.session('prod-read-only')).toBeUndefined();
    const answer = JSON.stringify(await dispatch(h.services.handlers, 'mfa:sessions', undefined));
    for (const secret of h.secrets()) expect(answer).not.toContain(secret);
    expect(h.prompts).toHaveLength(1);
  });

  it('after forget, the next assume asks for a code and GetSessionToken is called again', async () => {
    const h = (harness = await startCoreHarness());
    h.answers.push(() => h.t.mfaCode());
    await h.manager.assume('prod-read-only-mfa');
    expect(count(h.stsCalls, 'GetSessionToken')).toBe(1);
    const changes = h.events.length;

    const forgotten = await dispatch(h.services.handlers, 'mfa:forget', { device: h.t.mfaSerial() });
    expect(forgotten).toEqual({ ok: true, value: undefined });
    expect(h.events.slice(changes)).toContainEqual({ type: 'changed' });
    expect(h.manager.mfaSessions()).toEqual([]);
    // The role assumed from it keeps its session (STS cannot take it back), no longer naming it.
    expect(h.manager.session('prod-read-only-mfa')).toMatchObject({ mfa: true });
    expect(h.manager.session('prod-read-only-mfa')?.mfaSession).toBeUndefined();
    // Gone from the encrypted store too: a restart does not bring it back.
    const restarted = await h.restart();
    expect(restarted.manager.mfaSessions()).toEqual([]);

    restarted.answers.push(() => h.t.mfaCode(undefined, 1));
    await restarted.manager.assume('prod-recent-mfa');
    expect(h.prompts).toHaveLength(2);
    expect(h.prompts[1]).toMatchObject({ serial: h.t.mfaSerial(), profile: 'prod-recent-mfa' });
    expect(count(h.stsCalls, 'GetSessionToken')).toBe(2);
    expect(restarted.manager.mfaSessions()).toMatchObject([{ roles: ['prod-recent-mfa'] }]);
  });

  it('forgetting a device without an MFA session is a sentence; an expired one is not listed', async () => {
    const h = (harness = await startCoreHarness({ policy: { mfaSessionSeconds: 900 } }));
    expect(await dispatch(h.services.handlers, 'mfa:forget', { device: h.t.mfaSerial() })).toMatchObject({
      ok: false,
      error: {
        kind: 'Validation',
        message: `There is no MFA session for ${h.t.mfaSerial()}: it has expired or was forgotten already.`,
      },
    });
    expect(await dispatch(h.services.handlers, 'mfa:forget', { device: 'my phone' })).toMatchObject({
      ok: false,
      error: { kind: 'Validation', message: expect.stringContaining('an MFA device is its ARN') },
    });
    h.answers.push(() => h.t.mfaCode());
    await h.manager.assume('prod-read-only-mfa');
    expect(h.manager.mfaSessions()).toHaveLength(1);
    h.t.clock.advance(901);
    expect(h.manager.mfaSessions()).toEqual([]);
  });
});
