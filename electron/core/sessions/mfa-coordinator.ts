import { RoleTrayError } from '../errors';
import { SingleFlight } from '../single-flight';

// One MFA prompt per device at a time. Requests that can share what one code unlocks (an MFA
// session) wait on the same prompt; requests that each need their own code (a direct AssumeRole
// with MFA) queue behind each other, so the user never sees two dialogs for one device.

export interface MfaRequest {
  /** The MFA device's ARN (`mfa_serial`). */
  serial: string;
  /** The profile the user asked for. */
  profile: string;
  roleArn?: string;
  /** Why a code is needed again: AWS's message about the previous code. */
  previousError?: string;
}

/** Asks the user for a code; resolves undefined when they cancel. */
export type MfaPrompt = (request: MfaRequest) => Promise<string | undefined>;

export class MfaCoordinator {
  private readonly shared = new SingleFlight();
  private readonly deviceQueues = new Map<string, Promise<unknown>>();

  constructor(private readonly prompt: MfaPrompt) {}

  /**
   * Asks for a code and runs `use` with it, asking again (with AWS's message) while AWS says the
   * code is invalid. `shareKey`: concurrent callers with the same key get the same result.
   */
  withCode<T>(request: MfaRequest, use: (code: string) => Promise<T>, shareKey?: string): Promise<T> {
    const run = () => this.onDevice(request.serial, () => this.askAndUse(request, use));
    return shareKey === undefined ? run() : this.shared.run(shareKey, run);
  }

  private onDevice<T>(serial: string, work: () => Promise<T>): Promise<T> {
    const previous = this.deviceQueues.get(serial) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.deviceQueues.set(serial, settled);
    void settled.then(() => {
      if (this.deviceQueues.get(serial) === settled) this.deviceQueues.delete(serial);
    });
    return next;
  }

  private async askAndUse<T>(request: MfaRequest, use: (code: string) => Promise<T>): Promise<T> {
    let previousError: string | undefined;
    for (;;) {
      const code = await this.prompt(previousError === undefined ? request : { ...request, previousError });
      if (code === undefined) {
        throw new RoleTrayError('MfaCancelled', `MFA code entry for ${request.profile} was cancelled.`, {
          profile: request.profile,
        });
      }
      if (!/^\d{6}$/.test(code)) {
        previousError = 'An MFA code is 6 digits.';
        continue;
      }
      try {
        return await use(code);
      } catch (error) {
        if (error instanceof RoleTrayError && error.kind === 'MfaInvalid') {
          previousError = error.info.awsMessage ?? error.message;
          continue;
        }
        throw error;
      }
    }
  }
}
