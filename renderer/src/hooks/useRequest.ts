import type { RequestChannel, RequestOf, ResponseOf } from '../../../shared/ipc-contract';
import { request, type RequestArgs } from '../lib/roletray-client';
import { useRoleTrayApi } from '../state/RoleTrayApiContext';
import { useAnswer, type Answer } from './useAnswer';

// A read from main for what is on screen: asked again when the payload or `again` changes (a new
// session, a retry after renewing), and only the latest question's answer is kept. No payload, or
// a window not connected to main, asks nothing.

/** The channels that take a payload: a read on screen is always about something. */
type ReadChannel = {
  [C in RequestChannel]: RequestOf<C> extends void ? never : C;
}[RequestChannel];

export function useRequest<C extends ReadChannel>(
  channel: C,
  payload: RequestOf<C> | undefined,
  again: string | number = 0,
): Answer<ResponseOf<C>> {
  const api = useRoleTrayApi();
  const key = api && payload !== undefined ? JSON.stringify([channel, payload, again]) : undefined;
  // useAnswer asks only while there is a key, so only with an api and a payload.
  return useAnswer(key, () => request(api!, channel, ...([payload] as RequestArgs<C>)));
}
