import { describe, expect, it } from 'vitest';
import type { IpcResult } from '../../shared/ipc-contract';
import { runTrayAction, type TrayActionDeps, type UserMessage } from './tray-actions';

function fakeDeps(answers: Record<string, IpcResult<unknown>> = {}) {
  const calls: string[] = [];
  const told: UserMessage[] = [];
  const deps: TrayActionDeps = {
    request: async (channel, payload) => {
      calls.push(`${channel} ${JSON.stringify(payload) ?? ''}`.trim());
      return (answers[channel] ?? { ok: true, value: undefined }) as never;
    },
    roleArn: (profile) =>
      profile === 'prod-read-only'
        ? { arn: 'arn:aws:iam::123456789012:role/ReadOnly' }
        : { problem: `There is no role named ${profile} in your AWS config any more.` },
    writeClipboard: async (text) => void calls.push(`clipboard ${text}`),
    showMainWindow: (role) => void calls.push(`main window${role ? ` on ${role}` : ''}`),
    showS3Browser: (profile) => void calls.push(`s3 browser on ${profile}`),
    showMfaPrompt: () => void calls.push('mfa prompt'),
    quit: () => void calls.push('quit'),
    tellUser: (message) => void told.push(message),
    setBusy: (profile, busy) => void calls.push(`${busy ? 'busy' : 'idle'} ${profile}`),
    shell: 'fish',
  };
  return { deps, calls, told };
}

describe('runTrayAction', () => {
  it('assumes, renews and ends through the request channels, marking the role busy meanwhile', async () => {
    const { deps, calls, told } = fakeDeps();
    await runTrayAction({ kind: 'assume', profile: 'prod-read-only' }, deps);
    await runTrayAction({ kind: 'renew', profile: 'prod-read-only' }, deps);
    await runTrayAction({ kind: 'end', profile: 'prod-read-only' }, deps);
    expect(calls).toEqual([
      'busy prod-read-only',
      'sessions:assume {"profile":"prod-read-only"}',
      'idle prod-read-only',
      'busy prod-read-only',
      'sessions:renew {"profile":"prod-read-only"}',
      'idle prod-read-only',
      'busy prod-read-only',
      'sessions:end {"profile":"prod-read-only"}',
      'idle prod-read-only',
    ]);
    expect(told).toEqual([]);
  });

  it('tells the user in a sentence when AWS refuses', async () => {
    const { deps, told, calls } = fakeDeps({
      'sessions:assume': {
        ok: false,
        error: {
          kind: 'AccessDenied',
          message: 'Sam-Contractor is not allowed to assume DevReadOnly-CrossAccount.',
        },
      },
    });
    await runTrayAction({ kind: 'assume', profile: 'contractor-prod-read-only' }, deps);
    expect(told).toEqual([
      {
        title: 'RoleTray could not assume contractor-prod-read-only',
        body: 'Sam-Contractor is not allowed to assume DevReadOnly-CrossAccount.',
      },
    ]);
    expect(calls.at(-1)).toBe('idle contractor-prod-read-only');
  });

  it('stays quiet when the user cancelled the MFA prompt', async () => {
    const { deps, told } = fakeDeps({
      'sessions:renew': { ok: false, error: { kind: 'MfaCancelled', message: 'You closed the MFA dialog.' } },
    });
    await runTrayAction({ kind: 'renew', profile: 'prod-read-only-mfa' }, deps);
    expect(told).toEqual([]);
  });

  it('signs out of everything, and says so when that fails', async () => {
    const ok = fakeDeps();
    await runTrayAction({ kind: 'end-all' }, ok.deps);
    expect(ok.calls).toEqual(['sessions:end-all']);
    const failing = fakeDeps({
      'sessions:end-all': { ok: false, error: { kind: 'Internal', message: 'Disk full.' } },
    });
    await runTrayAction({ kind: 'end-all' }, failing.deps);
    expect(failing.told).toEqual([
      { title: 'RoleTray could not sign out of all sessions', body: 'Disk full.' },
    ]);
  });

  it('copies the role ARN, or explains why it cannot', async () => {
    const { deps, calls, told } = fakeDeps();
    await runTrayAction({ kind: 'copy-arn', profile: 'prod-read-only' }, deps);
    expect(calls).toEqual(['clipboard arn:aws:iam::123456789012:role/ReadOnly']);
    await runTrayAction({ kind: 'copy-arn', profile: 'gone' }, deps);
    expect(told[0]?.body).toBe('There is no role named gone in your AWS config any more.');
  });

  it('opens windows and quits', async () => {
    const { deps, calls } = fakeDeps();
    await runTrayAction({ kind: 'open-role', profile: 'prod-read-only' }, deps);
    await runTrayAction({ kind: 'browse-s3', profile: 'prod-read-only' }, deps);
    await runTrayAction({ kind: 'open-app' }, deps);
    await runTrayAction({ kind: 'open-mfa' }, deps);
    await runTrayAction({ kind: 'quit' }, deps);
    expect(calls).toEqual([
      'main window on prod-read-only',
      's3 browser on prod-read-only',
      'main window',
      'mfa prompt',
      'quit',
    ]);
  });

  it('hands a session to the console, a terminal or the clipboard through the handoff channels', async () => {
    const { deps, calls, told } = fakeDeps({
      'handoff:open-terminal': {
        ok: false,
        error: { kind: 'Internal', message: 'RoleTray found no terminal to open (set TERMINAL).' },
      },
    });
    await runTrayAction({ kind: 'open-console', profile: 'prod-read-only' }, deps);
    await runTrayAction({ kind: 'copy-env', profile: 'prod-read-only' }, deps);
    await runTrayAction({ kind: 'open-terminal', profile: 'prod-read-only' }, deps);
    expect(calls).toEqual([
      'handoff:open-console {"profile":"prod-read-only"}',
      'handoff:copy-env {"profile":"prod-read-only","shell":"fish"}',
      'handoff:open-terminal {"profile":"prod-read-only"}',
    ]);
    expect(told).toEqual([
      {
        title: 'RoleTray could not open a terminal as prod-read-only',
        body: 'RoleTray found no terminal to open (set TERMINAL).',
      },
    ]);
  });

  it('turns a failure of the glue itself into a sentence too', async () => {
    const { deps, told } = fakeDeps();
    deps.writeClipboard = async () => Promise.reject(new Error('The clipboard is locked by another app.'));
    await runTrayAction({ kind: 'copy-arn', profile: 'prod-read-only' }, deps);
    expect(told).toEqual([
      {
        title: 'RoleTray could not do that',
        body: 'Something went wrong: The clipboard is locked by another app.',
      },
    ]);
  });
});
