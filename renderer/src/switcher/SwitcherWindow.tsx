import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { SwitcherCloseReason } from '../../../shared/ipc-contract';
import type { SessionInfo } from '../../../shared/sessions';
import { useNow } from '../hooks/useNow';
import { useRoleTrayData } from '../hooks/useRoleTrayData';
import { roleLabel } from '../lib/role-groups';
import { request } from '../lib/roletray-client';
import { commandKeyName, switcherKeyAction } from '../lib/switcher-keys';
import { rankRoles } from '../lib/switcher-ranking';
import { useRoleTrayApi } from '../state/RoleTrayApiContext';
import { ErrorText } from '../views/ErrorText';
import { NotConnected } from '../views/NotConnected';
import { useSettings } from '../hooks/useSettings';
import { SwitcherOption } from './SwitcherOption';
import { useSwitcherActions, type SwitcherPending } from './useSwitcherActions';
import './switcher.css';

// The quick switcher, the page of the small window the global shortcut opens (`#switcher`): a
// search box that has the focus from the start, the roles it matches in rankRoles' order, and the
// keys of switcher-keys.ts. Focus never leaves the box: the highlighted role is its
// aria-activedescendant, so rows can come and go as the list scrolls (only the rows in view exist).
// Done or dismissed, it asks main to hide the window (`switcher:close`) and starts over empty.

export const OPTION_HEIGHT = 52;
const MAC = typeof navigator !== 'undefined' && /Mac/i.test(navigator.userAgent);

const DOING: Record<SwitcherPending['kind'], string> = {
  assume: 'Assuming',
  console: 'Opening the AWS console as',
  'copy-env': 'Copying the environment variables of',
};

export function SwitcherWindow() {
  const api = useRoleTrayApi();
  // The theme chosen in Settings applies here too (useSettings sets it on the page).
  useSettings();
  const data = useRoleTrayData();
  const { profiles, sessions, loadError, refreshSessions, refreshProfiles } = data;
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const idBase = useId();
  const now = useNow(1000);

  const roles = useMemo(() => profiles?.roles ?? [], [profiles]);
  // What is recent is decided when the list is built, not every second as the countdowns tick.
  const [rankedAt, setRankedAt] = useState(Date.now);
  const matches = useMemo(() => rankRoles(roles, query, rankedAt), [roles, query, rankedAt]);
  const activeIndex = Math.min(active, Math.max(0, matches.length - 1));
  const activeRole = matches[activeIndex];

  const sessionOf = useMemo(() => {
    const byProfile = new Map<string, SessionInfo>();
    for (const session of sessions) byProfile.set(session.profile, session);
    return byProfile;
  }, [sessions]);
  const liveSession = (profile: string) => {
    const session = sessionOf.get(profile);
    return session && session.expiresAt > now ? session : undefined;
  };

  const afterAssume = useCallback(async () => {
    await Promise.all([refreshSessions(), refreshProfiles()]);
  }, [refreshSessions, refreshProfiles]);

  const actions = useSwitcherActions(api, afterAssume);
  const { clearFailure, pending } = actions;
  const reset = useCallback(() => {
    setQuery('');
    setActive(0);
    setRankedAt(Date.now());
    clearFailure();
    listRef.current?.scrollTo({ top: 0 });
  }, [clearFailure]);
  const close = useCallback(
    (reason: SwitcherCloseReason) => {
      reset();
      if (api) void request(api, 'switcher:close', { reason });
    },
    [api, reset],
  );
  const run = async (kind: SwitcherPending['kind'], profile: string) => {
    if (await actions.run(kind, profile)) close('done');
  };

  // Shown again (the window is hidden, not closed, between uses): the box has the focus at once.
  // Losing the focus dismisses the switcher, unless it waits for something it started (an MFA
  // prompt in its own window takes the focus while the assume waits for it).
  useEffect(() => {
    const focusBox = () => inputRef.current?.focus();
    const onBlur = () => {
      if (!pending) close('blur');
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden' && !pending) reset();
      else focusBox();
    };
    window.addEventListener('focus', focusBox);
    window.addEventListener('blur', onBlur);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('focus', focusBox);
      window.removeEventListener('blur', onBlur);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [close, reset, pending]);

  // The React Compiler is not used in this build; the virtualizer's functions are called fresh each render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: matches.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => OPTION_HEIGHT,
    overscan: 6,
    useFlushSync: false,
    initialRect: { width: 600, height: OPTION_HEIGHT * 6 },
  });

  const moveTo = (index: number) => {
    if (matches.length === 0) return;
    const next = Math.max(0, Math.min(matches.length - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const page = Math.max(
      1,
      Math.floor((listRef.current?.clientHeight ?? OPTION_HEIGHT * 6) / OPTION_HEIGHT) - 1,
    );
    const action = switcherKeyAction({ ...event, isComposing: event.nativeEvent.isComposing }, MAC, page);
    if (!action) return;
    event.preventDefault();
    switch (action.kind) {
      case 'move':
        return moveTo(activeIndex + action.by);
      case 'first':
        return moveTo(0);
      case 'last':
        return moveTo(matches.length - 1);
      case 'close':
        return close('escape');
      default:
        if (activeRole) void run(action.kind, activeRole.name);
    }
  };

  const onPick = (event: MouseEvent<HTMLDivElement>) => {
    const option = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    const role = option ? matches[Number(option.dataset['index'])] : undefined;
    if (!role) return;
    setActive(Number(option!.dataset['index']));
    void run('assume', role.name);
  };

  if (!api) return <NotConnected />;
  const optionId = (index: number) => `${idBase}-option-${index}`;
  const items = virtualizer.getVirtualItems();
  const listId = `${idBase}-list`;
  const hintId = `${idBase}-hint`;
  const pendingRole = pending && roles.find((role) => role.name === pending.profile);
  const command = commandKeyName(MAC);

  return (
    <main className="switcher" aria-label="Quick switcher">
      <label className="switcher-label" htmlFor={`${idBase}-search`}>
        Switch to a role
      </label>
      <input
        ref={inputRef}
        id={`${idBase}-search`}
        className="switcher-search"
        type="text"
        role="combobox"
        aria-expanded={matches.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeRole && items.length > 0 ? optionId(activeIndex) : undefined}
        aria-describedby={hintId}
        autoComplete="off"
        spellCheck={false}
        // The window exists to be typed into: the box has the focus the moment it shows.
        autoFocus
        value={query}
        placeholder="Account, role or profile"
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          actions.clearFailure();
          listRef.current?.scrollTo({ top: 0 });
        }}
        onKeyDown={onKeyDown}
      />
      <div className="switcher-feedback">
        {actions.failure ? (
          <ErrorText error={actions.failure.error} />
        ) : loadError ? (
          <ErrorText error={loadError} />
        ) : (
          <p className="switcher-status" role="status">
            {pending
              ? `${DOING[pending.kind]} ${pendingRole ? roleLabel(pendingRole) : pending.profile}…`
              : !profiles
                ? 'Reading your AWS config…'
                : matches.length === 0
                  ? roles.length === 0
                    ? 'Your AWS config has no roles.'
                    : `No role matches “${query.trim()}”.`
                  : `${matches.length.toLocaleString()} ${matches.length === 1 ? 'role' : 'roles'}`}
          </p>
        )}
      </div>
      <div
        ref={listRef}
        id={listId}
        role="listbox"
        aria-label="Matching roles"
        className="switcher-list"
        // The box keeps the focus when a row is clicked.
        onMouseDown={(event) => event.preventDefault()}
        onClick={onPick}
      >
        <div className="switcher-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const role = matches[item.index]!;
            const session = liveSession(role.name);
            return (
              <SwitcherOption
                key={role.name}
                role={role}
                {...(session ? { session } : {})}
                now={now}
                id={optionId(item.index)}
                index={item.index}
                active={item.index === activeIndex}
                start={item.start}
              />
            );
          })}
        </div>
      </div>
      <p className="switcher-hint" id={hintId}>
        <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> assume · <kbd>{command}+Enter</kbd> console ·{' '}
        <kbd>Shift+Enter</kbd> copy env variables · <kbd>Esc</kbd> close
      </p>
    </main>
  );
}
