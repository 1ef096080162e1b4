import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  EVENT_CHANNELS,
  REQUEST_CHANNELS,
  type EventChannel,
  type EventChannels,
  type IpcResult,
  type MfaPromptView,
  type RoleTrayApi,
} from '../../shared/ipc-contract';

// `window.roletray`: the contract's two verbs and nothing else. The channel lists are bundled into the
// preload (it runs sandboxed and can require only `electron`), and ipcRenderer never leaves this file:
// listeners get the payload, not the event, whose `sender` is ipcRenderer itself.

const requests = new Set<string>(REQUEST_CHANNELS);
const events = new Set<string>(EVENT_CHANNELS);

export type PreloadIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function createRoleTrayApi(ipc: PreloadIpc): RoleTrayApi {
  // MFA prompts open now. The preload runs before the page, so it hears every prompt sent to this
  // window (main resends the open ones when a page loads); a page that subscribes later, once React
  // has rendered, is handed them too instead of waiting for a prompt that was already sent.
  const openPrompts = new Map<string, MfaPromptView>();
  ipc.on('mfa:request', (_event: IpcRendererEvent, view: MfaPromptView) =>
    openPrompts.set(view.requestId, view),
  );
  ipc.on('mfa:closed', (_event: IpcRendererEvent, { requestId }: { requestId: string }) =>
    openPrompts.delete(requestId),
  );

  return {
    invoke: ((channel: string, ...request: unknown[]): Promise<IpcResult<unknown>> => {
      if (typeof channel !== 'string' || !requests.has(channel)) {
        return Promise.resolve({
          ok: false,
          error: {
            kind: 'Validation',
            message: `There is no request named ${String(channel).slice(0, 64)}.`,
          },
        });
      }
      // Main answers every request with an IpcResult; a rejection means it could not answer at all.
      return (ipc.invoke(channel, request[0]) as Promise<IpcResult<unknown>>).catch(() => ({
        ok: false,
        error: { kind: 'Internal', message: `RoleTray's main process did not answer ${channel}.` },
      }));
    }) as RoleTrayApi['invoke'],
    on: <E extends EventChannel>(event: E, listener: (payload: EventChannels[E]) => void): (() => void) => {
      if (typeof event !== 'string' || !events.has(event)) {
        throw new TypeError(`There is no event named ${String(event).slice(0, 64)}.`);
      }
      if (typeof listener !== 'function') throw new TypeError(`A listener for ${event} must be a function.`);
      let subscribed = true;
      const forward = (_event: IpcRendererEvent, payload: EventChannels[E]) => listener(payload);
      ipc.on(event, forward);
      if (event === 'mfa:request') {
        const pending = [...openPrompts.values()] as EventChannels[E][];
        // After `on` returns, as an event would arrive; skipped if unsubscribed or closed meanwhile.
        queueMicrotask(() => {
          for (const view of pending) {
            if (subscribed && openPrompts.has((view as MfaPromptView).requestId)) listener(view);
          }
        });
      }
      return () => {
        subscribed = false;
        ipc.removeListener(event, forward);
      };
    },
  };
}
