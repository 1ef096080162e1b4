import { breadcrumbs } from '../../lib/s3-paths';

interface BreadcrumbProps {
  bucket: string;
  prefix: string;
  onBuckets: () => void;
  onOpen: (prefix: string) => void;
}

/** Buckets › bucket › folder › …, each a step back up; the last is where the browser is. */
export function Breadcrumb({ bucket, prefix, onBuckets, onOpen }: BreadcrumbProps) {
  const crumbs = breadcrumbs(bucket, prefix);
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <ol>
        <li>
          <button type="button" className="crumb" onClick={onBuckets}>
            Buckets
          </button>
        </li>
        {crumbs.map((crumb, index) => {
          const last = index === crumbs.length - 1;
          return (
            <li key={crumb.prefix}>
              <span className="crumb-separator" aria-hidden="true">
                ›
              </span>
              {last ? (
                <span className="crumb is-current" aria-current="page">
                  {crumb.label}
                </span>
              ) : (
                <button type="button" className="crumb" onClick={() => onOpen(crumb.prefix)}>
                  {crumb.label}
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
