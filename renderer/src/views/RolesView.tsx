import { useId, useMemo, useRef, type KeyboardEvent, type RefObject } from 'react';
import type { IdentityCenterView, RoleView } from '../../../shared/profiles-view';
import { flattenGroups, groupRoles } from '../lib/role-groups';
import { useRoleTray } from '../state/RoleTrayContext';
import { IdentityCenterPanel } from './IdentityCenterPanel';
import { RoleItem } from './RoleItem';
import './roles.css';
import { SearchField } from './SearchField';
import { SsoAccounts } from './SsoAccounts';

interface RolesViewProps {
  query: string;
  onQueryChange: (query: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}

const NO_ROLES: readonly RoleView[] = [];
const NO_INSTANCES: readonly IdentityCenterView[] = [];
const MOVES = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End']);

function rowsIn(container: HTMLElement | null): HTMLElement[] {
  return container ? [...container.querySelectorAll<HTMLElement>('[data-role-row]')] : [];
}

/** The roles, searchable as you type and grouped by account; arrow keys move between them. */
export function RolesView({ query, onQueryChange, searchRef }: RolesViewProps) {
  const { data, selection } = useRoleTray();
  const roles = data.profiles?.roles ?? NO_ROLES;
  const { selected } = selection;
  const listRef = useRef<HTMLDivElement>(null);
  const countId = useId();
  const groups = useMemo(() => groupRoles(roles, query), [roles, query]);
  const shown = flattenGroups(groups);
  const tabbable = shown.some((role) => role.name === selected) ? selected : shown[0]?.name;

  const onListKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!MOVES.has(event.key)) return;
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select, form')) return;
    const rows = rowsIn(listRef.current);
    if (rows.length === 0) return;
    const index = rows.findIndex((row) => row.contains(target));
    const last = rows.length - 1;
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? last
          : event.key === 'ArrowDown'
            ? Math.min(last, index + 1)
            : Math.max(0, index - 1);
    event.preventDefault();
    if (event.key === 'ArrowUp' && index <= 0) searchRef.current?.focus();
    else rows[next]?.focus();
  };

  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      rowsIn(listRef.current)[0]?.focus();
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      onQueryChange('');
    }
  };

  return (
    <section className="roles-view" aria-labelledby="roles-title">
      <div className="panel-heading">
        <h2 id="roles-title">Roles</h2>
        <p id={countId} className="muted" role="status">
          {query ? `${shown.length} of ${roles.length} roles match` : `${roles.length} roles`}
        </p>
      </div>
      <IdentityCenterPanel instances={data.profiles?.identityCenters ?? NO_INSTANCES} />
      <div className="search">
        <SearchField
          label="Search roles"
          inputRef={searchRef}
          value={query}
          placeholder="Search roles, accounts… (press /)"
          describedBy={countId}
          onChange={onQueryChange}
          onKeyDown={onSearchKeyDown}
        />
      </div>
      <div className="role-list" ref={listRef} onKeyDown={onListKeyDown}>
        {groups.map((group) => (
          <section
            key={group.accountId}
            className="account-group"
            aria-labelledby={`account-${group.accountId}`}
          >
            <h3 id={`account-${group.accountId}`} className="account-heading">
              <span>{group.label}</span>
              {group.label !== group.accountId && <span className="account-id">{group.accountId}</span>}
            </h3>
            <ul aria-label={`Roles in ${group.label}`}>
              {group.roles.map((role) => (
                <RoleItem key={role.name} role={role} tabbable={role.name === tabbable} />
              ))}
            </ul>
          </section>
        ))}
        {groups.length === 0 && roles.length > 0 && (
          <p className="empty-search">
            No role matches “{query}”. Search looks at profile and display names, role names, account aliases
            and ids.
          </p>
        )}
        <SsoAccounts query={query} />
      </div>
    </section>
  );
}
