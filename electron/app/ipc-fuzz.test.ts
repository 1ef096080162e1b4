import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS, type RequestChannel } from '../../shared/ipc-contract';
import type { RoleTrayErrorKind } from '../../shared/errors';
import type { DownloadDestinationRequest } from '../core/s3/download-request';
import { dispatch } from './dispatch';
import { recordingDesktop } from '../../test-support/handoff-walk';
import {
  EXOTIC_CHANNEL_KINDS,
  EXOTIC_KINDS,
  exotic,
  exoticChannel,
  notChannels,
  payloads,
  validPayloads,
  type RealValues,
} from '../../test-support/ipc-fuzz-inputs';
import { startTestBridge, type TestBridge } from '../../test-support/test-bridge';

// Every request channel fuzzed through both ways in: `dispatch` in process (as Electron's ipcMain
// adapter calls it) and the loopback bridge over HTTP, with the real handler table on a real
// sandbox. Whatever arrives, the answer is a value or a typed error with a sentence: no stack, no
// secret, nothing structured clone would refuse, no rejection escaping to the process.
// A failure prints fast-check's seed and path; pass them to fc.assert here to replay it.

const SEED = 20_261_111;
/** Per channel and path. Both paths together make a few hundred payloads per channel. */
const RUNS = { dispatch: 160, bridge: 100, exotic: 24, channels: 150 };

const ERROR_KINDS = Object.keys({
  MfaRequired: true,
  MfaInvalid: true,
  MfaCancelled: true,
  AccessDenied: true,
  Expired: true,
  InvalidCredentials: true,
  SourceCredentialsMissing: true,
  SignInRequired: true,
  Validation: true,
  ConfigError: true,
  Network: true,
  Internal: true,
  NotSecure: true,
} satisfies Record<RoleTrayErrorKind, true>) as [RoleTrayErrorKind, ...RoleTrayErrorKind[]];

const typedError = z.strictObject({
  kind: z.enum(ERROR_KINDS),
  // A sentence, not an echo of a 100 kB payload.
  message: z.string().min(1).max(2000),
  profile: z.string().optional(),
  awsCode: z.string().optional(),
  awsMessage: z.string().optional(),
  unreachable: z.strictObject({ service: z.string().min(1), endpoint: z.string().min(1) }).optional(),
  file: z.string().optional(),
  line: z.number().int().optional(),
});
const ipcResult = z.union([
  z.strictObject({ ok: z.literal(true), value: z.unknown().optional() }),
  z.strictObject({ ok: z.literal(false), error: typedError }),
]);

const known = new Set<string>(REQUEST_CHANNELS);
const STACK_TRACE = /\s{4}at |at .*:\d+:\d+\)|node:internal|node_modules/;

let running: TestBridge;
let downloads: string;
let real: RealValues;
const desktop = recordingDesktop();
/** Handler bugs dispatch logged (their stacks), to show beside an Internal answer. */
const logged: string[] = [];
/** Every event the hub published, as JSON, for the secret check. */
const published: string[] = [];
/** Save-dialog requests whose suggested name was not one safe file name. */
const unsafeNames: DownloadDestinationRequest[] = [];
const escaped: unknown[] = [];
/** Events IPC could not carry, or of listings and downloads that ended on a bug (Internal, untyped). */
const backgroundBugs: unknown[] = [];
/** Per channel: answers, and those past the schema (a value, or a handler's own error). */
const reached = new Map<string, { answers: number; pastSchema: number }>();
const onEscaped = (error: unknown) => void escaped.push(error);

/** Assumed before the fuzzing, so payloads naming them reach S3 rather than stop at "no session". */
const SESSIONS = ['prod-read-only', 'prod-log-reader'];

/** A folder download of 100,000 keys would outlast the run; the user "declines" it. */
const HUGE_FOLDER = 'acme-prod-event-logs';

async function chooseDestination(request: DownloadDestinationRequest): Promise<string | undefined> {
  const name = request.suggestedName;
  if (name === '' || name === '.' || name === '..' || /[/\\]/.test(name)) unsafeNames.push(request);
  if (request.kind === 'folder') return request.bucket === HUGE_FOLDER ? undefined : downloads;
  return join(downloads, name);
}

beforeAll(async () => {
  process.on('unhandledRejection', onEscaped);
  process.on('uncaughtException', onEscaped);
  downloads = await mkdtemp(join(tmpdir(), 'roletray-fuzz-'));
  running = await startTestBridge({ chooseDownloadDestination: chooseDestination, handoff: desktop.handoff });
  const { h } = running;
  // No MFA dialog: every prompt is cancelled at once, so an MFA role answers MfaCancelled.
  h.answers.length = 0;
  h.services.hub.subscribe((event, payload) => {
    published.push(JSON.stringify(payload));
    // Events cross IPC as answers do; a listing or download that fails later says why as a typed error.
    const { error } = payload as { error?: unknown };
    const typed = error === undefined ? undefined : typedError.safeParse(error);
    const cloneable = (() => {
      try {
        return structuredClone(payload) !== undefined;
      } catch {
        return false;
      }
    })();
    if (!cloneable || typed?.success === false || typed?.data?.kind === 'Internal') {
      backgroundBugs.push({ event, payload });
    }
  });
  real = {
    sessionProfiles: SESSIONS,
    otherProfiles: [
      ...h.profiles.profiles.map((profile) => profile.name).filter((name) => !SESSIONS.includes(name)),
      'no-such-profile',
    ],
    buckets: [...h.t.sandbox.scenario.buckets.map((bucket) => bucket.name), 'no-such-bucket-here'],
    keys: ['README.txt', 'config/app.json', 'notes/todo.txt', 'gdpr/retention-policy.txt', 'missing.txt'],
    prefixes: ['', 'config/', 'reports/', 'notes/', 'events/2026/11/event-0004', 'nope/'],
    ids: ['fuzz-1', 'fuzz-2', 'fuzz-3'],
    startUrls: [h.t.description.identityCenter!.startUrl, 'https://d-0000000000.awsapps.com/start'],
  };
}, 60_000);

// Fuzzing sessions:end and sessions:end-all ends them: each channel starts with them back.
beforeEach(async () => {
  for (const profile of SESSIONS) {
    if (running.h.manager.activeSession(profile)) continue;
    expect(await viaDispatch('sessions:assume', { profile })).toMatchObject({ ok: true });
  }
});

afterAll(async () => {
  await running?.stop();
  await rm(downloads, { recursive: true, force: true });
  process.off('unhandledRejection', onEscaped);
  process.off('uncaughtException', onEscaped);
});

/** The presigned URL carries its session's key id and token by design: checked without them. */
function withoutPresignCredentials(channel: unknown, answer: unknown): unknown {
  const { value } = answer as { value?: { url?: unknown } };
  if (channel !== 's3:presign' || typeof value?.url !== 'string') return answer;
  const url = new URL(value.url);
  url.searchParams.delete('X-Amz-Credential');
  url.searchParams.delete('X-Amz-Security-Token');
  return { ...(answer as object), value: { ...value, url: url.href } };
}

function checkAnswer(channel: unknown, answer: unknown, via: string): void {
  const where = `${typeof channel === 'string' ? channel.slice(0, 64) : typeof channel} via ${via}`;
  const shape = ipcResult.safeParse(answer);
  if (!shape.success) {
    throw new Error(
      `${where} answered outside the contract: ${shape.error.message}\n${JSON.stringify(answer)}`,
    );
  }
  try {
    // Electron's IPC structured-clones every answer.
    structuredClone(answer);
  } catch (error) {
    throw new Error(`${where} answered what IPC cannot carry: ${String(error)}`, { cause: error });
  }
  const text = JSON.stringify(withoutPresignCredentials(channel, answer));
  if (STACK_TRACE.test(text))
    throw new Error(`${where} answered with stack-trace text: ${text.slice(0, 500)}`);
  const error = shape.data.ok ? undefined : shape.data.error;
  if (typeof channel === 'string' && known.has(channel)) {
    const tally = reached.get(channel) ?? { answers: 0, pastSchema: 0 };
    tally.answers += 1;
    if (!error?.message.startsWith(`Invalid ${channel} request`)) tally.pastSchema += 1;
    reached.set(channel, tally);
  }
  if (error?.kind === 'Internal') {
    throw new Error(`${where} hit a bug: ${error.message}\n${logged.at(-1) ?? '(nothing logged)'}`);
  }
  const secrets = [...running.h.secrets(), running.bridge.token];
  const leaked = secrets.find((secret) => text.includes(secret));
  if (leaked)
    throw new Error(`${where} answered with a secret (${leaked.slice(0, 4)}…): ${text.slice(0, 500)}`);
}

const log = (line: string) => void logged.push(line);
const viaDispatch = (channel: unknown, payload: unknown) =>
  dispatch(running.h.services.handlers, channel, payload, log);
async function viaBridge(channel: string, payload: unknown): Promise<unknown> {
  const { status, body } = await running.client.invoke(encodeURIComponent(channel), payload);
  expect(status, JSON.stringify(body)).toBeLessThan(500);
  return body;
}

/**
 * A channel name the bridge's URL can carry: Node refuses a request line past its 16 KiB header
 * limit (431) before the bridge sees it, and a lone surrogate has no percent-encoding.
 */
function fitsInUrl(channel: unknown): channel is string {
  if (typeof channel !== 'string' || channel === '' || channel.length > 4096) return false;
  try {
    encodeURIComponent(channel);
    return true;
  } catch {
    return false;
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

function fuzzed<T extends [unknown, ...unknown[]]>(property: fc.IAsyncProperty<T>, numRuns: number) {
  return fc.assert(property, { seed: SEED, numRuns });
}

describe.each(REQUEST_CHANNELS)('%s', (channel: RequestChannel) => {
  it('answers hostile and valid payloads in process with a value or a typed error', async () => {
    await fuzzed(
      fc.asyncProperty(payloads(channel, real), async (payload) => {
        checkAnswer(channel, await viaDispatch(channel, payload), 'dispatch');
      }),
      RUNS.dispatch,
    );
  });

  it('answers them over the bridge the same way', async () => {
    await fuzzed(
      fc.asyncProperty(payloads(channel, real), async (payload) => {
        checkAnswer(channel, await viaBridge(channel, payload), 'the bridge');
      }),
      RUNS.bridge,
    );
  });

  it('answers payloads only a caller in process could make (getters, proxies, cycles)', async () => {
    await fuzzed(
      fc.asyncProperty(fc.constantFrom(...EXOTIC_KINDS), validPayloads(channel, real), async (kind, base) => {
        const payload = exotic(kind, (base ?? {}) as Record<string, unknown>);
        checkAnswer(channel, await viaDispatch(channel, payload), `dispatch (${kind})`);
      }),
      RUNS.exotic,
    );
  });
});

describe('what is not a channel', () => {
  it('is refused by either path with a typed error', async () => {
    await fuzzed(
      fc.asyncProperty(
        fc.oneof(notChannels, fc.constantFrom(...EXOTIC_CHANNEL_KINDS).map(exoticChannel)),
        async (channel) => {
          const answer = await viaDispatch(channel, undefined);
          checkAnswer(channel, answer, 'dispatch');
          expect(answer).toMatchObject({ ok: false, error: { kind: 'Validation' } });
          if (fitsInUrl(channel)) {
            checkAnswer(channel, await viaBridge(channel, undefined), 'the bridge');
          }
        },
      ),
      RUNS.channels,
    );
  });
});

describe('after the fuzzing', () => {
  it('still assumes a role and lists profiles, and nothing escaped or leaked meanwhile', async () => {
    running.h.services.s3.stopWork();
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const call of [viaDispatch, viaBridge]) {
      expect(await call('sessions:assume', { profile: 'prod-read-only' })).toMatchObject({
        ok: true,
        value: { profile: 'prod-read-only' },
      });
      expect(await call('profiles:list', undefined)).toMatchObject({
        ok: true,
        value: { roles: expect.arrayContaining([expect.objectContaining({ name: 'prod-read-only-mfa' })]) },
      });
    }
    expect(escaped).toEqual([]);
    expect(backgroundBugs).toEqual([]);
    // Valid-shaped payloads got past the schemas: the handlers were fuzzed, not just the checks.
    const shallow = REQUEST_CHANNELS.filter((channel) => {
      const tally = reached.get(channel);
      return !tally || tally.pastSchema < tally.answers / 20;
    });
    expect(shallow).toEqual([]);
    expect(unsafeNames).toEqual([]);
    // The app's store keeps metadata for the config's profiles only, whatever names were sent.
    const names = new Set(running.h.core.profiles.all().map((profile) => profile.name));
    expect(Object.keys(running.h.core.metadata.all()).filter((name) => !names.has(name))).toEqual([]);
    const secrets = running.h.secrets();
    const events = published.join('\n');
    expect(secrets.filter((secret) => events.includes(secret))).toEqual([]);
    // The recorded desktop did receive sessions: the fuzz reached the hand-offs, not just schemas.
    expect(desktop.received.length).toBeGreaterThan(0);
  });

  it('leaves no session on disk once every session has ended, whatever names it was written under', async () => {
    const { h } = running;
    expect(await viaDispatch('sessions:end-all', undefined)).toEqual({ ok: true, value: undefined });
    await h.services.handoff.sync();
    const issued = h.issuedCredentials().flatMap((issued) => [issued.secretAccessKey, issued.sessionToken]);
    const left: string[] = [];
    for (const file of await filesUnder(h.t.awsDir)) {
      const text = await readFile(file, 'utf8');
      // Named with its section headers, to show which name the session was left under.
      const sections = text.split('\n').filter((line) => line.startsWith('['));
      if (issued.some((secret) => text.includes(secret))) left.push(`${file}: ${sections.join(' ')}`);
    }
    expect(left).toEqual([]);
  });
});
