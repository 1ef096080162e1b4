import { useRef, useState } from 'react';
import { useFocusRole } from './hooks/useFocusRole';
import { useMfaPrompts } from './hooks/useMfaPrompts';
import { useRoleTray } from './hooks/useRoleTray';
import { useSlashToSearch } from './hooks/useSlashToSearch';
import { AppHeader } from './views/AppHeader';
import { ConfigProblems } from './views/ConfigProblems';
import { EmptyRoles } from './views/EmptyRoles';
import { ErrorText } from './views/ErrorText';
import { IdentityPanel } from './views/IdentityPanel';
import { MfaDialog } from './views/MfaDialog';
import { PersistenceNotice } from './views/PersistenceNotice';
import { RolesView } from './views/RolesView';

interface AppProps {
  /** The role named in the window's `#role=` hash. */
  openedOn?: string;
}

/** The main window: roles, identity, notices, and the MFA dialog when a code is asked for. */
export function App({ openedOn }: AppProps) {
  const { api, data, actions } = useRoleTray();
  const busy = Object.values(actions.pending).some((action) => action !== 'end');
  const mfa = useMfaPrompts(api, { holdWhile: busy, lingerMs: 250 });
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(openedOn);
  // A new `#role=` (the tray pointing this window at another role) selects that role.
  const [lastOpenedOn, setLastOpenedOn] = useState(openedOn);
  if (openedOn !== lastOpenedOn) {
    setLastOpenedOn(openedOn);
    if (openedOn) setSelected(openedOn);
  }
  const searchRef = useRef<HTMLInputElement>(null);
  useSlashToSearch(searchRef);

  const { profiles, sessions, appState } = data;
  const roles = profiles?.roles ?? [];
  const selectedRole = roles.find((role) => role.name === selected);
  const selectedSession = sessions.find((session) => session.profile === selected);
  useFocusRole(
    openedOn,
    roles.some((role) => role.name === openedOn),
  );

  const assume = (profile: string) => {
    setSelected(profile);
    void actions.assume(profile);
  };
  const renew = (profile: string) => {
    setSelected(profile);
    void actions.renew(profile);
  };

  if (!api) {
    return (
      <main className="app-shell" aria-labelledby="app-title">
        <h1 id="app-title">RoleTray</h1>
        <p className="error-text" role="alert">
          This window is not connected to RoleTray: open it from the RoleTray tray icon (or through{' '}
          <code>npm run preview</code> in a browser).
        </p>
      </main>
    );
  }

  return (
    <div className="app-shell">
      <AppHeader
        {...(appState ? { appState } : {})}
        signingOut={actions.signingOut}
        onReload={() => void actions.reload()}
        onSignOutAll={() => void actions.endAll()}
      />
      <div className="notices">
        {appState && <PersistenceNotice persistence={appState.persistence} />}
        {data.loadError && <ErrorText error={data.loadError} />}
        {actions.generalError && (
          <ErrorText
            error={actions.generalError}
            dismissLabel="Dismiss the error"
            onDismiss={() => actions.dismissError()}
          />
        )}
      </div>
      <main className="app-main" aria-labelledby="app-title">
        <div className="roles-column">
          {!profiles ? (
            <p className="muted" role="status">
              Reading your AWS config…
            </p>
          ) : roles.length === 0 && !profiles.error ? (
            <EmptyRoles configFile={profiles.configFile} />
          ) : (
            <RolesView
              roles={roles}
              sessions={sessions}
              pending={actions.pending}
              errors={actions.errors}
              notices={data.notices}
              awaitingMfa={mfa.profiles}
              query={query}
              onQueryChange={setQuery}
              searchRef={searchRef}
              {...(selected ? { selected } : {})}
              onSelect={setSelected}
              onAssume={assume}
              onRenew={renew}
              onEnd={(profile) => void actions.end(profile)}
              onDismissError={actions.dismissError}
              onUpdateMetadata={actions.updateMetadata}
            />
          )}
          {profiles && <ConfigProblems profiles={profiles} />}
        </div>
        <IdentityPanel
          api={api}
          bases={profiles?.bases ?? []}
          {...(selectedRole ? { selected: selectedRole } : {})}
          {...(selectedSession ? { session: selectedSession } : {})}
        />
      </main>
      <footer className="app-footer">
        <p role="status" className="muted">
          {actions.status}
        </p>
        {appState && <p className="muted">RoleTray {appState.version}</p>}
      </footer>
      {mfa.prompt && (
        <MfaDialog
          prompt={mfa.prompt}
          checking={mfa.checking}
          waiting={mfa.waiting}
          onAnswer={mfa.answer}
          onCancel={mfa.cancel}
        />
      )}
    </div>
  );
}
