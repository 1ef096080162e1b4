import type {
  IpcResult,
  RequestChannel,
  RequestOf,
  ResponseOf,
  RoleTrayApi,
} from '../../../shared/ipc-contract';
import { unreachable } from './error-text';

// One way to ask main for something: always an IpcResult, even when the request never arrived (the
// preload or bridge is gone), so every caller handles failure as a sentence and nothing throws.

export type RequestArgs<C extends RequestChannel> = RequestOf<C> extends void ? [] : [RequestOf<C>];

const WHAT: Record<RequestChannel, string> = {
  'app:state': 'read its state',
  'profiles:list': 'list your roles',
  'profiles:reload': 'reload your AWS config',
  'profiles:update-metadata': 'save the role’s settings',
  'sessions:list': 'list your sessions',
  'sessions:assume': 'assume the role',
  'sessions:renew': 'renew the session',
  'sessions:end': 'end the session',
  'sessions:end-all': 'sign out of all sessions',
  'identity:get': 'look up the identity',
  'mfa:answer': 'send the MFA code',
  'mfa:open': 'read the open MFA prompts',
  's3:buckets': 'list the buckets',
  's3:list': 'list the folder',
  's3:list-stop': 'stop the listing',
  's3:folder-size': 'count the folder',
  's3:head': 'read the object’s details',
  's3:preview': 'preview the object',
  's3:download': 'start the download',
  's3:download-cancel': 'cancel the download',
  's3:presign': 'make a presigned link',
  'handoff:status': 'read how the role is shared',
  'handoff:copy-env': 'copy the environment variables',
  'handoff:cli-cache': 'change sharing with the AWS CLI',
  'handoff:credentials-file': 'change the credentials file',
  'handoff:open-terminal': 'open a terminal',
  'handoff:open-console': 'open the AWS console',
  'keys:add': 'add the access keys',
  'keys:move-in': 'move the keys into RoleTray',
  'keys:put-back': 'put the keys back',
  'keys:rotate': 'rotate the keys',
  'sso:status': 'read your IAM Identity Center sign-ins',
  'sso:sign-in': 'sign in to IAM Identity Center',
  'sso:open-device-page': 'open the sign-in page',
  'sso:sign-in-cancel': 'stop the sign-in',
  'sso:sign-out': 'sign out of IAM Identity Center',
  'sso:instances': 'list your IAM Identity Center accounts',
  'sso:discover': 'list your IAM Identity Center accounts',
  'sso:write-profiles': 'change the profiles in your AWS config',
  // MFA sessions.
  'mfa:sessions': 'list your MFA sessions',
  'mfa:forget': 'forget the MFA session',
  // Settings.
  'settings:get': 'read your settings',
  'settings:set': 'save your settings',
  // The quick switcher's "hide me".
  'switcher:close': 'close the quick switcher',
};

export async function request<C extends RequestChannel>(
  api: RoleTrayApi,
  channel: C,
  ...args: RequestArgs<C>
): Promise<IpcResult<ResponseOf<C>>> {
  try {
    return await api.invoke(channel, ...args);
  } catch {
    return { ok: false, error: unreachable(WHAT[channel]) };
  }
}

/** An id for a listing or a download, unique in this window (main accepts up to 64 characters). */
export function newRequestId(kind: string): string {
  const random =
    typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `${kind}-${random}`;
}

/** `window.roletray`, or undefined when the page was opened without the preload or the bridge. */
export function roleTrayApi(): RoleTrayApi | undefined {
  return window.roletray;
}
