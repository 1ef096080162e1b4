import type { ProfilesView, RoleView } from '../../shared/profiles-view';
import type { SessionInfo } from '../../shared/sessions';

// The tray menu as data, built from the app's state by one pure function: roles grouped by account,
// favourites first, each role's session and what can be done with it. tray.ts turns it into an
// Electron menu; tests (and Playwright, which cannot click a tray menu) read it as it is.

export type RoleActionKind =
  | 'assume'
  | 'renew'
  | 'end'
  | 'browse-s3'
  | 'open-console'
  | 'open-terminal'
  | 'copy-env'
  | 'open-role'
  | 'copy-arn';
export type AppActionKind = 'open-app' | 'open-mfa' | 'end-all' | 'quit';
export type TrayAction = { kind: RoleActionKind; profile: string } | { kind: AppActionKind };

export interface TrayMenuItem {
  /** Stable and unique: how tests and the click handler find an item. */
  id: string;
  type: 'normal' | 'separator' | 'submenu';
  label?: string;
  enabled?: boolean;
  submenu?: TrayMenuItem[];
  /** What a click does; items without one are labels. */
  action?: TrayAction;
}

export interface TrayMenuState {
  profiles: Pick<ProfilesView, 'configFile' | 'roles' | 'unusable' | 'error'>;
  sessions: SessionInfo[];
  /** Profiles whose MFA prompt is open. */
  pendingMfa: string[];
  /** Profiles a tray action is working on now (assume, renew, end). */
  busy: ReadonlySet<string>;
  now: number;
  homeDir: string;
}

const separator = (id: string): TrayMenuItem => ({ id, type: 'separator' });
const label = (id: string, text: string): TrayMenuItem => ({
  id,
  type: 'normal',
  label: text,
  enabled: false,
});
const command = (id: string, text: string, action: TrayAction, enabled = true): TrayMenuItem => ({
  id,
  type: 'normal',
  label: text,
  enabled,
  action,
});

/** "42 min left", "1 h 5 min left", "under 1 min left": rounded down, as a countdown should be. */
export function formatTimeLeft(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under 1 min left';
  if (minutes < 60) return `${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min left` : `${hours} h left`;
}

/** The path as the user would write it: ~/.aws/config rather than /home/tyler/.aws/config. */
export function displayPath(path: string, homeDir: string): string {
  if (!path) return 'your AWS config';
  const home = homeDir.replace(/[\\/]+$/, '');
  if (home && (path === home || path.startsWith(`${home}/`) || path.startsWith(`${home}\\`))) {
    return `~${path.slice(home.length)}`;
  }
  return path;
}

export function accountLabel(role: Pick<RoleView, 'accountId' | 'accountAlias'>): string {
  return role.accountAlias ? `${role.accountAlias} (${role.accountId})` : role.accountId;
}

export function roleDisplayName(role: Pick<RoleView, 'name' | 'metadata'>): string {
  return role.metadata.displayName ?? role.name;
}

/** Groups in config order, those holding a favourite first; in each, favourites first. */
function groupByAccount(roles: RoleView[]): { accountId: string; label: string; roles: RoleView[] }[] {
  const groups = new Map<string, { accountId: string; label: string; roles: RoleView[] }>();
  for (const role of roles) {
    const group = groups.get(role.accountId) ?? {
      accountId: role.accountId,
      label: accountLabel(role),
      roles: [],
    };
    group.roles.push(role);
    groups.set(role.accountId, group);
  }
  const favouritesFirst = <T>(items: T[], isFavourite: (item: T) => boolean): T[] => [
    ...items.filter(isFavourite),
    ...items.filter((item) => !isFavourite(item)),
  ];
  const isFavourite = (role: RoleView) => role.metadata.favourite === true;
  return favouritesFirst(
    [...groups.values()].map((group) => ({ ...group, roles: favouritesFirst(group.roles, isFavourite) })),
    (group) => group.roles.some(isFavourite),
  );
}

function roleItem(role: RoleView, state: TrayMenuState): TrayMenuItem {
  const profile = role.name;
  const session = state.sessions.find((candidate) => candidate.profile === profile);
  const busy = state.busy.has(profile);
  const needsMfa = role.mfaSerial !== undefined;
  // An ellipsis: the command asks for something more (an MFA code) before it is done.
  const asks = needsMfa ? '…' : '';
  const timeLeft = session ? formatTimeLeft(session.expiresAt - state.now) : undefined;
  const title = [
    `${role.metadata.favourite ? '★ ' : ''}${roleDisplayName(role)}`,
    ...(needsMfa ? ['MFA'] : []),
    ...(busy ? ['working…'] : timeLeft ? [timeLeft] : []),
  ].join(' · ');
  const status = busy
    ? 'Working…'
    : session
      ? `Session: ${timeLeft}${session.mfa ? ', with MFA' : ''}`
      : `No session${needsMfa ? '; assuming asks for an MFA code' : ''}`;
  const sessionCommands = session
    ? [
        command(`renew:${profile}`, `Renew${asks}`, { kind: 'renew', profile }, !busy),
        command(`end:${profile}`, 'End session', { kind: 'end', profile }, !busy),
      ]
    : [command(`assume:${profile}`, `Assume${asks}`, { kind: 'assume', profile }, !busy)];
  return {
    id: `role:${profile}`,
    type: 'submenu',
    label: title,
    submenu: [
      label(`status:${profile}`, status),
      ...(roleDisplayName(role) !== profile ? [label(`profile:${profile}`, `Profile ${profile}`)] : []),
      separator(`separator-session:${profile}`),
      ...sessionCommands,
      separator(`separator-role:${profile}`),
      ...(session
        ? [
            command(`browse-s3:${profile}`, 'Browse S3 buckets', { kind: 'browse-s3', profile }, !busy),
            command(
              `open-console:${profile}`,
              'Open the AWS console',
              { kind: 'open-console', profile },
              !busy,
            ),
            command(`open-terminal:${profile}`, 'Open a terminal', { kind: 'open-terminal', profile }, !busy),
            command(
              `copy-env:${profile}`,
              'Copy as environment variables',
              { kind: 'copy-env', profile },
              !busy,
            ),
          ]
        : []),
      command(`open-role:${profile}`, 'Open in browser window', { kind: 'open-role', profile }),
      command(`copy-arn:${profile}`, 'Copy role ARN', { kind: 'copy-arn', profile }),
    ],
  };
}

export function trayMenuModel(state: TrayMenuState): TrayMenuItem[] {
  const { profiles } = state;
  const items: TrayMenuItem[] = [];
  for (const profile of new Set(state.pendingMfa)) {
    items.push(command(`open-mfa:${profile}`, `Enter the MFA code for ${profile}…`, { kind: 'open-mfa' }));
  }
  if (state.pendingMfa.length) items.push(separator('separator-mfa'));
  if (profiles.error) {
    items.push(
      command('config-error', `Problem in your AWS config: ${profiles.error.message}`, { kind: 'open-app' }),
    );
  }
  if (profiles.roles.length === 0 && !profiles.error) {
    items.push(label('no-roles', `No roles in ${displayPath(profiles.configFile, state.homeDir)}`));
  }
  for (const group of groupByAccount(profiles.roles)) {
    items.push(label(`account:${group.accountId}`, group.label));
    items.push(...group.roles.map((role) => roleItem(role, state)));
  }
  if (profiles.unusable.length) {
    items.push(separator('separator-unusable'), {
      id: 'unusable',
      type: 'submenu',
      label: `Profiles RoleTray cannot use (${profiles.unusable.length})`,
      submenu: profiles.unusable.map((profile) =>
        label(`unusable:${profile.name}`, `${profile.name}: ${profile.reason}`),
      ),
    });
  }
  items.push(
    separator('separator-app'),
    command('open-app', 'Open RoleTray', { kind: 'open-app' }),
    command('end-all', 'Sign out of all sessions', { kind: 'end-all' }, state.sessions.length > 0),
    separator('separator-quit'),
    command('quit', 'Quit RoleTray', { kind: 'quit' }),
  );
  return items;
}

/** The item with this id anywhere in the menu, submenus included. */
export function findMenuItem(items: TrayMenuItem[], id: string): TrayMenuItem | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    const inside = item.submenu ? findMenuItem(item.submenu, id) : undefined;
    if (inside) return inside;
  }
  return undefined;
}

/** The tray icon's tooltip: how many sessions are active. */
export function trayToolTip(sessions: SessionInfo[]): string {
  if (sessions.length === 0) return 'RoleTray: no active sessions';
  return sessions.length === 1
    ? `RoleTray: ${sessions[0]!.profile} active`
    : `RoleTray: ${sessions.length} active sessions`;
}
