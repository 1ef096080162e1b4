import { useId, useState, type FormEvent } from 'react';
import { useKeysRequest } from '../hooks/useKeysRequest';
import { request } from '../lib/roletray-client';
import { useRoleTray } from '../state/RoleTrayContext';
import { ErrorText } from './ErrorText';

// "Add access keys": a new profile whose keys only RoleTray holds. The secret goes to main once,
// is checked there with GetCallerIdentity, and the field is emptied whatever the answer.

export function AddKeysForm() {
  const { api, data } = useRoleTray();
  const keys = useKeysRequest();
  const [open, setOpen] = useState(false);
  const [profile, setProfile] = useState('');
  const [accessKeyId, setAccessKeyId] = useState('');
  const [secretAccessKey, setSecretAccessKey] = useState('');
  const id = useId();
  const availability = data.profiles?.heldKeys;
  if (!availability) return null;
  if (!availability.available) return <p className="muted">{availability.reason}</p>;
  if (!open) {
    return (
      <button type="button" className="button-small" onClick={() => setOpen(true)}>
        Add access keys
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const secret = secretAccessKey.trim();
    setSecretAccessKey('');
    const added = await keys.run(() =>
      request(api, 'keys:add', {
        profile: profile.trim(),
        accessKeyId: accessKeyId.trim(),
        secretAccessKey: secret,
      }),
    );
    if (added) {
      setProfile('');
      setAccessKeyId('');
    }
  };
  return (
    <form className="add-keys" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)}>
      <h3 id={`${id}-title`}>Add access keys</h3>
      <label htmlFor={`${id}-profile`}>Profile name</label>
      <input
        id={`${id}-profile`}
        value={profile}
        onChange={(event) => setProfile(event.target.value)}
        required
      />
      <label htmlFor={`${id}-key`}>Access key id</label>
      <input
        id={`${id}-key`}
        value={accessKeyId}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => setAccessKeyId(event.target.value)}
        required
      />
      <label htmlFor={`${id}-secret`}>Secret access key</label>
      <input
        id={`${id}-secret`}
        type="password"
        value={secretAccessKey}
        autoComplete="off"
        onChange={(event) => setSecretAccessKey(event.target.value)}
        required
      />
      <div className="button-row">
        <button type="submit" className="button-small" disabled={keys.working}>
          Check and add
        </button>
        <button type="button" className="button-small" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
      <p role="status" className="muted">
        {keys.done}
      </p>
      {keys.error && <ErrorText error={keys.error} />}
    </form>
  );
}
