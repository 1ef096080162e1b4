import { randomUUID } from 'node:crypto';
import type { MfaPromptView } from '../../shared/ipc-contract';
import type { MfaPrompt, MfaRequest } from '../core/sessions/mfa-coordinator';
import type { EventHub } from './event-hub';

// The core's MFA prompt as a UI conversation: each request is published as `mfa:request`, and the
// renderer's dialog answers it with `mfa:answer` (a code, or null to cancel).

export class MfaBroker {
  private readonly pending = new Map<
    string,
    { view: MfaPromptView; resolve: (code: string | undefined) => void }
  >();

  constructor(
    private readonly hub: EventHub,
    /** Called when a prompt opens, so the app can bring its MFA window forward. */
    private readonly onPrompt: (view: MfaPromptView) => void = () => undefined,
  ) {}

  readonly prompt: MfaPrompt = (request: MfaRequest) =>
    new Promise((resolve) => {
      const view: MfaPromptView = {
        requestId: randomUUID(),
        serial: request.serial,
        profile: request.profile,
        ...(request.roleArn ? { roleArn: request.roleArn } : {}),
        ...(request.previousError ? { previousError: request.previousError } : {}),
      };
      this.pending.set(view.requestId, { view, resolve });
      this.hub.publish('mfa:request', view);
      this.onPrompt(view);
    });

  /** Open prompts, for a window that opens after they were published. */
  open(): MfaPromptView[] {
    return [...this.pending.values()].map((entry) => entry.view);
  }

  /** Returns false when no such prompt is open (already answered, or never asked). */
  answer(requestId: string, code: string | null): boolean {
    const entry = this.pending.get(requestId);
    if (!entry) return false;
    this.pending.delete(requestId);
    this.hub.publish('mfa:closed', { requestId });
    entry.resolve(code ?? undefined);
    return true;
  }

  /** Cancels every open prompt (the app is quitting, the user signed out). */
  cancelAll(): void {
    for (const requestId of [...this.pending.keys()]) this.answer(requestId, null);
  }
}
