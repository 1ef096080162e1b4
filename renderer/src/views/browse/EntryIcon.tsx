/** A folder or a document, drawn inline (no icon font, nothing the CSP would need to allow). */
export function EntryIcon({ folder }: { folder: boolean }) {
  return (
    <svg
      className={`entry-icon${folder ? ' is-folder' : ''}`}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      {folder ? <path d="M1.5 3.5h4l1.5 1.5h7.5v8h-13z" /> : <path d="M3.5 1.5h6l3 3v10h-9z M9.5 1.5v3h3" />}
    </svg>
  );
}
