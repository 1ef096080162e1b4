import { useEffect, useRef } from 'react';
import type { DownloadItem } from '../../hooks/useS3Downloads';
import { formatBytes, formatCount } from '../../lib/s3-format';
import { ErrorText } from '../ErrorText';

interface DownloadsPanelProps {
  items: DownloadItem[];
  onConfirm: (id: string) => void;
  onCancel: (id: string) => void;
  onDismiss: (id: string) => void;
}

const files = (count: number) => `${formatCount(count)} ${count === 1 ? 'file' : 'files'}`;

function describe(item: DownloadItem): string {
  const { progress, size } = item;
  if (item.state === 'counting') return 'Counting the files in the folder…';
  if (item.state === 'confirm' && size) return `${files(size.files)}, ${formatBytes(size.bytes)} in all.`;
  if (item.state === 'declined') {
    return size && !size.complete ? 'Stopped while counting: nothing was downloaded.' : 'Not downloaded.';
  }
  if (item.state === 'starting') return 'Waiting for a place to save…';
  if (!progress) return '';
  if (progress.listing) {
    return `Listing the folder… ${files(progress.totalFiles)} (${formatBytes(progress.total)}) found so far`;
  }
  const bytes = `${formatBytes(progress.bytes)} of ${formatBytes(progress.total)}`;
  const counts = item.folder ? ` · ${formatCount(progress.files)} of ${files(progress.totalFiles)}` : '';
  if (item.state === 'running') return `${bytes}${counts}`;
  if (item.state === 'cancelled') return progress.note ? `Cancelled. ${progress.note}` : 'Cancelled.';
  if (item.state === 'done') return `Saved to ${progress.destination ?? 'your downloads'}${counts}.`;
  return `${bytes}${counts}`;
}

/** The question before a large folder download: its size in front of the user, focus on the answer. */
function LargeFolderQuestion({
  item,
  onConfirm,
  onCancel,
}: { item: DownloadItem } & Omit<DownloadsPanelProps, 'items' | 'onDismiss'>) {
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  const count = item.size ? files(item.size.files) : 'the files';
  return (
    <div className="download-question" role="group" aria-label={`Download ${count} from ${item.source}?`}>
      <button ref={yes} type="button" className="button-primary" onClick={() => onConfirm(item.id)}>
        Download {count}
      </button>
      <button type="button" onClick={() => onCancel(item.id)}>
        Don’t download
      </button>
    </div>
  );
}

/** Downloads being counted, asked about, in progress and finished, each with its progress and Cancel (or Dismiss). */
export function DownloadsPanel({ items, onConfirm, onCancel, onDismiss }: DownloadsPanelProps) {
  if (items.length === 0) return null;
  return (
    <section className="downloads" aria-labelledby="downloads-title">
      <h2 id="downloads-title">Downloads</h2>
      <ul className="download-list">
        {items.map((item) => {
          const running = item.state === 'running' || item.state === 'starting' || item.state === 'counting';
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
                ) : item.state === 'confirm' ? null : (
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
                  {...(progress && progress.total > 0 && !progress.listing
                    ? { value: progress.bytes, max: progress.total }
                    : {})}
                />
              )}
              <p className="muted" role="status">
                {describe(item)}
              </p>
              {item.state === 'confirm' && (
                <LargeFolderQuestion item={item} onConfirm={onConfirm} onCancel={onCancel} />
              )}
              {item.error && <ErrorText error={item.error} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
