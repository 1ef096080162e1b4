import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useEffect,
  useId,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type RefObject,
} from 'react';
import {
  isFolderCode,
  type ListingExtent,
  type ListingStore,
  type ListingView,
  type SortKey,
  type SortOrder,
} from '../../lib/listing-store';
import { formatBytes, formatDateTime, storageClassLabel } from '../../lib/s3-format';
import { EntryIcon } from './EntryIcon';

// A folder's entries as a grid that stays smooth at 100,000 rows: only the rows in view (plus a
// few either side) exist in the DOM (@tanstack/react-virtual), rows are memoised and hold no
// handlers of their own (one click and one key handler on the grid read `data-row`). Focus stays
// on the grid; the active row is its aria-activedescendant, so rows can come and go as it scrolls.
// Keys: arrows, Page Up/Down, Home/End move; Enter opens a folder or shows an object; Backspace
// or Alt+Up goes to the parent folder.

export const ROW_HEIGHT = 32;

interface ObjectGridProps {
  store: ListingStore;
  view: ListingView;
  /** Changes when the store has new entries. */
  extent: ListingExtent;
  label: string;
  order: SortOrder;
  /** The selected object's key. */
  selected?: string;
  /** Scroll to and activate this path once it is listed (an address naming an object). */
  reveal?: string;
  gridRef: RefObject<HTMLDivElement | null>;
  onSort: (order: SortOrder) => void;
  onOpenFolder: (prefix: string) => void;
  onSelectObject: (key: string) => void;
  onUp: () => void;
}

const COLUMNS: { key?: SortKey; label: string; className: string }[] = [
  { key: 'name', label: 'Name', className: 'cell-name' },
  { key: 'size', label: 'Size', className: 'cell-size' },
  { key: 'lastModified', label: 'Last modified', className: 'cell-date' },
  { label: 'Storage class', className: 'cell-class' },
];

interface RowProps {
  store: ListingStore;
  code: number;
  row: number;
  start: number;
  id: string;
  selected: boolean;
  active: boolean;
}

const Row = memo(function Row({ store, code, row, start, id, selected, active }: RowProps) {
  const folder = isFolderCode(code);
  return (
    <div
      role="row"
      id={id}
      className={`grid-row${selected ? ' is-selected' : ''}${active ? ' is-active' : ''}`}
      aria-rowindex={row + 2}
      aria-selected={selected}
      data-row={row}
      style={{ transform: `translateY(${start}px)` }}
    >
      <div role="gridcell" className="cell-name">
        <EntryIcon folder={folder} />
        <span className="entry-name">{store.name(code)}</span>
      </div>
      <div role="gridcell" className="cell-size">
        {folder ? '' : formatBytes(store.size(code))}
      </div>
      <div role="gridcell" className="cell-date">
        {folder ? '' : formatDateTime(store.lastModified(code))}
      </div>
      <div role="gridcell" className="cell-class">
        {folder ? 'Folder' : storageClassLabel(store.storageClass(code))}
      </div>
    </div>
  );
});

const clamp = (value: number, max: number) => Math.max(0, Math.min(max, value));

export function ObjectGrid(props: ObjectGridProps) {
  const { store, view, extent, label, order, selected, reveal, gridRef, onSort } = props;
  const { onOpenFolder, onSelectObject, onUp } = props;
  // The grid itself scrolls (its header sticks): the focusable element is the scrollable one, so
  // the keyboard reaches everything it shows.
  const headRef = useRef<HTMLDivElement>(null);
  const idBase = useId();
  const [active, setActive] = useState(0);
  const count = view.length;
  const activeRow = clamp(active, count - 1);

  // The React Compiler is not used in this build; the virtualizer's functions are called fresh each render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    scrollMargin: headRef.current?.offsetHeight ?? 0,
    scrollPaddingStart: headRef.current?.offsetHeight ?? 0,
    overscan: 8,
    useFlushSync: false,
  });

  // Opening a folder from the grid, the breadcrumb or the bucket list unmounts what had focus:
  // the new folder's grid takes it, so the keyboard carries on. Focus elsewhere is left alone.
  useEffect(() => {
    if (document.activeElement === document.body) gridRef.current?.focus({ preventScroll: true });
  }, [gridRef]);

  // An address that named an object: scroll to it once it has streamed in.
  const [revealed, setRevealed] = useState<string>();
  useEffect(() => {
    if (!reveal || revealed === reveal) return;
    const row = view.rowOf(reveal);
    if (row < 0) return;
    setRevealed(reveal);
    setActive(row);
    virtualizer.scrollToIndex(row, { align: 'center' });
  }, [reveal, revealed, view, extent, virtualizer]);

  const rowId = (row: number) => `${idBase}-row-${row}`;

  const activate = (row: number) => {
    const code = view.code(row);
    const path = store.path(code);
    if (isFolderCode(code)) onOpenFolder(path);
    else onSelectObject(path);
  };

  const moveTo = (row: number) => {
    const next = clamp(row, count - 1);
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const page = Math.max(
      1,
      Math.floor(
        ((gridRef.current?.clientHeight ?? ROW_HEIGHT * 11) - (headRef.current?.offsetHeight ?? ROW_HEIGHT)) /
          ROW_HEIGHT,
      ) - 1,
    );
    const moves: Record<string, number | undefined> = {
      ArrowDown: activeRow + 1,
      ArrowUp: activeRow - 1,
      PageDown: activeRow + page,
      PageUp: activeRow - page,
      Home: 0,
      End: count - 1,
    };
    const target = event.altKey ? undefined : moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      if (count > 0) moveTo(target);
    } else if ((event.key === 'Enter' || event.key === ' ') && count > 0) {
      event.preventDefault();
      activate(activeRow);
    } else if (event.key === 'Backspace' || (event.altKey && event.key === 'ArrowUp')) {
      event.preventDefault();
      onUp();
    }
  };

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const rowElement = (event.target as HTMLElement).closest<HTMLElement>('[data-row]');
    if (!rowElement) return;
    const row = Number(rowElement.dataset['row']);
    setActive(row);
    gridRef.current?.focus({ preventScroll: true });
    activate(row);
  };

  const sortBy = (key: SortKey) =>
    onSort({ key, descending: order.key === key ? !order.descending : key !== 'name' });

  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={gridRef}
      role="grid"
      className="object-grid"
      aria-label={label}
      aria-rowcount={count + 1}
      aria-colcount={COLUMNS.length}
      aria-activedescendant={count > 0 && items.length > 0 ? rowId(activeRow) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onClick={onClick}
    >
      <div role="rowgroup" className="grid-head" ref={headRef}>
        <div role="row" className="grid-row grid-header-row" aria-rowindex={1}>
          {COLUMNS.map((column) => {
            const sorted = column.key !== undefined && order.key === column.key;
            return (
              <div
                key={column.label}
                role="columnheader"
                className={column.className}
                aria-sort={sorted ? (order.descending ? 'descending' : 'ascending') : undefined}
              >
                {column.key ? (
                  <button
                    type="button"
                    className="sort-button"
                    aria-label={`Sort by ${column.label.toLowerCase()}`}
                    onClick={() => sortBy(column.key!)}
                  >
                    {column.label}
                    <span aria-hidden="true" className="sort-mark">
                      {sorted ? (order.descending ? ' ▼' : ' ▲') : ''}
                    </span>
                  </button>
                ) : (
                  column.label
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className="grid-body">
        <div className="grid-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const code = view.code(item.index);
            return (
              <Row
                key={item.key}
                store={store}
                code={code}
                row={item.index}
                start={item.start - virtualizer.options.scrollMargin}
                id={rowId(item.index)}
                selected={!isFolderCode(code) && store.path(code) === selected}
                active={item.index === activeRow}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
