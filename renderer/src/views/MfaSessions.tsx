import { useId } from 'react';
import type { MfaSessionInfo } from '../../../shared/sessions';
import type { MfaSessions as MfaSessionsState } from '../hooks/useMfaSessions';
import { useNow } from '../hooks/useNow';
import { mfaDeviceName } from '../lib/mfa-code';
import { formatClockTime, formatTimeLeft, timeLeftTone } from '../lib/time-left';
import { ErrorText } from './ErrorText';
import './mfa-sessions.css';

/**
 * The MFA sessions: per device, the keys it came from, the time left, the roles assumed from it,
 * and Forget, after which the next assume on that device asks for a code.
 */
export function MfaSessions({ state }: { state: MfaSessionsState }) {
  const titleId = useId();
  const now = useNow(1000, state.sessions.length > 0);
  return (
    <section className="mfa-sessions" aria-labelledby={titleId}>
      <h2 id={titleId}>MFA sessions</h2>
      {state.error && <ErrorText error={state.error} />}
      {state.sessions.length === 0 ? (
        <p className="muted">
          No MFA session. The first code for a role with <code>mfa_serial</code> starts one, and other roles
          on the same keys and device are then assumed without a code until it ends.
        </p>
      ) : (
        <ul className="mfa-session-list">
          {state.sessions.map((session) => (
            <MfaSessionItem
              key={session.device}
              session={session}
              now={now}
              forgetting={state.forgetting === session.device}
              onForget={() => void state.forget(session.device)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

interface MfaSessionItemProps {
  session: MfaSessionInfo;
  now: number;
  forgetting: boolean;
  onForget: () => void;
}

function MfaSessionItem({ session, now, forgetting, onForget }: MfaSessionItemProps) {
  const nameId = useId();
  const left = session.expiresAt - now;
  const name = mfaDeviceName(session.device);
  return (
    <li className="mfa-session" aria-labelledby={nameId}>
      <h3 id={nameId}>{name}</h3>
      <dl className="mfa-session-facts">
        <div>
          <dt>Device</dt>
          <dd>
            <code className="wrap">{session.device}</code>
          </dd>
        </div>
        <div>
          <dt>Keys</dt>
          <dd>{session.sourceProfiles.join(', ')}</dd>
        </div>
        <div>
          <dt>Time left</dt>
          <dd className={timeLeftTone(left) === 'ok' ? undefined : 'mfa-time-soon'}>
            {formatTimeLeft(left)} (until {formatClockTime(session.expiresAt)})
          </dd>
        </div>
        <div>
          <dt>Roles</dt>
          <dd>{session.roles.length > 0 ? session.roles.join(', ') : 'none active'}</dd>
        </div>
      </dl>
      <button
        type="button"
        className="button-small"
        disabled={forgetting}
        aria-label={forgetting ? undefined : `Forget MFA session ${name}`}
        onClick={onForget}
      >
        {forgetting ? 'Forgetting…' : 'Forget MFA session'}
      </button>
    </li>
  );
}
