import type { IpcResult, RequestChannel, RequestOf, ResponseOf } from '../../shared/ipc-contract';
import type { RoleTrayErrorInfo } from '../../shared/errors';
import type { ShellKind } from '../../shared/handoff-view';
import type { CopyableRoleArn } from '../app/role-arn';
import type { TrayAction } from './tray-menu';

// What a tray click does. Requests go through the same dispatch as the renderer's, and a failure
// always reaches the user as a sentence: a tray menu that fails silently is what users complain about.

export interface UserMessage {
  title: string;
  body: string;
}

export interface TrayActionDeps {
  request<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>>;
  /** The ARN to copy for the profile, or why there is none (copyableRoleArn). */
  roleArn(profile: string): CopyableRoleArn;
  writeClipboard(text: string): Promise<void>;
  showMainWindow(role?: string): void;
  /** The main window on the S3 browser, browsing with that role's session. */
  showS3Browser(profile: string): void;
  showMfaPrompt(): void;
  quit(): void;
  tellUser(message: UserMessage): void;
  setBusy(profile: string, busy: boolean): void;
  /** The shell whose syntax "Copy as environment variables" writes (PowerShell on Windows). */
  shell: ShellKind;
}

const SESSION_REQUESTS = {
  assume: { channel: 'sessions:assume', doing: 'assume' },
  renew: { channel: 'sessions:renew', doing: 'renew' },
  end: { channel: 'sessions:end', doing: 'end the session of' },
} as const;

/** The sentence for a failed request, or nothing when the user chose it (closed the MFA dialog). */
export function failureMessage(doing: string, error: RoleTrayErrorInfo): UserMessage | undefined {
  if (error.kind === 'MfaCancelled') return undefined;
  return { title: `RoleTray could not ${doing}`, body: error.message };
}

async function sessionRequest(
  kind: keyof typeof SESSION_REQUESTS,
  profile: string,
  deps: TrayActionDeps,
): Promise<void> {
  const { channel, doing } = SESSION_REQUESTS[kind];
  deps.setBusy(profile, true);
  try {
    const result = await deps.request(channel, { profile });
    const message = result.ok ? undefined : failureMessage(`${doing} ${profile}`, result.error);
    if (message) deps.tellUser(message);
  } finally {
    deps.setBusy(profile, false);
  }
}

/** A hand-off from the tray: its failure is a sentence too (an MFA dialog closed is not one). */
async function handoff(deps: TrayActionDeps, doing: string, ask: () => Promise<IpcResult<unknown>>) {
  const result = await ask();
  const message = result.ok ? undefined : failureMessage(doing, result.error);
  if (message) deps.tellUser(message);
}

export async function runTrayAction(action: TrayAction, deps: TrayActionDeps): Promise<void> {
  try {
    switch (action.kind) {
      case 'assume':
      case 'renew':
      case 'end':
        return await sessionRequest(action.kind, action.profile, deps);
      case 'browse-s3':
        return deps.showS3Browser(action.profile);
      case 'open-console':
        return await handoff(deps, `open the AWS console as ${action.profile}`, () =>
          deps.request('handoff:open-console', { profile: action.profile }),
        );
      case 'open-terminal':
        return await handoff(deps, `open a terminal as ${action.profile}`, () =>
          deps.request('handoff:open-terminal', { profile: action.profile }),
        );
      case 'copy-env':
        return await handoff(deps, `copy ${action.profile}'s variables`, () =>
          deps.request('handoff:copy-env', { profile: action.profile, shell: deps.shell }),
        );
      case 'open-role':
        return deps.showMainWindow(action.profile);
      case 'copy-arn': {
        const copyable = deps.roleArn(action.profile);
        if ('problem' in copyable) {
          return deps.tellUser({ title: 'RoleTray could not copy the role ARN', body: copyable.problem });
        }
        return await deps.writeClipboard(copyable.arn);
      }
      case 'open-app':
        return deps.showMainWindow();
      case 'open-mfa':
        return deps.showMfaPrompt();
      case 'end-all': {
        const result = await deps.request('sessions:end-all', undefined);
        const message = result.ok ? undefined : failureMessage('sign out of all sessions', result.error);
        if (message) deps.tellUser(message);
        return;
      }
      case 'quit':
        return deps.quit();
    }
  } catch (error) {
    // A bug in the glue (the clipboard, a window): still a sentence, never a silent click.
    deps.tellUser({
      title: 'RoleTray could not do that',
      body: `Something went wrong: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}
