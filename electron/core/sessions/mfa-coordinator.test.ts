import { describe, expect, it } from 'vitest';
import { RoleTrayError } from '../errors';
import { MfaCoordinator, type MfaRequest } from './mfa-coordinator';

const request = (profile: string): MfaRequest => ({
  serial: 'arn:aws:iam::210987654321:mfa/Tyler-Dev',
  profile,
});

/** A prompt that records its calls and how many were open at once, answering from a list. */
function scriptedPrompt(answers: (string | undefined)[]) {
  const calls: MfaRequest[] = [];
  let open = 0;
  let maxOpen = 0;
  const prompt = async (mfaRequest: MfaRequest) => {
    calls.push(mfaRequest);
    open++;
    maxOpen = Math.max(maxOpen, open);
    await new Promise((resolve) => setTimeout(resolve, 5));
    open--;
    return answers.shift();
  };
  return { prompt, calls, maxOpen: () => maxOpen };
}

describe('MfaCoordinator', () => {
  it('shares one prompt and one result between concurrent requests with the same share key', async () => {
    const script = scriptedPrompt(['123456']);
    const coordinator = new MfaCoordinator(script.prompt);
    let uses = 0;
    const use = async (code: string) => {
      uses++;
      return `session-from-${code}`;
    };
    const results = await Promise.all([
      coordinator.withCode(request('a'), use, 'mfa:dev'),
      coordinator.withCode(request('b'), use, 'mfa:dev'),
      coordinator.withCode(request('c'), use, 'mfa:dev'),
    ]);
    expect(results).toEqual(['session-from-123456', 'session-from-123456', 'session-from-123456']);
    expect(script.calls).toHaveLength(1);
    expect(uses).toBe(1);
  });

  it('queues requests that need their own code: never two prompts for one device at once', async () => {
    const script = scriptedPrompt(['111111', '222222']);
    const coordinator = new MfaCoordinator(script.prompt);
    const results = await Promise.all([
      coordinator.withCode(request('a'), async (code) => code),
      coordinator.withCode(request('b'), async (code) => code),
    ]);
    expect(results).toEqual(['111111', '222222']);
    expect(script.calls.map((call) => call.profile)).toEqual(['a', 'b']);
    expect(script.maxOpen()).toBe(1);
  });

  it('asks again with AWS message while the code is invalid', async () => {
    const script = scriptedPrompt(['000000', '654321']);
    const coordinator = new MfaCoordinator(script.prompt);
    const result = await coordinator.withCode(request('a'), async (code) => {
      if (code === '000000') {
        throw new RoleTrayError('MfaInvalid', 'AWS rejected the MFA code', {
          awsMessage: 'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
        });
      }
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(script.calls[1]?.previousError).toBe(
      'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
    );
  });

  it('re-asks without calling AWS when the entry is not 6 digits', async () => {
    const script = scriptedPrompt(['12 34', '123456']);
    const coordinator = new MfaCoordinator(script.prompt);
    const codes: string[] = [];
    await coordinator.withCode(request('a'), async (code) => codes.push(code));
    expect(codes).toEqual(['123456']);
    expect(script.calls[1]?.previousError).toBe('An MFA code is 6 digits.');
  });

  it('turns a cancelled prompt into MfaCancelled and lets the next request prompt afresh', async () => {
    const script = scriptedPrompt([undefined, '123456']);
    const coordinator = new MfaCoordinator(script.prompt);
    await expect(coordinator.withCode(request('a'), async () => 'never', 'k')).rejects.toMatchObject({
      info: { kind: 'MfaCancelled', profile: 'a' },
    });
    await expect(coordinator.withCode(request('a'), async (code) => code, 'k')).resolves.toBe('123456');
  });

  it('passes other errors through without asking again', async () => {
    const script = scriptedPrompt(['123456', '123456']);
    const coordinator = new MfaCoordinator(script.prompt);
    await expect(
      coordinator.withCode(request('a'), async () => {
        throw new RoleTrayError('AccessDenied', 'denied');
      }),
    ).rejects.toMatchObject({ info: { kind: 'AccessDenied' } });
    expect(script.calls).toHaveLength(1);
  });
});
