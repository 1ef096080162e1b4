import { useMemo } from 'react';
import { coalesce } from '../lib/coalesce';

/** `run`, coalesced (lib/coalesce.ts): a burst of calls is one run in flight, then one more. */
export function useCoalesced(run: () => Promise<void>): () => Promise<void> {
  return useMemo(() => coalesce(run), [run]);
}
