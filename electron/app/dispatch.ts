import type { z } from 'zod';
import { REQUEST_CHANNELS, type IpcResult, type RequestChannel } from '../../shared/ipc-contract';
import type { RoleTrayErrorInfo } from '../../shared/errors';
import { REQUEST_SCHEMAS } from '../../shared/ipc-schemas';
import { isRoleTrayError } from '../core/errors';
import type { Handlers } from './handlers';

// One entry point for every request, whatever carried it: checks the channel, parses the payload
// with its schema, runs the handler, and answers a value or a typed error, never a stack trace.

const known = new Set<string>(REQUEST_CHANNELS);
/** Names a request sent are quoted at most this long: an error is a sentence, not an echo. */
const QUOTED_CHARS = 64;

function refused(message: string): IpcResult<never> {
  return { ok: false, error: { kind: 'Validation', message } satisfies RoleTrayErrorInfo };
}

function quoted(name: string): string {
  return JSON.stringify(name.length > QUOTED_CHARS ? `${name.slice(0, QUOTED_CHARS)}…` : name);
}

/** What was wrong, in one clause; a field the schema does not know is named, shortened. */
function problem(issue: z.core.$ZodIssue | undefined): string {
  if (issue?.code === 'unrecognized_keys') {
    const [first = '', ...others] = issue.keys;
    return `unknown field ${quoted(first)}${others.length > 0 ? ` and ${others.length} more` : ''}`;
  }
  return issue?.message ?? 'bad payload';
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return `${/^[aeiou]/.test(typeof value) ? 'an' : 'a'} ${typeof value}`;
}

/** The payload as its schema parses it, or why it is refused. */
function check(name: RequestChannel, payload: unknown): { request: unknown } | { refusal: string } {
  // Reading the payload, and zod's error (built when first read), can throw for a getter or a
  // Proxy; only an in-process caller can send one, IPC and the bridge carry plain data.
  try {
    const parsed = REQUEST_SCHEMAS[name].safeParse(payload);
    if (parsed.success) return { request: parsed.data };
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.map(String).join('.')})` : '';
    return { refusal: `Invalid ${name} request${where}: ${problem(issue)}.` };
  } catch {
    return { refusal: `Invalid ${name} request: its payload could not be read.` };
  }
}

export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  payload: unknown,
  log: (message: string) => void = () => undefined,
): Promise<IpcResult<unknown>> {
  if (typeof channel !== 'string') {
    return refused(`A request is named by a string, not by ${kindOf(channel)}.`);
  }
  if (!known.has(channel)) return refused(`There is no request named ${channel.slice(0, QUOTED_CHARS)}.`);
  const name = channel as RequestChannel;
  const checked = check(name, payload);
  if ('refusal' in checked) return refused(checked.refusal);
  try {
    const handler = handlers[name] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(checked.request) };
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
