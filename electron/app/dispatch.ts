import { REQUEST_CHANNELS, type IpcResult, type RequestChannel } from '../../shared/ipc-contract';
import { REQUEST_SCHEMAS } from '../../shared/ipc-schemas';
import { isRoleTrayError } from '../core/errors';
import type { Handlers } from './handlers';

// One entry point for every request, whatever carried it: checks the channel, parses the payload
// with its schema, runs the handler, and answers a value or a typed error, never a stack trace.

const known = new Set<string>(REQUEST_CHANNELS);

export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  payload: unknown,
  log: (message: string) => void = () => undefined,
): Promise<IpcResult<unknown>> {
  if (typeof channel !== 'string' || !known.has(channel)) {
    return {
      ok: false,
      error: { kind: 'Validation', message: `There is no request named ${String(channel).slice(0, 64)}.` },
    };
  }
  const name = channel as RequestChannel;
  const parsed = REQUEST_SCHEMAS[name].safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
    return {
      ok: false,
      error: {
        kind: 'Validation',
        message: `Invalid ${name} request${where}: ${issue?.message ?? 'bad payload'}.`,
      },
    };
  }
  try {
    const handler = handlers[name] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (isRoleTrayError(error)) return { ok: false, error: error.info };
    // A bug, not a user error: the details go to the log, a sentence goes to the UI.
    log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return {
      ok: false,
      error: {
        kind: 'Internal',
        message: `RoleTray hit an unexpected problem while handling ${name}; details are in its log.`,
      },
    };
  }
}
