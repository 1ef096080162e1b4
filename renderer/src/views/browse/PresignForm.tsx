import { useId, useState, type FormEvent } from 'react';
import type { RoleTrayErrorInfo } from '../../../../shared/errors';
import type { PresignedUrl } from '../../../../shared/s3-view';
import { useNow } from '../../hooks/useNow';
import { request } from '../../lib/roletray-client';
import { formatDateTime, formatLifetime } from '../../lib/s3-format';
import { formatTimeLeft } from '../../lib/time-left';
import { useRoleTray } from '../../state/RoleTrayContext';
import { CopyButton } from '../CopyButton';
import { S3Problem } from './S3Problem';

interface PresignFormProps {
  profile: string;
  bucket: string;
  objectKey: string;
  renewing: boolean;
  sessionExpiresAt?: number;
  onRenew: () => void;
}

export const LIFETIMES = [300, 900, 3600, 6 * 3600, 12 * 3600, 86400, 7 * 86400];
const DEFAULT_LIFETIME = 3600;

/** A presigned GET link for the object, for a lifetime the user picks; main clamps it to the session. */
export function PresignForm({
  profile,
  bucket,
  objectKey,
  renewing,
  sessionExpiresAt,
  onRenew,
}: PresignFormProps) {
  const { api } = useRoleTray();
  const lifetimeId = useId();
  const linkId = useId();
  const [lifetime, setLifetime] = useState(DEFAULT_LIFETIME);
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState<PresignedUrl>();
  const [error, setError] = useState<RoleTrayErrorInfo>();
  const now = useNow(1000, sessionExpiresAt !== undefined);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    void request(api, 's3:presign', { profile, bucket, key: objectKey, expiresInSeconds: lifetime }).then(
      (result) => {
        setBusy(false);
        if (result.ok) setLink(result.value);
        else {
          setLink(undefined);
          setError(result.error);
        }
      },
    );
  };

  return (
    <section className="presign" aria-label="Presigned link">
      <h3>Presigned link</h3>
      <form className="presign-form" onSubmit={onSubmit}>
        <label htmlFor={lifetimeId}>Link lifetime</label>
        <select
          id={lifetimeId}
          value={lifetime}
          onChange={(event) => setLifetime(Number(event.target.value))}
        >
          {LIFETIMES.map((seconds) => (
            <option key={seconds} value={seconds}>
              {formatLifetime(seconds)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={busy}>
          {busy ? 'Signing…' : 'Make link'}
        </button>
      </form>
      {sessionExpiresAt !== undefined && (
        <p className="muted">
          The session ends in {formatTimeLeft(sessionExpiresAt - now)}; a link signed with it stops working
          then.
        </p>
      )}
      {error && <S3Problem error={error} profile={profile} renewing={renewing} onRenew={onRenew} />}
      {link && (
        <div className="presign-result">
          <label htmlFor={linkId}>Link</label>
          <div className="presign-link">
            <input
              id={linkId}
              type="text"
              readOnly
              value={link.url}
              onFocus={(event) => event.target.select()}
            />
            <CopyButton what="presigned link" value={link.url} />
          </div>
          <p className="muted">Works until {formatDateTime(link.expiresAt)}.</p>
          {link.note && (
            <p className="notice-text" role="note">
              {link.note}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
