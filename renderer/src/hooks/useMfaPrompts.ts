import { useCallback, useEffect, useRef, useState } from 'react';
import type { MfaPromptView } from '../../../shared/ipc-contract';
import { request } from '../lib/roletray-client';
import { useRoleTrayApi } from '../state/RoleTrayApiContext';
import { useRoleTrayEvent } from './useRoleTrayEvent';

// The MFA conversation with main. `mfa:request` opens a prompt, `mfa:closed` ends it, `mfa:answer`
// replies. After a code is sent the prompt stays on screen as "checking" until AWS has answered:
// a wrong or reused code comes back as a new request for the same device, carrying AWS's words in
// `previousError`, and replaces it; otherwise it goes once nothing is in flight any more.

export interface MfaPromptsOptions {
  /** Keep a sent prompt on screen while this is true (the app: an assume is in flight). */
  holdWhile?: boolean;
  /** How long a sent, closed prompt stays once nothing holds it, waiting for a retry request. */
  lingerMs?: number;
}

export interface MfaPrompts {
  /** The prompt to show, if any. */
  prompt?: MfaPromptView;
  /** Its code was sent and AWS has not answered yet. */
  checking: boolean;
  /** Prompts waiting behind the one shown. */
  waiting: number;
  /** Profiles that have a prompt open, so their rows can say so. */
  profiles: ReadonlySet<string>;
  answer: (code: string) => void;
  cancel: () => void;
}

interface Sent {
  prompt: MfaPromptView;
  closed: boolean;
}

export function useMfaPrompts(options: MfaPromptsOptions = {}): MfaPrompts {
  const api = useRoleTrayApi();
  const { holdWhile = false, lingerMs = 1500 } = options;
  const [open, setOpen] = useState<MfaPromptView[]>([]);
  const [sent, setSent] = useState<Sent>();
  /** Closed while the open prompts were being asked for: not to be shown from that answer. */
  const closed = useRef(new Set<string>());

  useRoleTrayEvent('mfa:request', (view) => {
    setOpen((current) =>
      current.some((prompt) => prompt.requestId === view.requestId) ? current : [...current, view],
    );
    // A new request for the device whose code was just sent is the retry: show it instead.
    setSent((current) => (current && current.prompt.serial === view.serial ? undefined : current));
  });

  useRoleTrayEvent('mfa:closed', ({ requestId }) => {
    closed.current.add(requestId);
    setOpen((current) => current.filter((prompt) => prompt.requestId !== requestId));
    setSent((current) =>
      current && current.prompt.requestId === requestId ? { ...current, closed: true } : current,
    );
  });

  // Prompts opened before this page loaded (or while it reloaded): an event reaches only listeners
  // registered when it is sent, so the page asks once its own (above) are in place.
  useEffect(() => {
    if (!api) return undefined;
    let current = true;
    void request(api, 'mfa:open').then((result) => {
      if (!current || !result.ok) return;
      const shown = result.value.filter((view) => !closed.current.has(view.requestId));
      setOpen((open) => [
        ...open,
        ...shown.filter((view) => !open.some((p) => p.requestId === view.requestId)),
      ]);
    });
    return () => {
      current = false;
    };
  }, [api]);

  useEffect(() => {
    if (!sent?.closed || holdWhile) return undefined;
    const timer = setTimeout(() => setSent(undefined), lingerMs);
    return () => clearTimeout(timer);
  }, [sent, holdWhile, lingerMs]);

  const next = open.find((prompt) => prompt.requestId !== sent?.prompt.requestId);
  const prompt = next ?? sent?.prompt;
  const checking = !next && sent !== undefined;

  const answer = useCallback(
    (code: string) => {
      if (!api || !prompt || checking) return;
      setSent({ prompt, closed: false });
      void request(api, 'mfa:answer', { requestId: prompt.requestId, code }).then((result) => {
        // Answered elsewhere meanwhile (another window, the tray): nothing left to check here.
        if (!result.ok) {
          setSent(undefined);
          setOpen((current) => current.filter((open) => open.requestId !== prompt.requestId));
        }
      });
    },
    [api, prompt, checking],
  );

  const cancel = useCallback(() => {
    if (!prompt) return;
    setOpen((current) => current.filter((open) => open.requestId !== prompt.requestId));
    setSent(undefined);
    if (api && !checking) void request(api, 'mfa:answer', { requestId: prompt.requestId, code: null });
  }, [api, prompt, checking]);

  return {
    ...(prompt ? { prompt } : {}),
    checking,
    waiting: open.filter((view) => view !== prompt).length,
    profiles: new Set(open.map((view) => view.profile)),
    answer,
    cancel,
  };
}
