import { useId } from 'react';
import { s3Uri } from '../../../../shared/s3-names';
import type { ObjectDetails } from '../../../../shared/s3-view';
import { useRequest } from '../../hooks/useRequest';
import { formatBytes, formatDateTime, storageClassLabel } from '../../lib/s3-format';
import { baseName } from '../../lib/s3-paths';
import { CopyButton } from '../CopyButton';
import { ObjectPreview } from './ObjectPreview';
import { PresignForm } from './PresignForm';
import { S3Problem } from './S3Problem';

interface ObjectPanelProps {
  profile: string;
  bucket: string;
  objectKey: string;
  attempt: number;
  renewing: boolean;
  /** When the session ends, if known: a presigned link cannot outlive it. */
  sessionExpiresAt?: number;
  onRenew: () => void;
  onDownload: () => void;
  onOpenAsFolder: (prefix: string) => void;
  onClose: () => void;
}

function Details({ details }: { details: ObjectDetails }) {
  const metadata = Object.entries(details.metadata);
  const rows: [string, string | undefined][] = [
    ['Size', `${formatBytes(details.size)} (${details.size.toLocaleString('en-US')} bytes)`],
    ['Last modified', formatDateTime(details.lastModified)],
    ['Content type', details.contentType],
    ['Storage class', storageClassLabel(details.storageClass)],
    ['ETag', details.etag],
    ['Version', details.versionId],
    ['Encryption', details.serverSideEncryption ?? 'None'],
  ];
  return (
    <dl className="object-facts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value ? <span className="wrap">{value}</span> : <span className="muted">—</span>}</dd>
        </div>
      ))}
      <div>
        <dt>User metadata</dt>
        <dd>
          {metadata.length === 0 ? (
            <span className="muted">None</span>
          ) : (
            <ul className="metadata-list">
              {metadata.map(([name, value]) => (
                <li key={name}>
                  <code>{name}</code>: <span className="wrap">{value}</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
    </dl>
  );
}

/**
 * One object: HeadObject's details, copyable URI/ARN/key, a preview, download and a presigned link.
 * Download and the link are offered only once HeadObject succeeded: it needs the same s3:GetObject
 * permission, so a denied or missing object would only make a failed download or a dead link.
 */
export function ObjectPanel(props: ObjectPanelProps) {
  const { profile, bucket, objectKey, attempt, renewing, sessionExpiresAt, onRenew } = props;
  const titleId = useId();
  const object = { profile, bucket, key: objectKey };
  const head = useRequest('s3:head', object, attempt);
  const preview = useRequest('s3:preview', object, attempt);
  // A retry after renewing starts the presigned-link form afresh too.
  const formKey = JSON.stringify([profile, bucket, objectKey, attempt]);
  const details = head.value;
  const uri = details?.s3Uri ?? s3Uri(bucket, objectKey);
  const missing = head.error?.kind === 'Validation' && /does not exist/.test(head.error.message);

  return (
    <aside className="object-panel" aria-labelledby={titleId} aria-busy={head.loading}>
      <div className="panel-heading">
        <h2 id={titleId} className="object-title">
          {baseName(objectKey) || objectKey}
        </h2>
        <button
          type="button"
          className="button-small"
          aria-label="Close the object details"
          onClick={props.onClose}
        >
          Close
        </button>
      </div>
      <p className="object-uri">
        <code className="wrap">{uri}</code>
      </p>
      <div className="object-actions">
        {!head.error && (
          <button
            type="button"
            className="button-primary"
            disabled={!details}
            onClick={props.onDownload}
            aria-label={`Download ${baseName(objectKey)}`}
          >
            Download
          </button>
        )}
        <span className="copy-group">
          S3 URI <CopyButton what="S3 URI" value={uri} />
        </span>
        {details && (
          <span className="copy-group">
            ARN <CopyButton what="ARN" value={details.arn} />
          </span>
        )}
        <span className="copy-group">
          Key <CopyButton what="key" value={objectKey} />
        </span>
      </div>
      {head.loading && <p className="muted">Reading the object’s details…</p>}
      {head.error && <S3Problem error={head.error} profile={profile} renewing={renewing} onRenew={onRenew} />}
      {missing && (
        <button type="button" onClick={() => props.onOpenAsFolder(`${objectKey}/`)}>
          Open {baseName(objectKey)}/ as a folder
        </button>
      )}
      {details && <Details details={details} />}
      {!missing && (
        <section className="object-preview" aria-label="Preview">
          <h3>Preview</h3>
          {preview.loading && <p className="muted">Loading the preview…</p>}
          {preview.error && (
            <S3Problem error={preview.error} profile={profile} renewing={renewing} onRenew={onRenew} />
          )}
          {preview.value && <ObjectPreview preview={preview.value} name={baseName(objectKey)} />}
        </section>
      )}
      {details && (
        <PresignForm
          key={formKey}
          profile={profile}
          bucket={bucket}
          objectKey={objectKey}
          renewing={renewing}
          onRenew={onRenew}
          {...(sessionExpiresAt ? { sessionExpiresAt } : {})}
        />
      )}
    </aside>
  );
}
