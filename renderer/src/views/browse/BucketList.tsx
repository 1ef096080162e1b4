import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { RoleTrayErrorInfo } from '../../../../shared/errors';
import type { BucketView } from '../../../../shared/s3-view';
import { formatDate } from '../../lib/s3-format';
import { S3Problem } from './S3Problem';
import { SearchField } from '../SearchField';

interface BucketListProps {
  profile: string;
  loading: boolean;
  buckets?: BucketView[];
  error?: RoleTrayErrorInfo;
  renewing: boolean;
  onRenew: () => void;
  onOpen: (bucket: string) => void;
}

/** The session's buckets with region and creation date, filtered as you type. */
export function BucketList({ profile, loading, buckets, error, renewing, onRenew, onOpen }: BucketListProps) {
  const [query, setQuery] = useState('');
  const countId = useId();
  const tableRef = useRef<HTMLTableElement>(null);
  const shown = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return (buckets ?? []).filter((bucket) => {
      const text = `${bucket.name}\n${bucket.region ?? ''}`.toLowerCase();
      return words.every((word) => text.includes(word));
    });
  }, [buckets, query]);

  const filterRef = useRef<HTMLInputElement>(null);
  // Back at the buckets from a folder (whose grid had focus): the filter takes it.
  const listed = buckets !== undefined;
  useEffect(() => {
    if (listed && document.activeElement === document.body) filterRef.current?.focus();
  }, [listed]);

  const buttons = () => [...(tableRef.current?.querySelectorAll<HTMLButtonElement>('.bucket-open') ?? [])];

  const onFilterKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      buttons()[0]?.focus();
    } else if (event.key === 'Enter' && shown.length === 1) {
      event.preventDefault();
      onOpen(shown[0]!.name);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      setQuery('');
    }
  };

  const onTableKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const all = buttons();
    const index = all.indexOf(document.activeElement as HTMLButtonElement);
    if (index === -1) return;
    event.preventDefault();
    all[Math.max(0, Math.min(all.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  };

  let count = '';
  if (buckets) {
    count = query.trim()
      ? `${shown.length} of ${buckets.length} buckets match`
      : `${buckets.length} bucket${buckets.length === 1 ? '' : 's'}`;
  }

  return (
    <section className="bucket-list" aria-labelledby="buckets-title">
      <div className="panel-heading">
        <h2 id="buckets-title">Buckets</h2>
        <p id={countId} className="muted" role="status">
          {loading ? 'Listing buckets…' : count}
        </p>
      </div>
      {error && <S3Problem error={error} profile={profile} renewing={renewing} onRenew={onRenew} />}
      {error?.kind === 'AccessDenied' && (
        <p className="muted">
          You can still open a bucket you know by typing its name in the address bar, e.g.{' '}
          <code>s3://bucket-name/</code>.
        </p>
      )}
      {buckets && (
        <>
          <div className="search">
            <SearchField
              label="Filter buckets"
              inputRef={filterRef}
              value={query}
              placeholder="Filter buckets by name or region…"
              describedBy={countId}
              onChange={setQuery}
              onKeyDown={onFilterKeyDown}
            />
          </div>
          <table className="bucket-table" ref={tableRef} onKeyDown={onTableKeyDown}>
            <caption className="visually-hidden">Buckets {profile} can see</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Region</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((bucket) => (
                <tr key={bucket.name} data-bucket={bucket.name}>
                  <th scope="row">
                    <button
                      type="button"
                      className="bucket-open button-quiet"
                      aria-label={`Open bucket ${bucket.name}`}
                      onClick={() => onOpen(bucket.name)}
                    >
                      {bucket.name}
                    </button>
                  </th>
                  <td>{bucket.region ?? <span className="muted">unknown</span>}</td>
                  <td>
                    {bucket.createdAt ? formatDate(bucket.createdAt) : <span className="muted">unknown</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {buckets.length === 0 && <p className="muted">{profile} sees no buckets.</p>}
          {buckets.length > 0 && shown.length === 0 && (
            <p className="muted">No bucket matches “{query.trim()}”.</p>
          )}
        </>
      )}
    </section>
  );
}
