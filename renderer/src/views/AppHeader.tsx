import type { ReactNode } from 'react';
import { useRoleTray } from '../state/RoleTrayContext';
import { SignOutAllButton } from './SignOutAllButton';

interface AppHeaderProps {
  view: 'roles' | 'browse';
  rolesHref: string;
  browseHref: string;
  /** Called as the user leaves the browser for the roles (to remember where the browser was). */
  onLeaveBrowser: () => void;
  /** The MFA sessions kept now (the sign-out question counts them). */
  mfaSessionCount: number;
  /** App-wide actions shown before the sign-out (Settings). */
  extraActions?: ReactNode;
}

/** The title, the sandbox badge, the two views (roles, S3 browser) and the app-wide actions. */
export function AppHeader({
  view,
  rolesHref,
  browseHref,
  onLeaveBrowser,
  mfaSessionCount,
  extraActions,
}: AppHeaderProps) {
  const { data, actions } = useRoleTray();
  const { appState } = data;
  return (
    <header className="app-header">
      <div className="brand">
        <h1 id="app-title">RoleTray</h1>
        {appState?.sandbox && (
          <span
            className="badge badge-sandbox"
            title={`RoleTray is using its built-in AWS sandbox; profiles from ${appState.sandbox.configFile}`}
          >
            Sandbox
          </span>
        )}
      </div>
      <nav className="view-nav" aria-label="Views">
        <a
          href={rolesHref}
          className="view-link"
          aria-current={view === 'roles' ? 'page' : undefined}
          onClick={view === 'browse' ? onLeaveBrowser : undefined}
        >
          Roles
        </a>
        <a href={browseHref} className="view-link" aria-current={view === 'browse' ? 'page' : undefined}>
          Browse S3
        </a>
      </nav>
      <div className="header-actions">
        <button type="button" onClick={() => void actions.reload()}>
          Reload config
        </button>
        {extraActions}
        <SignOutAllButton mfaSessionCount={mfaSessionCount} />
      </div>
    </header>
  );
}
