import type { DownloadItem } from '../../hooks/useS3Downloads';
import { formatBytes, formatCount } from '../../lib/s3-format';
import { ErrorText } from '../ErrorText';

interface DownloadsPanelProps {
  items: DownloadItem[];
  onCancel: (id: string) => void;
  onDismiss: (id: string) => void;
}

function describe(item: DownloadItem): string {
  const progress = item.progress;
  if (item.state === 'starting') return 'Waiting for a place to save…';
  if (!progress) return '';
  const bytes = `${formatBytes(progress.bytes)} of ${formatBytes(progress.total)}`;
  const files = item.folder
    ? ` · ${formatCount(progress.files)} of ${formatCount(progress.totalFiles)} files`
    : '';
  if (item.state === 'running') return `${bytes}${files}`;
  if (item.state === 'cancelled') return progress.note ? `Cancelled. ${progress.note}` : 'Cancelled.';
  if (item.state === 'done') return `Saved to ${progress.destination ?? 'your downloads'}${files}.`;
  return `${bytes}${files}`;
}

/** Downloads in progress and finished, each with its progress and Cancel (or Dismiss). */
export function DownloadsPanel({ items, onCancel, onDismiss }: DownloadsPanelProps) {
  if (items.length === 0) return null;
  return (
    <section className="downloads" aria-labelledby="downloads-title">
      <h2 id="downloads-title">Downloads</h2>
      <ul className="download-list">
        {items.map((item) => {
          const running = item.state === 'running' || item.state === 'starting';
          const progress = item.progress;
          return (
            <li
              key={item.id}
              className={`download-item is-${item.state}`}
              aria-label={`Download of ${item.source}`}
            >
              <div className="download-head">
                <code className="wrap">{item.source}</code>
                {running ? (
                  <button
                    type="button"
                    className="button-small"
                    aria-label={`Cancel the download of ${item.source}`}
                    onClick={() => onCancel(item.id)}
                  >
                    Cancel
                  </button>
                ) : (
                  <button
                    type="button"
                    className="button-small button-quiet"
                    aria-label={`Dismiss the download of ${item.source}`}
                    onClick={() => onDismiss(item.id)}
                  >
                    Dismiss
                  </button>
                )}
              </div>
              {running && (
                <progress
                  aria-label={`Progress of ${item.source}`}
                  {...(progress && progress.total > 0 ? { value: progress.bytes, max: progress.total } : {})}
                />
              )}
              <p className="muted" role="status">
                {describe(item)}
              </p>
              {item.error && <ErrorText error={item.error} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
