import type { AppState } from '../../../shared/ipc-contract';

interface PersistenceNoticeProps {
  persistence: AppState['persistence'];
}

/** Said only when sessions cannot be kept encrypted on disk: they end with the app. */
export function PersistenceNotice({ persistence }: PersistenceNoticeProps) {
  if (persistence.mode !== 'memory') return null;
  return (
    <p className="notice" role="note">
      <strong>Sessions are kept in memory only</strong> and will not survive a restart of RoleTray.{' '}
      {persistence.reason}
    </p>
  );
}
