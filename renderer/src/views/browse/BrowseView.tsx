import { useCallback, useState, type KeyboardEvent } from 'react';
import type { BrowseTarget } from '../../../../shared/app-hash';
import { s3Uri } from '../../../../shared/s3-names';
import { samePlace, useBrowseHistory } from '../../hooks/useBrowseHistory';
import { useRequest } from '../../hooks/useRequest';
import { useS3Downloads } from '../../hooks/useS3Downloads';
import { NAME_ORDER, type SortOrder } from '../../lib/listing-store';
import type { S3Address } from '../../lib/s3-address';
import { parentPrefix } from '../../lib/s3-paths';
import { useRoleTray } from '../../state/RoleTrayContext';
import { AddressBar } from './AddressBar';
import { Breadcrumb } from './Breadcrumb';
import { BucketList } from './BucketList';
import { DownloadsPanel } from './DownloadsPanel';
import { FolderView } from './FolderView';
import { ObjectPanel } from './ObjectPanel';
import { SessionBar } from './SessionBar';
import './browse.css';

const sameTarget = (a: BrowseTarget, b: BrowseTarget) =>
  a.profile === b.profile && a.bucket === b.bucket && a.prefix === b.prefix;

interface BrowseViewProps {
  /** Where the window's hash points (the tray or a reload may change it). */
  target: BrowseTarget;
  /** The session to start with when the hash names none. */
  profile: string;
}

/**
 * The read-only S3 browser: a session's buckets, then folders and objects with a breadcrumb,
 * back/forward and an address bar; details, previews, downloads and presigned links of objects.
 * Errors are sentences in place; one that needs the session renewed offers that, and after it
 * everything on screen is asked again, so the user carries on where they were.
 */
export function BrowseView(props: BrowseViewProps) {
  const { target } = props;
  const { data, actions } = useRoleTray();
  const { pending, errors, renew: renewSession } = actions;
  const nav = useBrowseHistory({ ...target, profile: target.profile ?? props.profile });
  const { location, go } = nav;
  const { profile, bucket, prefix, key } = location;
  const [order, setOrder] = useState<SortOrder>(NAME_ORDER);
  // Bumped after a renewal: every request on screen is made again.
  const [attempt, setAttempt] = useState(0);
  const downloads = useS3Downloads();
  // A folder (or bucket) S3 would not list is not offered for download: the download would fail.
  const [listable, setListable] = useState(true);
  const renewing = pending[profile] !== undefined;
  const session = data.sessions.find((candidate) => candidate.profile === profile);

  // The tray (or the user editing the URL) pointing this window somewhere else.
  const [lastTarget, setLastTarget] = useState(target);
  if (!sameTarget(target, lastTarget)) {
    setLastTarget(target);
    const next = { ...target, profile: target.profile ?? profile };
    if (!samePlace(next, location)) go(next);
  }

  const buckets = useRequest('s3:buckets', { profile }, attempt);
  const region = bucket ? buckets.value?.find((candidate) => candidate.name === bucket)?.region : undefined;

  const renew = useCallback(() => {
    void renewSession(profile).then((renewed) => {
      if (renewed) setAttempt((count) => count + 1);
    });
  }, [renewSession, profile]);

  const openFolder = (next: string) => go({ profile, ...(bucket ? { bucket } : {}), prefix: next });
  const openBucket = (name: string) => go({ profile, bucket: name, prefix: '' });
  const toBuckets = () => go({ profile, prefix: '' });
  const up = () => {
    if (!bucket) return;
    if (prefix) openFolder(parentPrefix(prefix));
    else toBuckets();
  };
  const onAddress = (address: S3Address) =>
    go({
      profile,
      bucket: address.bucket,
      prefix: address.prefix,
      ...(address.key ? { key: address.key } : {}),
    });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.defaultPrevented) return;
    const typing = (event.target as HTMLElement).closest('input, select, textarea');
    if (event.altKey && event.key === 'ArrowLeft') {
      event.preventDefault();
      nav.back();
    } else if (event.altKey && event.key === 'ArrowRight') {
      event.preventDefault();
      nav.forward();
    } else if (event.altKey && event.key === 'ArrowUp') {
      event.preventDefault();
      up();
    } else if (event.key === 'Escape' && key && !typing) {
      event.preventDefault();
      nav.select(undefined);
    }
  };

  const place = bucket ? s3Uri(bucket, prefix) : '';
  return (
    <div className="browse-view" onKeyDown={onKeyDown}>
      <div className="browse-toolbar">
        <div className="nav-buttons">
          <button
            type="button"
            aria-label="Back"
            title="Back (Alt+Left)"
            disabled={!nav.canGoBack}
            onClick={nav.back}
          >
            ←
          </button>
          <button
            type="button"
            aria-label="Forward"
            title="Forward (Alt+Right)"
            disabled={!nav.canGoForward}
            onClick={nav.forward}
          >
            →
          </button>
          <button
            type="button"
            aria-label="Up one folder"
            title="Up (Alt+Up)"
            disabled={!bucket}
            onClick={up}
          >
            ↑
          </button>
        </div>
        <AddressBar key={place} current={place} onGo={onAddress} />
        <SessionBar
          profile={profile}
          renewing={renewing}
          {...(errors[profile] ? { renewError: errors[profile] } : {})}
          onPick={(next) => go({ profile: next, prefix: '' })}
          onRenew={renew}
        />
      </div>
      {bucket && (
        <div className="browse-place">
          <Breadcrumb bucket={bucket} prefix={prefix} onBuckets={toBuckets} onOpen={openFolder} />
          {region && (
            <span className="badge region-badge" title={`${bucket} is in ${region}`}>
              <span className="visually-hidden">Region </span>
              {region}
            </span>
          )}
          {listable && (
            <button
              type="button"
              className="button-small"
              aria-label={prefix ? `Download folder ${place}` : `Download bucket ${bucket}`}
              onClick={() => downloads.start({ profile, bucket, prefix })}
            >
              {prefix ? 'Download folder' : 'Download bucket'}
            </button>
          )}
        </div>
      )}
      <div className={`browse-body${bucket && key ? ' has-panel' : ''}`}>
        {bucket ? (
          <FolderView
            key={JSON.stringify([profile, bucket, prefix])}
            profile={profile}
            bucket={bucket}
            prefix={prefix}
            attempt={attempt}
            order={order}
            {...(key ? { selected: key } : {})}
            renewing={renewing}
            onSort={setOrder}
            onOpenFolder={openFolder}
            onSelectObject={(next) => nav.select(next)}
            onUp={up}
            onRenew={renew}
            onListable={setListable}
          />
        ) : (
          <BucketList
            profile={profile}
            loading={buckets.loading}
            {...(buckets.value ? { buckets: buckets.value } : {})}
            {...(buckets.error ? { error: buckets.error } : {})}
            renewing={renewing}
            onRenew={renew}
            onOpen={openBucket}
          />
        )}
        {bucket && key && (
          <ObjectPanel
            key={key}
            profile={profile}
            bucket={bucket}
            objectKey={key}
            attempt={attempt}
            renewing={renewing}
            {...(session ? { sessionExpiresAt: session.expiresAt } : {})}
            onRenew={renew}
            onDownload={() => downloads.start({ profile, bucket, key })}
            onOpenAsFolder={openFolder}
            onClose={() => nav.select(undefined)}
          />
        )}
      </div>
      <DownloadsPanel
        items={downloads.items}
        onConfirm={downloads.confirm}
        onCancel={downloads.cancel}
        onDismiss={downloads.dismiss}
      />
    </div>
  );
}
