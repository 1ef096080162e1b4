import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import type { IdentityCenterView, ProfilesView, RoleView } from '../../../shared/profiles-view';
import { useRoleCommands, type RolePanel } from '../hooks/useRoleCommands';
import { groupRoles, listRows, roleLabel, type RoleListRow } from '../lib/role-groups';
import { accountWordWidth, longestNameWidth } from '../lib/column-widths';
import type { RoleActionId, RoleMenuItem } from '../lib/role-menu';
import { useRoleTray } from '../state/RoleTrayContext';
import { ConfigProblems } from './ConfigProblems';
import { IdentityCenterPanel } from './IdentityCenterPanel';
import { RoleMenu } from './RoleMenu';
import { RoleRow } from './RoleRow';
import './roles.css';
import { SearchField } from './SearchField';
import { SsoAccounts } from './SsoAccounts';

// The roles as one virtual list (@tanstack/react-virtual, as the S3 object grid): account headers
// and role rows, only those in view (and a few around, and the focused one) in the DOM, so 1,000
// roles scroll and filter without a stall. Focus moves between role rows with the arrow keys (Left
// goes to the account's header, which Left and Right fold and unfold); the row menu opens beside.

interface RolesViewProps {
  query: string;
  onQueryChange: (query: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  profiles: ProfilesView;
  /** Opens the hand-off panel or the editor for a role, beside the list. */
  onOpenPanel: (profile: string, panel: RolePanel) => void;
}

const NO_ROLES: readonly RoleView[] = [];
const NO_INSTANCES: readonly IdentityCenterView[] = [];
const NOTHING_FOLDED: ReadonlySet<string> = new Set();
/** Estimates only: rows are measured once drawn (errors make them taller). */
const ROW_ESTIMATE = 32;
const PAGE_ROWS = 10;

interface OpenMenu {
  role: RoleView;
  items: RoleMenuItem[];
  anchor: HTMLElement;
}

export function RolesView({ query, onQueryChange, searchRef, profiles, onOpenPanel }: RolesViewProps) {
  const { data, selection } = useRoleTray();
  const roles = data.profiles?.roles ?? NO_ROLES;
  const { selected } = selection;
  const scrollRef = useRef<HTMLDivElement>(null);
  const countId = useId();
  const commands = useRoleCommands(onOpenPanel);
  const [menu, setMenu] = useState<OpenMenu>();

  // Folded accounts; while a query is typed its own set starts empty, so every match shows.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [searchCollapsed, setSearchCollapsed] = useState<{ query: string; set: ReadonlySet<string> }>({
    query,
    set: new Set(),
  });
  const folded = useMemo(
    () => (query ? (searchCollapsed.query === query ? searchCollapsed.set : NOTHING_FOLDED) : collapsed),
    [query, searchCollapsed, collapsed],
  );
  const toggle = (accountId: string) => {
    const next = new Set(folded);
    if (!next.delete(accountId)) next.add(accountId);
    if (query) setSearchCollapsed({ query, set: next });
    else setCollapsed(next);
  };

  const groups = useMemo(() => groupRoles(roles, query), [roles, query]);
  // Bold, as the name is; the row's font is the page's at 0.85rem.
  const [nameWidth, accountWidth] = useMemo(() => {
    const page = getComputedStyle(document.documentElement);
    const size = parseFloat(page.fontSize) * 0.85;
    return [
      longestNameWidth(roles, `600 ${size}px ${page.fontFamily}`),
      accountWordWidth(roles, `${size}px ${page.fontFamily}`),
    ];
  }, [roles]);
  const rows = useMemo(() => listRows(groups, folded), [groups, folded]);
  const shownRoles = groups.reduce((count, group) => count + group.roles.length, 0);
  const roleIndexes = useMemo(
    () => rows.flatMap((row, index) => (row.kind === 'role' ? [index] : [])),
    [rows],
  );
  const selectedIndex = rows.findIndex((row) => row.kind === 'role' && row.role.name === selected);
  const tabbable = selectedIndex >= 0 ? selectedIndex : roleIndexes[0];

  // The row that has focus stays drawn while it scrolls out of view, so focus is never dropped.
  const [focusIndex, setFocusIndex] = useState<number>();
  const keep = focusIndex ?? selectedIndex;
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (keep >= 0 && keep < range.count && !indexes.includes(keep)) indexes.push(keep);
      return indexes.sort((a, b) => a - b);
    },
    [keep],
  );

  // The React Compiler is not used in this build; the virtualizer's functions are called fresh each render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: (index) => {
      const row = rows[index]!;
      return row.kind === 'account' ? `account:${row.group.accountId}` : `role:${row.role.name}`;
    },
    rangeExtractor,
    overscan: 6,
    useFlushSync: false,
  });

  // Focus asked for a row that may not be drawn yet: scroll to it, then focus it once it is.
  const pendingFocus = useRef<number | undefined>(undefined);
  const focusRow = (index: number) => {
    setFocusIndex(index);
    pendingFocus.current = index;
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };
  useEffect(() => {
    const index = pendingFocus.current;
    if (index === undefined) return;
    const element = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    const target = element?.querySelector<HTMLElement>('[data-role-row]') ?? element?.querySelector('button');
    if (!target) return;
    pendingFocus.current = undefined;
    target.focus({ preventScroll: true });
  });

  const indexOf = (target: HTMLElement) => {
    const row = target.closest<HTMLElement>('[data-index]');
    return row ? Number(row.dataset['index']) : -1;
  };

  const onListKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select, form, [role="menu"]')) return;
    const index = indexOf(target);
    if (index < 0 || roleIndexes.length === 0) return;
    const row = rows[index]!;
    const position = roleIndexes.findIndex((candidate) => candidate >= index);
    const at = position < 0 ? roleIndexes.length : position;
    const onRole = row.kind === 'role';
    const step = (delta: number) =>
      roleIndexes[Math.max(0, Math.min(roleIndexes.length - 1, at + delta))] ?? index;
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = onRole ? step(1) : step(0);
        break;
      case 'ArrowUp':
        if (onRole && at === 0) {
          event.preventDefault();
          searchRef.current?.focus();
          return;
        }
        next = step(-1);
        break;
      case 'PageDown':
        next = step(onRole ? PAGE_ROWS : PAGE_ROWS - 1);
        break;
      case 'PageUp':
        next = step(-PAGE_ROWS);
        break;
      case 'Home':
        next = roleIndexes[0];
        break;
      case 'End':
        next = roleIndexes.at(-1);
        break;
      case 'ArrowLeft':
        if (onRole)
          next = rows.findIndex(
            (candidate) => candidate.kind === 'account' && candidate.group.accountId === row.accountId,
          );
        else if (row.expanded) toggle(row.group.accountId);
        break;
      case 'ArrowRight':
        if (row.kind === 'account' && !row.expanded) toggle(row.group.accountId);
        break;
      default:
        return;
    }
    event.preventDefault();
    if (next !== undefined && next >= 0) focusRow(next);
  };

  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      const first = roleIndexes[0];
      if (first !== undefined) focusRow(first);
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      onQueryChange('');
    }
  };

  const closeMenu = useCallback((refocus: boolean) => {
    setMenu((open) => {
      if (open && refocus)
        open.anchor.closest<HTMLElement>('[data-role-row]')?.focus({ preventScroll: true });
      return undefined;
    });
  }, []);

  // Stable for the memoised rows: they call whatever the latest render's commands are.
  const latestCommands = useRef(commands);
  useEffect(() => {
    latestCommands.current = commands;
  });
  const onCommand = useCallback(
    (role: RoleView, id: RoleActionId) => latestCommands.current.run(role, id),
    [],
  );
  const onOpenMenu = useCallback(
    (role: RoleView, menuItems: RoleMenuItem[], anchor: HTMLElement) =>
      setMenu({ role, items: menuItems, anchor }),
    [],
  );
  const onDismissResult = useCallback((profile: string) => latestCommands.current.dismiss(profile), []);

  const items = virtualizer.getVirtualItems();
  const renderRow = (row: RoleListRow, index: number): ReactNode => {
    if (row.kind === 'account') {
      const { group } = row;
      return (
        <h3 className="account-heading">
          <button
            type="button"
            className="account-toggle"
            tabIndex={-1}
            aria-expanded={row.expanded}
            onClick={() => toggle(group.accountId)}
          >
            <span className="account-chevron" aria-hidden="true">
              {row.expanded ? '▾' : '▸'}
            </span>
            <span className="account-label">{group.label}</span>
            {group.label !== group.accountId && <span className="account-id">{group.accountId}</span>}
            <span className="account-count">
              {group.roles.length === 1 ? '1 role' : `${group.roles.length} roles`}
            </span>
          </button>
        </h3>
      );
    }
    return (
      <RoleRow
        role={row.role}
        tabbable={index === tabbable}
        result={commands.results[row.role.name]}
        menuOpen={menu?.role.name === row.role.name}
        onCommand={onCommand}
        onOpenMenu={onOpenMenu}
        onDismissResult={onDismissResult}
      />
    );
  };

  return (
    <section className="roles-view" aria-labelledby="roles-title">
      <div className="panel-heading">
        <h2 id="roles-title">Roles</h2>
        <p id={countId} className="muted" role="status">
          {query ? `${shownRoles} of ${roles.length} roles match` : `${roles.length} roles`}
        </p>
      </div>
      <ConfigProblems profiles={profiles} />
      <IdentityCenterPanel instances={data.profiles?.identityCenters ?? NO_INSTANCES} />
      <div className="search">
        <SearchField
          label="Search roles"
          inputRef={searchRef}
          value={query}
          placeholder="Search roles, accounts, profiles… (press /)"
          describedBy={countId}
          onChange={onQueryChange}
          onKeyDown={onSearchKeyDown}
        />
      </div>
      {rows.length > 0 && (
        <div
          className="role-list-scroll"
          ref={scrollRef}
          style={
            { '--name-width': `${nameWidth}px`, '--account-width': `${accountWidth}px` } as CSSProperties
          }
          onKeyDown={onListKeyDown}
          onFocus={(event) => {
            const index = indexOf(event.target);
            if (index >= 0) setFocusIndex(index);
          }}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget)) setFocusIndex(undefined);
          }}
        >
          <div
            role="list"
            aria-label="Roles by account"
            className="role-list"
            style={{ height: virtualizer.getTotalSize() }}
          >
            {items.map((item) => {
              const row = rows[item.index]!;
              return (
                <div
                  key={item.key}
                  role={row.kind === 'account' ? 'listitem' : 'none'}
                  className={row.kind === 'account' ? 'virtual-row account-row' : 'virtual-row'}
                  data-index={item.index}
                  data-account-row={row.kind === 'account' ? row.group.accountId : undefined}
                  ref={virtualizer.measureElement}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  {renderRow(row, item.index)}
                </div>
              );
            })}
          </div>
        </div>
      )}
      {groups.length === 0 && roles.length > 0 && (
        <p className="empty-search">
          No role matches “{query}”. Search looks at profile and display names, role names, account aliases
          and ids, and the profiles roles are assumed from.
        </p>
      )}
      <SsoAccounts />
      {menu && (
        <RoleMenu
          label={roleLabel(menu.role)}
          items={menu.items}
          anchor={menu.anchor}
          onChoose={(id) => {
            const role = menu.role;
            closeMenu(true);
            commands.run(role, id);
          }}
          onClose={closeMenu}
        />
      )}
    </section>
  );
}
