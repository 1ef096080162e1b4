import fc from 'fast-check';
import { z } from 'zod';
import type { RequestChannel } from '../shared/ipc-contract';
import { REQUEST_SCHEMAS } from '../shared/ipc-schemas';

// What the IPC fuzz test (electron/app/ipc-fuzz.test.ts) sends. For each request channel: its own
// shape filled with real values (so handlers run, not just schemas), the same shape with hostile
// values, fields missing or extra, and values of another kind altogether; also names that are not
// channels, and values only an in-process caller can pass. The fields come from the channel's
// schema, so a new channel is fuzzed without a line here unless it brings a field name this file
// has never seen (then `payloads` throws and says which).

/** The sandbox's real names: a payload made of these reaches the handler and the sandbox. */
export interface RealValues {
  /** Profiles with a session: most payloads name one, so they reach S3 and the hand-offs. */
  sessionProfiles: readonly string[];
  /** Every other name: keys profiles, MFA roles, denied roles, one that does not exist. */
  otherProfiles: readonly string[];
  buckets: readonly string[];
  keys: readonly string[];
  prefixes: readonly string[];
  /** Ids the fuzz reuses, so a stop or cancel can meet the listing or download it names. */
  ids: readonly string[];
  /** IAM Identity Center start URLs: the sandbox's instance, and one no profile names. */
  startUrls: readonly string[];
}

const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
];

const TRAVERSALS = [
  '.',
  '..',
  '../',
  '../../../../etc/passwd',
  '..\\..\\Windows\\win.ini',
  '/etc/passwd',
  'a/../../b',
  'notes/../../../x',
  '%2e%2e%2fetc%2fpasswd',
  '~/.aws/credentials',
  '//server/share',
  'C:\\Users',
];

const UNICODE = [
  '😀',
  'e\u0301',
  '\u202etxt.exe',
  // Lone surrogates: a JS string can hold them, UTF-8 (and so S3, a URL, a file) cannot.
  '\ud800',
  'a\udc00b',
  'key-\udbff',
  '\uffff',
  'İı',
];

const INJECTIONS = [
  '',
  ' ',
  '\t',
  '\0',
  'a\0b',
  'dev\n[default]\naws_access_key_id = AKIAFUZZ',
  'dev\r\n',
  '${HOME}',
  '$(id)',
  "'; echo pwned #",
  '<img src=x onerror=alert(1)>',
  '%s%n%x',
  'null',
  'NaN',
];

/** Strings at and just past the schemas' limits (64, 256, 1,024 bytes), and far past them. */
const long = fc
  .tuple(
    fc.constantFrom(63, 64, 65, 255, 256, 257, 512, 1024, 1025, 20_000, 100_000),
    fc.constantFrom('a', 'é', '😀', '/'),
  )
  .map(([length, unit]) => unit.repeat(unit.length === 2 ? Math.ceil(length / 2) : length));

/** The lists above twice as often as random text: they are what past bugs were made of. */
const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
  { weight: 2, arbitrary: fc.constantFrom(...TRAVERSALS) },
  { weight: 2, arbitrary: fc.constantFrom(...UNICODE) },
  { weight: 2, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: long },
);

const edgeNumber = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    0.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    Number.MIN_VALUE,
    Number.MAX_VALUE,
    604_800,
    604_801,
    2 ** 31,
    2 ** 32,
  ),
  fc.double(),
  fc.integer(),
);

/** An object built with own properties, so `__proto__` is a key and not the prototype. */
function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  return Object.fromEntries(entries);
}

const leaf = fc.oneof(hostileString, edgeNumber, fc.boolean(), fc.constant(null), fc.constant(undefined));
const hostileKey = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: long },
);

/** Any value of the wrong kind: a leaf, an array, an object with prototype-named keys. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: leaf },
  { weight: 1, arbitrary: fc.array(leaf, { maxLength: 4 }) },
  { weight: 2, arbitrary: fc.array(fc.tuple(hostileKey, leaf), { maxLength: 4 }).map(objectOf) },
);

function realField(field: string, real: RealValues): fc.Arbitrary<unknown> {
  switch (field) {
    case 'profile':
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...real.sessionProfiles) },
        { weight: 1, arbitrary: fc.constantFrom(...real.otherProfiles) },
      );
    case 'bucket':
      return fc.constantFrom(...real.buckets);
    case 'key':
      return fc.constantFrom(...real.keys);
    case 'prefix':
      return fc.constantFrom(...real.prefixes);
    case 'listingId':
    case 'countId':
    case 'downloadId':
    case 'requestId':
      return fc.constantFrom(...real.ids);
    case 'code':
      return fc.constantFrom(null, '123456', '000000');
    case 'expiresInSeconds':
      return fc.constantFrom(1, 60, 3600, 604_800);
    case 'shell':
      return fc.constantFrom('sh', 'fish', 'powershell');
    case 'method':
      return fc.constantFrom('browser', 'device');
    case 'enabled':
      return fc.boolean();
    case 'profileName':
      return fc.constantFrom(null, 'fuzz-roletray', 'dev', 'default');
    case 'startUrl':
      return fc.constantFrom(...real.startUrls);
    case 'template':
      return fc.constantFrom('{account}.{role}', '{accountId}-{role}', 'sso.{role}', 'fixed');
    // Shaped as IAM's, known to no one: keys:add checks them with STS and is refused.
    case 'accessKeyId':
      return fc.constantFrom('AKIAFUZZFUZZFUZZFUZZ', 'AKIA0000000000000000');
    case 'secretAccessKey':
      return fc.constantFrom('W'.repeat(40), 'fuzz/fuzz+fuzz/fuzz+fuzz/fuzz+fuzz/fuzz+');
    case 'patch':
      return fc.record(
        {
          displayName: fc.constantFrom(null, 'Fuzzed', ' ', 'ü'.repeat(64)),
          color: fc.constantFrom(null, 'ffaa00', 'FFAA00', 'red'),
          favourite: fc.constantFrom(null, true, false),
        },
        { requiredKeys: [] },
      );
    // mfa:forget: the sandbox's device (with or without a session by then), and one no one has.
    case 'device':
      return fc.constantFrom(
        'arn:aws:iam::210987654321:mfa/Tyler-Dev',
        'arn:aws:iam::000000000000:mfa/nobody',
      );
    // settings:set: values the schema takes, its bounds included (hostile values come from elsewhere).
    case 'globalShortcut':
      return fc.constantFrom('CommandOrControl+Alt+R', 'Ctrl+Shift+F12', 'Super+Space');
    case 'openAtLogin':
    case 'startHidden':
      return fc.boolean();
    case 'theme':
      return fc.constantFrom('system', 'light', 'dark');
    case 'defaultSessionSeconds':
      return fc.constantFrom(900, 3600, 43_200);
    case 'clipboardClearSeconds':
      return fc.constantFrom(0, 45, 600);
    // The quick switcher's reasons to close.
    case 'reason':
      return fc.constantFrom('done', 'escape', 'blur');
    default:
      throw new Error(`ipc-fuzz-inputs.ts has no real values for the field "${field}": add them`);
  }
}

/** A field's real value most of the time, a hostile one otherwise. */
const fieldValue = (field: string, real: RealValues) =>
  fc.oneof({ weight: 2, arbitrary: realField(field, real) }, { weight: 1, arbitrary: hostileValue });

/** The channel's fields and which of them its schema lets be left out. */
function fieldsOf(channel: RequestChannel): { name: string; optional: boolean }[] {
  const schema = REQUEST_SCHEMAS[channel];
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => ({
    name,
    optional: field.safeParse(undefined).success,
  }));
}

function recordOf(fields: [string, fc.Arbitrary<unknown>][], required: string[]) {
  return fc.record(Object.fromEntries(fields), { requiredKeys: required as never[] });
}

/** The channel's own shape with real values; undefined for a channel without a payload. */
export function validPayloads(channel: RequestChannel, real: RealValues): fc.Arbitrary<unknown> {
  const fields = fieldsOf(channel);
  if (fields.length === 0) return fc.constant(undefined);
  const required = fields.filter((field) => !field.optional).map((field) => field.name);
  return recordOf(
    fields.map(({ name }) => [name, realField(name, real)]),
    required,
  );
}

/** JSON-shaped payloads for one channel: what the bridge can carry, and dispatch too. */
export function payloads(channel: RequestChannel, real: RealValues): fc.Arbitrary<unknown> {
  const fields = fieldsOf(channel);
  if (fields.length === 0) {
    return fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: hostileValue });
  }
  const valid = validPayloads(channel, real) as fc.Arbitrary<Record<string, unknown>>;
  // One field hostile among real ones reaches furthest: past the other fields' checks.
  const oneHostile = (value: fc.Arbitrary<unknown>) =>
    fc
      .tuple(valid, fc.constantFrom(...fields.map((field) => field.name)), value)
      .map(([record, field, hostile]) => objectOf([...Object.entries(record), [field, hostile]]));
  const scrambled = fc
    .tuple(
      recordOf(
        fields.map(({ name }) => [name, fieldValue(name, real)]),
        [],
      ),
      fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 2 }),
    )
    .map(([record, extra]) => objectOf([...Object.entries(record), ...extra]));
  return fc.oneof(
    { weight: 2, arbitrary: valid },
    { weight: 4, arbitrary: oneHostile(hostileString) },
    { weight: 1, arbitrary: oneHostile(hostileValue) },
    { weight: 2, arbitrary: scrambled },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** Channel names that are not request channels, of any type. */
export const notChannels: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom('Sessions:assume', 'sessions:assume ', 's3:put', 'handoff:', 'fs:read'),
  hostileValue,
);

/** Channel values no JSON or IPC message could carry; `exoticChannel` makes one. */
export const EXOTIC_CHANNEL_KINDS = ['null prototype', 'throwing toString', 'symbol', 'bigint'] as const;

export function exoticChannel(kind: (typeof EXOTIC_CHANNEL_KINDS)[number]): unknown {
  switch (kind) {
    case 'null prototype':
      return Object.create(null) as object;
    case 'throwing toString':
      return {
        toString: () => {
          throw new Error('toString reached');
        },
      };
    case 'symbol':
      return Symbol('sessions:assume');
    case 'bigint':
      return 1n;
  }
}

/** What only an in-process caller can pass: values structured clone and JSON would never carry. */
export const EXOTIC_KINDS = [
  'throwing getter',
  'throwing proxy',
  'revoked proxy',
  'cyclic',
  'bigint',
  'symbol',
  'function',
  'symbol key',
  'null prototype',
  'inherited field',
  'date',
  'map',
] as const;
export type ExoticKind = (typeof EXOTIC_KINDS)[number];

/** `base` (a valid-shaped payload) turned into the exotic value `kind` names. */
export function exotic(kind: ExoticKind, base: Record<string, unknown>): unknown {
  const field = Object.keys(base)[0] ?? 'profile';
  switch (kind) {
    case 'throwing getter':
      return Object.defineProperty({ ...base }, field, {
        enumerable: true,
        get: () => {
          throw new Error('getter reached');
        },
      });
    case 'throwing proxy':
      return new Proxy(base, {
        get: () => {
          throw new Error('proxy get reached');
        },
        ownKeys: () => {
          throw new Error('proxy ownKeys reached');
        },
        getOwnPropertyDescriptor: () => {
          throw new Error('proxy descriptor reached');
        },
      });
    case 'revoked proxy': {
      const { proxy, revoke } = Proxy.revocable(base, {});
      revoke();
      return proxy;
    }
    case 'cyclic': {
      const cyclic: Record<string, unknown> = { ...base };
      cyclic['self'] = cyclic;
      cyclic[field] = cyclic;
      return cyclic;
    }
    case 'bigint':
      return { ...base, [field]: 10n ** 30n };
    case 'symbol':
      return { ...base, [field]: Symbol('fuzz') };
    case 'function':
      return { ...base, [field]: () => 'called' };
    case 'symbol key':
      return { ...base, [Symbol('extra')]: 1 };
    case 'null prototype':
      return Object.assign(Object.create(null) as object, base);
    case 'inherited field':
      return Object.create(base) as object;
    case 'date':
      return new Date(0);
    case 'map':
      return new Map(Object.entries(base));
  }
}
