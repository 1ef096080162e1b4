import { useSettings } from '../hooks/useSettings';
import { useMfaPrompts } from '../hooks/useMfaPrompts';
import { MfaDialog } from './MfaDialog';

/** The small window Electron opens at `#mfa`: the MFA dialog and nothing else. */
export function MfaWindow() {
  const mfa = useMfaPrompts();
  // The theme chosen in Settings applies here too (useSettings sets it on the page).
  useSettings();
  return (
    <main className="mfa-window" aria-label="RoleTray MFA">
      {mfa.prompt ? (
        <MfaDialog
          prompt={mfa.prompt}
          checking={mfa.checking}
          waiting={mfa.waiting}
          onAnswer={mfa.answer}
          onCancel={mfa.cancel}
        />
      ) : (
        <p className="muted">No MFA code is being asked for right now.</p>
      )}
    </main>
  );
}
