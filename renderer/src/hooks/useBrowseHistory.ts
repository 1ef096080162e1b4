import { useCallback, useEffect, useState } from 'react';
import { browseHash } from '../../../shared/app-hash';

// Where the S3 browser is, with back and forward. The window's hash follows (replaced, never
// pushed, so the tray's own `#browse=`/`#role=` changes are the only hash changes) so a reload
// comes back to the same place.

export interface BrowseLocation {
  profile: string;
  bucket?: string;
  prefix: string;
  /** The selected object; selecting one replaces the entry rather than adding one. */
  key?: string;
}

export interface BrowseHistory {
  location: BrowseLocation;
  canGoBack: boolean;
  canGoForward: boolean;
  go: (next: BrowseLocation) => void;
  /** Changes the current entry's selection (or clears it). */
  select: (key: string | undefined) => void;
  back: () => void;
  forward: () => void;
}

export const samePlace = (a: BrowseLocation, b: BrowseLocation) =>
  a.profile === b.profile && a.bucket === b.bucket && a.prefix === b.prefix;

interface Stack {
  entries: BrowseLocation[];
  index: number;
}

export function useBrowseHistory(initial: BrowseLocation): BrowseHistory {
  const [stack, setStack] = useState<Stack>({ entries: [initial], index: 0 });
  const location = stack.entries[stack.index]!;

  useEffect(() => {
    const hash = browseHash(location);
    if (window.location.hash !== hash) history.replaceState(history.state, '', hash);
  }, [location]);

  const go = useCallback((next: BrowseLocation) => {
    setStack(({ entries, index }) => {
      const here = entries[index]!;
      if (samePlace(here, next)) {
        if (here.key === next.key) return { entries, index };
        return { entries: entries.map((entry, i) => (i === index ? next : entry)), index };
      }
      return { entries: [...entries.slice(0, index + 1), next], index: index + 1 };
    });
  }, []);

  const select = useCallback((key: string | undefined) => {
    setStack(({ entries, index }) => {
      const { key: _previous, ...here } = entries[index]!;
      const next = key === undefined ? here : { ...here, key };
      return { entries: entries.map((entry, i) => (i === index ? next : entry)), index };
    });
  }, []);

  const back = useCallback(
    () => setStack(({ entries, index }) => ({ entries, index: Math.max(0, index - 1) })),
    [],
  );
  const forward = useCallback(
    () => setStack(({ entries, index }) => ({ entries, index: Math.min(entries.length - 1, index + 1) })),
    [],
  );

  return {
    location,
    canGoBack: stack.index > 0,
    canGoForward: stack.index < stack.entries.length - 1,
    go,
    select,
    back,
    forward,
  };
}
