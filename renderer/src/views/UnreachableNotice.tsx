import { useState } from 'react';
import { rolesHeldUp, type UnreachableNotice as Notice } from '../lib/status-model';

interface UnreachableNoticeProps {
  notices: readonly Notice[];
  onRetry: () => Promise<void>;
}

/** One notice per endpoint that did not answer, naming the roles it held up, with one retry for all. */
export function UnreachableNotice({ notices, onRetry }: UnreachableNoticeProps) {
  const [retrying, setRetrying] = useState(false);
  if (notices.length === 0) return null;
  const retry = () => {
    setRetrying(true);
    void onRetry().finally(() => setRetrying(false));
  };
  return (
    <div className="error-text unreachable-notice" role="alert">
      <ul className="unreachable-list">
        {notices.map((notice) => (
          <li key={`${notice.service} ${notice.endpoint}`}>
            Cannot reach {notice.service} at <code>{notice.endpoint}</code>: {rolesHeldUp(notice.profiles)}{' '}
            {notice.profiles.length === 1 ? 'is' : 'are'} waiting for it. Check the endpoint and your
            connection.
          </li>
        ))}
      </ul>
      <button type="button" className="button-small" disabled={retrying} onClick={retry}>
        {retrying ? 'Trying again…' : 'Try again'}
      </button>
    </div>
  );
}
