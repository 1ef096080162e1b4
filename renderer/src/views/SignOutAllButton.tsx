import { useState } from 'react';
import { useRoleTray } from '../state/RoleTrayContext';
import { ConfirmDialog } from './ConfirmDialog';

/** "Sign out of all sessions", asked first: it ends every role and MFA session, which needs new codes. */
export function SignOutAllButton({ mfaSessionCount }: { mfaSessionCount: number }) {
  const { data, actions } = useRoleTray();
  const [asking, setAsking] = useState(false);
  const roles = data.sessions.length;
  return (
    <>
      <button
        type="button"
        className="button-danger"
        disabled={actions.signingOut}
        aria-haspopup="dialog"
        onClick={() => setAsking(true)}
      >
        {actions.signingOut ? 'Signing out…' : 'Sign out of all sessions'}
      </button>
      {asking && (
        <ConfirmDialog
          title="Sign out of all sessions?"
          confirmLabel="Sign out of all"
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            void actions.endAll();
          }}
        >
          <p>
            This ends {roles === 1 ? '1 role session' : `${roles} role sessions`} and{' '}
            {mfaSessionCount === 1 ? '1 MFA session' : `${mfaSessionCount} MFA sessions`}; roles with MFA will
            ask for a new code.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
