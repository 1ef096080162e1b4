import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { s3Uri } from '../../../../shared/s3-names';
import { useS3Listing } from '../../hooks/useS3Listing';
import { listingView, type SortOrder } from '../../lib/listing-store';
import { formatCount } from '../../lib/s3-format';
import { ObjectGrid } from './ObjectGrid';
import { S3Problem } from './S3Problem';
import { SearchField } from '../SearchField';

interface FolderViewProps {
  profile: string;
  bucket: string;
  prefix: string;
  attempt: number;
  order: SortOrder;
  selected?: string;
  renewing: boolean;
  onSort: (order: SortOrder) => void;
  onOpenFolder: (prefix: string) => void;
  onSelectObject: (key: string) => void;
  onUp: () => void;
  onRenew: () => void;
  /** Told whether the folder could be listed at all: one that could not is not offered for download. */
  onListable?: (listable: boolean) => void;
}

/** One folder of a bucket: its listing as it streams in, with a filter, progress and Stop. */
export function FolderView(props: FolderViewProps) {
  const { profile, bucket, prefix, attempt, order, selected, renewing } = props;
  const listing = useS3Listing({ profile, bucket, prefix }, attempt);
  const [query, setQuery] = useState('');
  // Typing stays responsive while 100,000 names are matched behind it.
  const deferredQuery = useDeferredValue(query);
  const { store, extent, status, loaded, error } = listing;
  // Rebuilt as pages arrive (a new extent), covering what had arrived at the last render.
  const view = useMemo(
    () => listingView(store, order, deferredQuery, extent),
    [store, extent, order, deferredQuery],
  );
  const statusId = useId();
  const gridRef = useRef<HTMLDivElement>(null);
  const streaming = status === 'starting' || status === 'streaming';
  const total = extent.folders + extent.objects;
  const listable = !(status === 'failed' && total === 0);
  const { onListable } = props;
  useEffect(() => onListable?.(listable), [onListable, listable]);

  const onFilterKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      gridRef.current?.focus();
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      setQuery('');
    }
  };

  let summary: string;
  if (status === 'starting') summary = 'Listing…';
  else if (status === 'streaming') summary = `Loading… ${formatCount(loaded)} entries so far`;
  else if (status === 'stopped') summary = `Stopped after ${formatCount(loaded)} entries`;
  else if (status === 'failed')
    summary = total > 0 ? `Stopped after ${formatCount(loaded)} entries` : 'Not listed';
  else summary = `${formatCount(total)} ${total === 1 ? 'entry' : 'entries'}`;
  const matching = query.trim() ? `${formatCount(view.length)} match “${query.trim()}” · ` : '';

  return (
    <section className="folder-view" aria-label={`Folder ${s3Uri(bucket, prefix)}`}>
      <div className="folder-tools">
        <SearchField
          label="Filter this folder"
          className="folder-filter"
          value={query}
          placeholder="Filter by name…"
          describedBy={statusId}
          onChange={setQuery}
          onKeyDown={onFilterKeyDown}
        />
        <p id={statusId} className="listing-status muted" role="status" aria-live="polite">
          {matching}
          {summary}
        </p>
        {streaming && (
          <>
            <progress className="listing-progress" aria-label="Listing progress" />
            <button type="button" className="button-small" onClick={listing.stop}>
              Stop listing
            </button>
          </>
        )}
      </div>
      {error && <S3Problem error={error} profile={profile} renewing={renewing} onRenew={props.onRenew} />}
      {status === 'done' && total === 0 && (
        <p className="empty-folder muted">{prefix ? 'This folder is empty.' : 'This bucket is empty.'}</p>
      )}
      {query.trim() !== '' && view.length === 0 && total > 0 && (
        <p className="empty-folder muted">Nothing in this folder matches “{query.trim()}”.</p>
      )}
      <ObjectGrid
        store={store}
        view={view}
        extent={extent}
        label={`Contents of ${s3Uri(bucket, prefix)}`}
        order={order}
        {...(selected ? { selected, reveal: selected } : {})}
        gridRef={gridRef}
        onSort={props.onSort}
        onOpenFolder={props.onOpenFolder}
        onSelectObject={props.onSelectObject}
        onUp={props.onUp}
      />
    </section>
  );
}
