import type { BaseProfileView } from '../../../shared/profiles-view';
import { useKeysRequest } from '../hooks/useKeysRequest';
import { request } from '../lib/roletray-client';
import { useRoleTray } from '../state/RoleTrayContext';
import { ErrorText } from './ErrorText';

// Where a base profile's keys are, and what RoleTray can do with them: move keys out of the
// credentials file into its encrypted store, put them back, rotate the ones it holds.

const PLACE: Record<BaseProfileView['keys'], string> = {
  'credentials-file': 'Keys in your credentials file, in plain text.',
  'config-file': 'Keys in your config file, in plain text.',
  held: 'Keys held by RoleTray, encrypted by your OS keychain.',
  process: 'Credentials from a credential_process of yours.',
};

export function HeldKeysActions({ base }: { base: BaseProfileView }) {
  const { api, data } = useRoleTray();
  const keys = useKeysRequest();
  const canHold = data.profiles?.heldKeys.available ?? false;
  const profile = base.name;
  const held = base.held;
  return (
    <div className="held-keys" role="group" aria-label={`Keys of ${profile}`}>
      <p className="muted">
        {PLACE[base.keys]}
        {held &&
          ` ${held.keyId} of ${held.userArn}${held.rotatedAt ? `, rotated ${new Date(held.rotatedAt).toLocaleString()}` : ''}.`}
        {held?.rotationUnfinished && ' A rotation did not finish: rotate again to finish it.'}
      </p>
      <div className="button-row">
        {base.keys === 'credentials-file' && canHold && (
          <button
            type="button"
            className="button-small"
            disabled={keys.working}
            onClick={() => void keys.run(() => request(api, 'keys:move-in', { profile }))}
          >
            Move these keys into RoleTray
          </button>
        )}
        {base.keys === 'held' && (
          <>
            <button
              type="button"
              className="button-small"
              disabled={keys.working}
              onClick={() => void keys.run(() => request(api, 'keys:rotate', { profile }))}
            >
              Rotate keys
            </button>
            <button
              type="button"
              className="button-small"
              disabled={keys.working}
              onClick={() => void keys.run(() => request(api, 'keys:put-back', { profile }))}
            >
              Put keys back
            </button>
          </>
        )}
      </div>
      {keys.working && <p className="muted">Working…</p>}
      <p role="status" className="muted">
        {keys.done}
      </p>
      {keys.error && <ErrorText error={keys.error} />}
    </div>
  );
}
