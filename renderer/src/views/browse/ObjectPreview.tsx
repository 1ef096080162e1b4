import { useMemo } from 'react';
import type { ObjectPreview as Preview } from '../../../../shared/s3-view';
import { guessDelimiter, parseCsv } from '../../lib/csv';
import { formatBytes } from '../../lib/s3-format';

const MAX_CSV_ROWS = 500;

function CsvTable({ text, truncated, name }: { text: string; truncated: boolean; name: string }) {
  const table = useMemo(
    () => parseCsv(text, { delimiter: guessDelimiter(text), truncated, maxRows: MAX_CSV_ROWS + 1 }),
    [text, truncated],
  );
  const [header, ...rows] = table.rows;
  if (!header) return <p className="muted">The file is empty.</p>;
  return (
    <>
      <div className="csv-scroll">
        <table className="csv-table">
          <caption className="visually-hidden">{name} as a table</caption>
          <thead>
            <tr>
              {header.map((cell, column) => (
                <th key={column} scope="col">
                  {cell}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                {row.map((cell, column) => (
                  <td key={column}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {table.clipped && <p className="muted">The table shows the first {MAX_CSV_ROWS} rows.</p>}
    </>
  );
}

/** What the preview shows: text, pretty JSON, a CSV table or an image, saying when it is partial. */
export function ObjectPreview({ preview, name }: { preview: Preview; name: string }) {
  const truncatedNote = preview.truncated && (
    <p className="preview-note" role="note">
      The preview is truncated: it shows the first {formatBytes(preview.bytesRead)} of{' '}
      {formatBytes(preview.size)}. Download the object to see all of it.
    </p>
  );
  switch (preview.kind) {
    case 'image':
      return preview.imageDataUrl ? (
        <img className="preview-image" src={preview.imageDataUrl} alt={`Preview of ${name}`} />
      ) : (
        <p className="muted">{preview.reason ?? 'There is no preview of this image.'}</p>
      );
    case 'csv':
      return (
        <>
          {truncatedNote}
          <CsvTable text={preview.text ?? ''} truncated={preview.truncated} name={name} />
        </>
      );
    case 'json':
    case 'text':
      return (
        <>
          {truncatedNote}
          {preview.text ? (
            <pre
              className={`preview-text${preview.kind === 'json' ? ' is-json' : ''}`}
              tabIndex={0}
              aria-label={`Content of ${name}`}
            >
              <code>{preview.text}</code>
            </pre>
          ) : (
            <p className="muted">The object is empty.</p>
          )}
        </>
      );
    case 'unsupported':
      return <p className="muted">{preview.reason ?? 'There is no preview for this kind of object.'}</p>;
  }
}
