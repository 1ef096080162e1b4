import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { useLocationHash } from './hooks/useLocationHash';
import { pageFromHash } from '../../shared/app-hash';
import { RoleTrayApiProvider } from './state/RoleTrayApiContext';
import { RoleTrayProvider } from './state/RoleTrayContext';
import { MfaWindow } from './views/MfaWindow';
import { NotConnected } from './views/NotConnected';
import { SwitcherWindow } from './switcher/SwitcherWindow';
import './styles/base.css';
import './styles/app.css';

/**
 * `#mfa` is the small window Electron opens for a code: the dialog only, on the bare connection.
 * `#switcher` is the quick switcher's window: its search box and the roles, on the bare connection.
 * `#browse=` is the S3 browser, anything else the roles: one App (the same element for both, so it
 * keeps its state across the switch) inside the main window's shared state.
 */
function Root() {
  const page = pageFromHash(useLocationHash());
  if (page.kind === 'mfa') return <MfaWindow />;
  if (page.kind === 'switcher') return <SwitcherWindow />;
  const openedOn = page.kind === 'app' ? page.role : undefined;
  return (
    <RoleTrayProvider {...(openedOn ? { openedOn } : {})} disconnected={<NotConnected />}>
      {page.kind === 'browse' ? <App browse={page} /> : <App {...(openedOn ? { openedOn } : {})} />}
    </RoleTrayProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('renderer/index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <RoleTrayApiProvider>
      <Root />
    </RoleTrayApiProvider>
  </StrictMode>,
);
