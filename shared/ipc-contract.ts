// The one IPC contract between main and the renderer: every channel with its request and response
// types. Main and renderer import it, so a channel's name and payload cannot drift apart. Payloads are
// validated in main by the schemas in ipc-schemas.ts. Nothing here carries a key or a token.
import type { RoleTrayErrorInfo } from './errors';
import type { HandoffStatus, ShellKind } from './handoff-view';
import type { HeldKeysResult } from './held-keys-view';
import type { DeviceCodeView, IdentityCenterStatus, SignInMethod } from './identity-center-view';
import type { ProfilesView } from './profiles-view';
import type {
  BucketView,
  DownloadProgress,
  FolderSize,
  ListingPage,
  ObjectDetails,
  ObjectPreview,
  PresignedUrl,
} from './s3-view';
import type { Identity, MfaSessionInfo, ProfileMetadata, SessionEvent, SessionInfo } from './sessions';
import type { SettingsPatch, SettingsView } from './settings-view';
import type { SsoDiscoveryEvent, SsoInstanceView } from './sso-accounts-view';

/** Why the quick switcher asks to close: it did what was asked, Escape, or it lost the focus. */
export type SwitcherCloseReason = 'done' | 'escape' | 'blur';

export interface MfaPromptView {
  /** Answer with `mfa:answer` and this id. */
  requestId: string;
  serial: string;
  profile: string;
  roleArn?: string;
  /** AWS's words about the previous code, when this is a retry. */
  previousError?: string;
}

export interface AppState {
  version: string;
  /** Where sessions live: encrypted on disk, or in memory only (and why). */
  persistence: { mode: 'encrypted'; backend: string } | { mode: 'memory'; reason: string };
  /** Set when the app runs against the built-in sandbox rather than the user's AWS. */
  sandbox?: { configFile: string };
}

export interface MetadataPatch {
  displayName?: string | null;
  color?: string | null;
  favourite?: boolean | null;
}

/** Renderer → main, answered once. */
export interface RequestChannels {
  'app:state': { request: void; response: AppState };
  'profiles:list': { request: void; response: ProfilesView };
  'profiles:reload': { request: void; response: ProfilesView };
  'profiles:update-metadata': {
    request: { profile: string; patch: MetadataPatch };
    response: ProfileMetadata;
  };
  'sessions:list': { request: void; response: SessionInfo[] };
  'sessions:assume': { request: { profile: string }; response: SessionInfo };
  'sessions:renew': { request: { profile: string }; response: SessionInfo };
  'sessions:end': { request: { profile: string }; response: void };
  'sessions:end-all': { request: void; response: void };
  'identity:get': { request: { profile: string }; response: Identity };
  // The S3 browser: every channel reads; none writes to S3 (see S3_CHANNELS).
  's3:buckets': { request: { profile: string }; response: BucketView[] };
  /** Starts a listing whose pages arrive as `s3:listing` events with this id. */
  's3:list': {
    request: { profile: string; bucket: string; prefix: string; listingId: string };
    response: void;
  };
  's3:list-stop': { request: { listingId: string }; response: void };
  /** Counts what a folder download would fetch; `s3:list-stop` with `countId` stops the count. */
  's3:folder-size': {
    request: { profile: string; bucket: string; prefix: string; countId: string };
    response: FolderSize;
  };
  's3:head': { request: { profile: string; bucket: string; key: string }; response: ObjectDetails };
  's3:preview': { request: { profile: string; bucket: string; key: string }; response: ObjectPreview };
  /** Asks main for a destination (a save dialog), then streams; progress arrives as `s3:download` events. */
  's3:download': {
    request: { profile: string; bucket: string; key?: string; prefix?: string; downloadId: string };
    response: void;
  };
  's3:download-cancel': { request: { downloadId: string }; response: void };
  's3:presign': {
    request: { profile: string; bucket: string; key: string; expiresInSeconds: number };
    response: PresignedUrl;
  };
  'mfa:answer': { request: { requestId: string; code: string | null }; response: void };
  /** The prompts open now: a window that (re)loads asks, so a prompt is never lost with a page. */
  'mfa:open': { request: void; response: MfaPromptView[] };
  // Handing a session to the terminal and the console: main does the work, nothing secret returns.
  'handoff:status': { request: { profile: string }; response: HandoffStatus };
  /** Main copies `export AWS_...` lines for that shell straight to the clipboard. */
  /** `clearedAfterSeconds`: when RoleTray takes the copy off the clipboard (if still there), or null. */
  'handoff:copy-env': {
    request: { profile: string; shell: ShellKind };
    response: { clearedAfterSeconds: number | null };
  };
  'handoff:cli-cache': { request: { profile: string; enabled: boolean }; response: HandoffStatus };
  /** Writes the session into the credentials file under `profileName`; null stops and removes it. */
  'handoff:credentials-file': {
    request: { profile: string; profileName: string | null };
    response: HandoffStatus;
  };
  'handoff:open-terminal': { request: { profile: string }; response: void };
  'handoff:open-console': { request: { profile: string }; response: void };
  // Keys RoleTray holds instead of the credentials file (encrypted with safeStorage).
  /**
   * The one request that carries a secret, and only towards main: keys the user typed for a new
   * profile. Nothing secret is ever answered.
   */
  'keys:add': {
    request: { profile: string; accessKeyId: string; secretAccessKey: string };
    response: HeldKeysResult;
  };
  'keys:move-in': { request: { profile: string }; response: HeldKeysResult };
  'keys:put-back': { request: { profile: string }; response: HeldKeysResult };
  'keys:rotate': { request: { profile: string }; response: HeldKeysResult };
  /** Every IAM Identity Center sign-in the profiles use, in file order. */
  'sso:status': { request: void; response: IdentityCenterStatus[] };
  /**
   * Signs in to the Identity Center `profile` uses (an SSO profile or a role chained from one);
   * answers once signed in. While a device code waits, `sso:device-code` carries it.
   */
  'sso:sign-in': { request: { profile: string; method: SignInMethod }; response: IdentityCenterStatus };
  /** Opens the waiting device code's page in the browser (main holds its URL). */
  'sso:open-device-page': { request: { profile: string }; response: void };
  /** Stops a sign-in still waiting for the browser or the device code. */
  'sso:sign-in-cancel': { request: { profile: string }; response: void };
  /** Logout at the portal, the token file removed, the sessions from that sign-in ended. */
  'sso:sign-out': { request: { profile: string }; response: IdentityCenterStatus };
  // IAM Identity Center: the accounts and roles a sign-in gives, nothing secret.
  /** Every instance the config names, with its last discovered accounts. */
  'sso:instances': { request: void; response: SsoInstanceView[] };
  /** Lists the instance's accounts and roles again; they arrive as `sso:discovery` events meanwhile. */
  'sso:discover': { request: { startUrl: string }; response: SsoInstanceView };
  /** Keeps (or removes) RoleTray's managed block of the instance's profiles in the AWS config. */
  'sso:write-profiles': {
    request: { startUrl: string; template: string; enabled: boolean };
    response: SsoInstanceView;
  };
  // MFA sessions (GetSessionToken per source keys and device): listed and forgotten; changes arrive as sessions:event.
  'mfa:sessions': { request: void; response: MfaSessionInfo[] };
  /** Drops the device's MFA session from memory and the store: the next assume needing it asks for a code. */
  'mfa:forget': { request: { device: string }; response: void };
  // Settings: read, and changed by a partial patch (applied by main: shortcut, login item, durations).
  'settings:get': { request: void; response: SettingsView };
  'settings:set': { request: SettingsPatch; response: SettingsView };
  /** The quick switcher is done (a role assumed or handed off) or dismissed: main hides its window. */
  'switcher:close': { request: { reason: SwitcherCloseReason }; response: void };
}

/** Main → renderer, pushed. */
export interface EventChannels {
  'sessions:event': SessionEvent;
  'profiles:changed': ProfilesView;
  'mfa:request': MfaPromptView;
  /** The prompt was answered elsewhere (another window, the tray) or is no longer needed. */
  'mfa:closed': { requestId: string };
  's3:listing': ListingPage;
  's3:download': DownloadProgress;
  'sso:device-code': DeviceCodeView;
  'sso:discovery': SsoDiscoveryEvent;
  /** Settings changed (in any window, or by main): every window applies them (the theme). */
  'settings:changed': SettingsView;
  /** A sign-in's status changed: RoleTray's own, or another tool's (`aws sso login`/`logout`). */
  'sso:changed': IdentityCenterStatus;
}

export type RequestChannel = keyof RequestChannels;
export type EventChannel = keyof EventChannels;
export type RequestOf<C extends RequestChannel> = RequestChannels[C]['request'];
export type ResponseOf<C extends RequestChannel> = RequestChannels[C]['response'];

/** The S3 browser's channels; each only reads from S3 (a test holds this list to that). */
export const S3_CHANNELS = [
  's3:buckets',
  's3:list',
  's3:list-stop',
  's3:folder-size',
  's3:head',
  's3:preview',
  's3:download',
  's3:download-cancel',
  's3:presign',
] as const satisfies readonly RequestChannel[];

/** IAM Identity Center's sign-in channels. */
export const SSO_CHANNELS = [
  'sso:status',
  'sso:sign-in',
  'sso:open-device-page',
  'sso:sign-in-cancel',
  'sso:sign-out',
] as const satisfies readonly RequestChannel[];

export const REQUEST_CHANNELS = [
  'app:state',
  'profiles:list',
  'profiles:reload',
  'profiles:update-metadata',
  'sessions:list',
  'sessions:assume',
  'sessions:renew',
  'sessions:end',
  'sessions:end-all',
  'identity:get',
  'mfa:answer',
  'mfa:open',
  ...S3_CHANNELS,
  'handoff:status',
  'handoff:copy-env',
  'handoff:cli-cache',
  'handoff:credentials-file',
  'handoff:open-terminal',
  'handoff:open-console',
  'keys:add',
  'keys:move-in',
  'keys:put-back',
  'keys:rotate',
  ...SSO_CHANNELS,
  'sso:instances',
  'sso:discover',
  'sso:write-profiles',
  // MFA sessions: list, forget.
  'mfa:sessions',
  'mfa:forget',
  // Settings: read, change.
  'settings:get',
  'settings:set',
  // The quick switcher asks main to hide its window.
  'switcher:close',
] as const satisfies readonly RequestChannel[];

export const EVENT_CHANNELS = [
  'sessions:event',
  'profiles:changed',
  'mfa:request',
  'mfa:closed',
  's3:listing',
  's3:download',
  'sso:device-code',
  'sso:discovery',
  // Settings changed.
  'settings:changed',
  // A sign-in's status, when its token file changes (sso-status-watch.ts).
  'sso:changed',
] as const satisfies readonly EventChannel[];

/** Every answer: a value, or a typed error with a sentence. Never a stack trace. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: RoleTrayErrorInfo };

/** What `window.roletray` offers, in Electron (the preload) and in the browser (the bridge shim). */
export interface RoleTrayApi {
  invoke<C extends RequestChannel>(
    channel: C,
    ...request: RequestOf<C> extends void ? [] : [RequestOf<C>]
  ): Promise<IpcResult<ResponseOf<C>>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventChannels[E]) => void): () => void;
}
