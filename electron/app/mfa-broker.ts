import { randomUUID } from 'node:crypto';
import type { MfaPromptView } from '../../shared/ipc-contract';
import { RoleTrayError } from '../core/errors';
import type { MfaPrompt, MfaRequest } from '../core/sessions/mfa-coordinator';
import type { EventHub } from './event-hub';

// The core's MFA prompt as a UI conversation: each request is published as `mfa:request`, and the
// renderer's dialog answers it with `mfa:answer` (a code, or null to cancel). Open prompts are
// listed for any window that (re)loads (`mfa:open`), so none is lost with a page; one nobody
// answers in time is closed with a sentence, so a device never stays waiting on it.

/** How long a prompt waits for a code: an authenticator shows one at once, so this is forgotten. */
export const MFA_PROMPT_TIMEOUT_MS = 5 * 60_000;

interface Pending {
  view: MfaPromptView;
  resolve: (code: string | undefined) => void;
  timer: NodeJS.Timeout;
}

export class MfaBroker {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly hub: EventHub,
    /** Called when a prompt opens, so the app can bring its MFA window forward. */
    private readonly onPrompt: (view: MfaPromptView) => void = () => undefined,
    private readonly timeoutMs: number = MFA_PROMPT_TIMEOUT_MS,
  ) {}

  readonly prompt: MfaPrompt = (request: MfaRequest) =>
    new Promise((resolve, reject) => {
      const view: MfaPromptView = {
        requestId: randomUUID(),
        serial: request.serial,
        profile: request.profile,
        ...(request.roleArn ? { roleArn: request.roleArn } : {}),
        ...(request.previousError ? { previousError: request.previousError } : {}),
      };
      const timer = setTimeout(() => {
        if (!this.close(view.requestId)) return;
        const seconds = Math.round(this.timeoutMs / 1000);
        const within = seconds >= 120 ? `${Math.round(seconds / 60)} minutes` : `${seconds} seconds`;
        reject(
          new RoleTrayError(
            'MfaCancelled',
            `Nobody entered the MFA code for ${request.profile} within ${within}, so RoleTray stopped waiting; ask again to enter one.`,
            { profile: request.profile },
          ),
        );
      }, this.timeoutMs);
      timer.unref();
      this.pending.set(view.requestId, { view, resolve, timer });
      this.hub.publish('mfa:request', view);
      this.onPrompt(view);
    });

  /** Open prompts, for a window that opens after they were published. */
  open(): MfaPromptView[] {
    return [...this.pending.values()].map((entry) => entry.view);
  }

  /** Returns false when no such prompt is open (already answered, or never asked). */
  answer(requestId: string, code: string | null): boolean {
    const entry = this.close(requestId);
    entry?.resolve(code ?? undefined);
    return entry !== undefined;
  }

  /** Takes the prompt out of the open ones and tells every window; undefined when it was not open. */
  private close(requestId: string): Pending | undefined {
    const entry = this.pending.get(requestId);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.pending.delete(requestId);
    this.hub.publish('mfa:closed', { requestId });
    return entry;
  }

  /** Cancels every open prompt (the app is quitting, the user signed out). */
  cancelAll(): void {
    for (const requestId of [...this.pending.keys()]) this.answer(requestId, null);
  }
}
