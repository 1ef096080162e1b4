import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { RoleTrayApi } from '../../shared/ipc-contract';
import { createRoleTrayApi, type PreloadIpc } from './roletray-api';

/** ipcRenderer's three methods the preload uses, over an EventEmitter standing in for main. */
function fakeIpc() {
  const emitter = new EventEmitter();
  const invoked: unknown[][] = [];
  let answer: (channel: string) => Promise<unknown> = async () => ({ ok: true, value: 'answer' });
  const ipc = {
    invoke: async (channel: string, ...args: unknown[]) => {
      invoked.push([channel, ...args]);
      return answer(channel);
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => emitter.on(channel, listener),
    removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
      emitter.removeListener(channel, listener),
  } as unknown as PreloadIpc;
  const send = (channel: string, payload: unknown) =>
    emitter.emit(channel, { sender: 'ipcRenderer itself' }, payload);
  return {
    ipc,
    invoked,
    send,
    emitter,
    answerWith: (next: typeof answer) => {
      answer = next;
    },
  };
}

describe('createRoleTrayApi', () => {
  it('exposes exactly invoke and on', () => {
    expect(Object.keys(createRoleTrayApi(fakeIpc().ipc)).sort()).toEqual(['invoke', 'on']);
  });

  it('invokes known channels with their one payload', async () => {
    const fake = fakeIpc();
    const api = createRoleTrayApi(fake.ipc);
    expect(await api.invoke('sessions:assume', { profile: 'prod-read-only' })).toEqual({
      ok: true,
      value: 'answer',
    });
    await api.invoke('sessions:list');
    expect(fake.invoked).toEqual([
      ['sessions:assume', { profile: 'prod-read-only' }],
      ['sessions:list', undefined],
    ]);
  });

  it('refuses unknown channels without bothering main', async () => {
    const fake = fakeIpc();
    const api = createRoleTrayApi(fake.ipc) as unknown as { invoke: (channel: unknown) => Promise<unknown> };
    expect(await api.invoke('electron-store-get-data')).toEqual({
      ok: false,
      error: { kind: 'Validation', message: 'There is no request named electron-store-get-data.' },
    });
    expect(await api.invoke(42)).toMatchObject({ ok: false });
    expect(fake.invoked).toEqual([]);
  });

  it('answers a typed error when main could not answer at all', async () => {
    const fake = fakeIpc();
    fake.answerWith(async () => Promise.reject(new Error("No handler registered for 'app:state'")));
    expect(await createRoleTrayApi(fake.ipc).invoke('app:state')).toEqual({
      ok: false,
      error: { kind: 'Internal', message: "RoleTray's main process did not answer app:state." },
    });
  });

  it('passes listeners the payload only, never the IPC event', () => {
    const fake = fakeIpc();
    const api: RoleTrayApi = createRoleTrayApi(fake.ipc);
    const received: unknown[][] = [];
    api.on('mfa:closed', (...args: unknown[]) => void received.push(args));
    fake.send('mfa:closed', { requestId: 'r1' });
    expect(received).toEqual([[{ requestId: 'r1' }]]);
  });

  it('unsubscribes with the function it returns', () => {
    const fake = fakeIpc();
    const api = createRoleTrayApi(fake.ipc);
    const received: unknown[] = [];
    const stop = api.on('sessions:event', (event) => void received.push(event));
    fake.send('sessions:event', { type: 'changed' });
    stop();
    fake.send('sessions:event', { type: 'changed' });
    expect(received).toEqual([{ type: 'changed' }]);
    expect(fake.emitter.listenerCount('sessions:event')).toBe(0);
  });

  it('hands a late mfa:request listener the prompts still open, once, as events', async () => {
    const fake = fakeIpc();
    const api = createRoleTrayApi(fake.ipc);
    const prompt = (requestId: string) => ({
      requestId,
      serial: 'arn:aws:iam::210987654321:mfa/Tyler-Dev',
      profile: 'p',
    });
    fake.send('mfa:request', prompt('r1'));
    fake.send('mfa:request', prompt('r2'));
    fake.send('mfa:closed', { requestId: 'r1' });
    const received: unknown[] = [];
    api.on('mfa:request', (view) => void received.push(view.requestId));
    expect(received).toEqual([]);
    await Promise.resolve();
    expect(received).toEqual(['r2']);
    fake.send('mfa:request', prompt('r3'));
    expect(received).toEqual(['r2', 'r3']);

    // A listener gone before the replay, or a prompt closed before it, gets nothing.
    const late: unknown[] = [];
    api.on('mfa:request', (view) => void late.push(view.requestId))();
    fake.send('mfa:closed', { requestId: 'r2' });
    const other: unknown[] = [];
    api.on('mfa:request', (view) => void other.push(view.requestId));
    fake.send('mfa:closed', { requestId: 'r3' });
    await Promise.resolve();
    expect(late).toEqual([]);
    expect(other).toEqual([]);
  });

  it('refuses unknown events and listeners that are not functions', () => {
    const api = createRoleTrayApi(fakeIpc().ipc) as unknown as {
      on: (event: unknown, listener: unknown) => unknown;
    };
    expect(() => api.on('electron-store-get-data', () => undefined)).toThrow(
      'There is no event named electron-store-get-data.',
    );
    expect(() => api.on('mfa:request', 'not a function')).toThrow('must be a function');
  });
});
