import type { AppState } from '../../../shared/ipc-contract';

interface AppHeaderProps {
  appState?: AppState;
  signingOut: boolean;
  onReload: () => void;
  onSignOutAll: () => void;
}

/** The title, the sandbox badge, and the app-wide actions. */
export function AppHeader({ appState, signingOut, onReload, onSignOutAll }: AppHeaderProps) {
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
      <div className="header-actions">
        <button type="button" onClick={onReload}>
          Reload config
        </button>
        <button type="button" className="button-danger" disabled={signingOut} onClick={onSignOutAll}>
          {signingOut ? 'Signing out…' : 'Sign out of all sessions'}
        </button>
      </div>
    </header>
  );
}
