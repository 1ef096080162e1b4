import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { useLocationHash } from './hooks/useLocationHash';
import { pageFromHash } from '../../shared/app-hash';
import { RoleTrayApiProvider } from './state/RoleTrayApiContext';
import { MfaWindow } from './views/MfaWindow';
import './styles/base.css';
import './styles/app.css';

/** `#mfa` is the small window Electron opens for a code: the dialog only; `#browse=` the S3 browser; else the roles. */
function Root() {
  const page = pageFromHash(useLocationHash());
  if (page.kind === 'mfa') return <MfaWindow />;
  if (page.kind === 'browse') return <App browse={page} />;
  return <App {...(page.role ? { openedOn: page.role } : {})} />;
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
