import { useRef, useState } from 'react';
import type { SessionInfo } from '../../shared/sessions';
import { useFocusRole } from './hooks/useFocusRole';
import { useMfaSessions } from './hooks/useMfaSessions';
import { useSettings } from './hooks/useSettings';
import type { RolePanel } from './hooks/useRoleCommands';
import { useNow } from './hooks/useNow';
import { statusSentence } from './lib/status-model';
import { useSlashToSearch } from './hooks/useSlashToSearch';
import { browseHash, roleHash, type BrowseTarget } from '../../shared/app-hash';
import { useRoleTray } from './state/RoleTrayContext';
import { AppHeader } from './views/AppHeader';
import { BrowseView } from './views/browse/BrowseView';
import { ConfigProblems } from './views/ConfigProblems';
import { EmptyRoles } from './views/EmptyRoles';
import { ErrorText } from './views/ErrorText';
import { IdentityPanel } from './views/IdentityPanel';
import { MfaDialog } from './views/MfaDialog';
import { MfaSessions } from './views/MfaSessions';
import { PersistenceNotice } from './views/PersistenceNotice';
import { RoleDetails } from './views/RoleDetails';
import { RolesView } from './views/RolesView';
import { SettingsDialog } from './views/SettingsDialog';
import { UnreachableNotice } from './views/UnreachableNotice';

interface AppProps {
  /** The role named in the window's `#role=` hash. */
  openedOn?: string;
  /** The place in the S3 browser named by `#browse=`: the window shows the browser. */
  browse?: BrowseTarget;
}

/** The session to browse with when the hash names none: the selected role's, else the newest. */
function defaultBrowseProfile(sessions: readonly SessionInfo[], selected: string | undefined) {
  const now = Date.now();
  const active = sessions.filter((session) => session.expiresAt > now);
  if (selected && active.some((session) => session.profile === selected)) return selected;
  return [...active].sort((a, b) => b.issuedAt - a.issuedAt)[0]?.profile;
}

/**
 * The main window: roles and identity, or the S3 browser (`#browse=`); notices, and the MFA dialog
 * when a code is asked for (renewing a session from the browser may ask for one too). Inside a
 * RoleTrayProvider.
 */
export function App({ openedOn, browse }: AppProps) {
  const { data, actions, mfa, selection } = useRoleTray();
  const { selected } = selection;
  const [query, setQuery] = useState('');
  // The hand-off panel or editor open beside the list, for the role it was opened on.
  const [panel, setPanel] = useState<{ profile: string; panel: RolePanel }>();
  const openPanel = (profile: string, which: RolePanel) => {
    selection.select(profile);
    setPanel({ profile, panel: which });
  };
  const searchRef = useRef<HTMLInputElement>(null);
  useSlashToSearch(searchRef);

  const { profiles, sessions, appState } = data;
  const mfaSessions = useMfaSessions();
  // Read here so the theme applies from the start, not only once Settings is opened.
  const settings = useSettings();
  const [settingsOpen, setSettingsOpen] = useState(false);
  // The footer's sentence is checked against the sessions as they are now (and as time passes).
  const now = useNow(5000);
  const roles = profiles?.roles ?? [];
  useFocusRole(
    openedOn,
    roles.some((role) => role.name === openedOn),
  );

  // Where the browser was when the user went back to the roles, to return there.
  const [lastBrowseHash, setLastBrowseHash] = useState<string>();
  const browseProfile = browse ? (browse.profile ?? defaultBrowseProfile(sessions, selected)) : undefined;

  return (
    <div className={`app-shell${browse ? ' is-browsing' : ''}`}>
      <AppHeader
        view={browse ? 'browse' : 'roles'}
        rolesHref={selected ? roleHash(selected) : '#'}
        browseHref={
          lastBrowseHash ??
          browseHash({ profile: defaultBrowseProfile(sessions, selected) ?? '', prefix: '' })
        }
        onLeaveBrowser={() => setLastBrowseHash(window.location.hash)}
        mfaSessionCount={mfaSessions.sessions.length}
        extraActions={
          <button type="button" aria-haspopup="dialog" onClick={() => setSettingsOpen(true)}>
            Settings
          </button>
        }
      />
      {settingsOpen && <SettingsDialog settings={settings} onClose={() => setSettingsOpen(false)} />}
      <div className="notices">
        {appState && <PersistenceNotice persistence={appState.persistence} />}
        {data.loadError && <ErrorText error={data.loadError} />}
        <UnreachableNotice notices={actions.unreachable} onRetry={actions.retryUnreachable} />
        {actions.generalError && (
          <ErrorText
            error={actions.generalError}
            dismissLabel="Dismiss the error"
            onDismiss={() => actions.dismissError()}
          />
        )}
      </div>
      {browse ? (
        <main className="browse-main" aria-label="S3 browser">
          {!profiles ? (
            <p className="muted" role="status">
              Reading your sessions…
            </p>
          ) : browseProfile ? (
            <BrowseView target={browse} profile={browseProfile} />
          ) : (
            <section className="empty-state" aria-labelledby="no-session-title">
              <h2 id="no-session-title">No session to browse with</h2>
              <p>
                The S3 browser reads with a role&apos;s session. Assume a role in <a href="#">Roles</a>, then
                choose <strong>Browse S3</strong> on it.
              </p>
            </section>
          )}
        </main>
      ) : (
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
                query={query}
                onQueryChange={setQuery}
                searchRef={searchRef}
                profiles={profiles}
                onOpenPanel={openPanel}
              />
            )}
            {profiles && roles.length === 0 && !profiles.error && <ConfigProblems profiles={profiles} />}
          </div>
          <div className="detail-column side-column">
            <RoleDetails
              {...(panel && panel.profile === selected ? { panel: panel.panel } : {})}
              onPanel={(which) => {
                if (which && selected) setPanel({ profile: selected, panel: which });
                else setPanel(undefined);
              }}
            />
            <IdentityPanel />
            <MfaSessions state={mfaSessions} />
          </div>
        </main>
      )}
      <footer className="app-footer">
        <p role="status" className="muted">
          {statusSentence(actions.status, sessions, now, mfaSessions.sessions)}
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
