import { z } from 'zod';
import type { RequestChannel } from './ipc-contract';
import { isGlobalAccelerator } from './accelerator';
import { BUCKET_NAME } from './s3-names';
import { SECONDS_RULES, type SecondsField } from './settings-view';
import { isReservedSectionName } from './section-names';

// Main trusts nothing the renderer sends: each request payload is parsed with its schema first.

const profile = z.string().min(1).max(256);
const noPayload = z.undefined();
const bucket = z.string().regex(BUCKET_NAME, 'not an S3 bucket name');
/** No lone UTF-16 surrogate: UTF-8 has no encoding for one, so no URL, S3 key or file can hold it. */
const isUnicodeText = (value: string) => !/\p{Cs}/u.test(value);
/** S3 keys are at most 1,024 bytes of UTF-8. */
const key = z
  .string()
  .min(1)
  .refine(isUnicodeText, 'an S3 key is Unicode text (it has a lone surrogate)')
  .refine((value) => new TextEncoder().encode(value).length <= 1024, 'an S3 key is at most 1,024 bytes');
const prefix = z
  .string()
  .refine(isUnicodeText, 'a prefix is Unicode text (it has a lone surrogate)')
  .refine((value) => new TextEncoder().encode(value).length <= 1024, 'a prefix is at most 1,024 bytes');
const id = z.string().min(1).max(64);
/** An IAM Identity Center start URL, as the config names it. */
const startUrl = z.string().regex(/^https:\/\/[^\s]{1,248}$/, 'a start URL is https://…');
/** A profile name template: letters, digits, . _ - and the {account}, {accountId} and {role} fields. */
const template = z
  .string()
  .regex(
    /^(?:[A-Za-z0-9._-]|\{(?:account|accountId|role)\})+$/,
    'a template is letters, digits, . _ - and {account}, {accountId}, {role}',
  )
  .max(64);

/** A settings number field, with the words the renderer uses too (settings-view.ts). */
function seconds(field: SecondsField) {
  const rule = SECONDS_RULES[field];
  return z.number(rule.type).int(rule.int).min(rule.min, rule.tooLow).max(rule.max, rule.tooHigh).optional();
}

export const REQUEST_SCHEMAS = {
  'app:state': noPayload,
  'profiles:list': noPayload,
  'profiles:reload': noPayload,
  'profiles:update-metadata': z.strictObject({
    profile,
    patch: z.strictObject({
      displayName: z.string().trim().min(1).max(64).nullable().optional(),
      color: z
        .string()
        .regex(/^[0-9a-fA-F]{6}$/, 'a colour is 6 hex digits')
        .nullable()
        .optional(),
      favourite: z.boolean().nullable().optional(),
    }),
  }),
  'sessions:list': noPayload,
  'sessions:assume': z.strictObject({ profile }),
  'sessions:renew': z.strictObject({ profile }),
  'sessions:end': z.strictObject({ profile }),
  'sessions:end-all': noPayload,
  'identity:get': z.strictObject({ profile }),
  'mfa:answer': z.strictObject({
    requestId: z.string().min(1).max(64),
    code: z.string().max(16).nullable(),
  }),
  'mfa:open': noPayload,
  's3:buckets': z.strictObject({ profile }),
  's3:list': z.strictObject({ profile, bucket, prefix, listingId: id }),
  's3:list-stop': z.strictObject({ listingId: id }),
  's3:folder-size': z.strictObject({ profile, bucket, prefix, countId: id }),
  's3:head': z.strictObject({ profile, bucket, key }),
  's3:preview': z.strictObject({ profile, bucket, key }),
  's3:download': z
    .strictObject({ profile, bucket, key: key.optional(), prefix: prefix.optional(), downloadId: id })
    .refine(
      (request) => (request.key === undefined) !== (request.prefix === undefined),
      'give either a key or a prefix',
    ),
  's3:download-cancel': z.strictObject({ downloadId: id }),
  's3:presign': z.strictObject({
    profile,
    bucket,
    key,
    expiresInSeconds: z.number().int().min(1).max(604800),
  }),
  'handoff:status': z.strictObject({ profile }),
  'handoff:copy-env': z.strictObject({ profile, shell: z.enum(['sh', 'fish', 'powershell']) }),
  'handoff:cli-cache': z.strictObject({ profile, enabled: z.boolean() }),
  'handoff:credentials-file': z.strictObject({
    profile,
    // As the SDKs read a section name: no brackets, no whitespace.
    profileName: z
      .string()
      .regex(/^[^\s[\]#;]{1,64}$/, 'a profile name has no spaces, brackets, # or ;')
      // Written as UTF-8, a lone surrogate becomes U+FFFD: a section RoleTray could never find again.
      .refine(isUnicodeText, 'a profile name is Unicode text (it has a lone surrogate)')
      .refine((name) => !isReservedSectionName(name), 'that name is reserved in AWS files')
      .nullable(),
  }),
  'handoff:open-terminal': z.strictObject({ profile }),
  'handoff:open-console': z.strictObject({ profile }),
  'keys:add': z.strictObject({
    // A new config section's name, as the SDKs read one: no brackets, no whitespace.
    profile: z
      .string()
      .regex(
        /^[^\s[\]#;=\p{Cc}]{1,64}$/u,
        'a profile name has no spaces, brackets, #, ;, = or control characters',
      )
      // Written as UTF-8, a lone surrogate becomes U+FFFD: a section RoleTray could never find again.
      .refine(isUnicodeText, 'a profile name is Unicode text (it has a lone surrogate)')
      .refine((name) => !isReservedSectionName(name), 'that name is reserved in AWS files'),
    // IAM's own shapes: AKIA + 16 upper-case letters and digits; a 40-character secret.
    accessKeyId: z.string().regex(/^AKIA[A-Z0-9]{16}$/, 'an access key id is AKIA and 16 letters or digits'),
    secretAccessKey: z.string().regex(/^[A-Za-z0-9/+]{40}$/, 'a secret access key is 40 characters'),
  }),
  'keys:move-in': z.strictObject({ profile }),
  'keys:put-back': z.strictObject({ profile }),
  'keys:rotate': z.strictObject({ profile }),
  'sso:status': noPayload,
  'sso:sign-in': z.strictObject({ profile, method: z.enum(['browser', 'device']) }),
  'sso:open-device-page': z.strictObject({ profile }),
  'sso:sign-in-cancel': z.strictObject({ profile }),
  'sso:sign-out': z.strictObject({ profile }),
  'sso:instances': noPayload,
  'sso:discover': z.strictObject({ startUrl }),
  'sso:write-profiles': z.strictObject({ startUrl, template, enabled: z.boolean() }),
  // MFA sessions: a device is its ARN or, for an old hardware token, its serial number.
  'mfa:sessions': noPayload,
  'mfa:forget': z.strictObject({
    device: z
      .string()
      .regex(
        /^[\w+=/:,.@-]{9,256}$/,
        'an MFA device is its ARN (arn:aws:iam::ACCOUNT:mfa/NAME) or serial number',
      ),
  }),
  // Settings: each field checked on its own, with a sentence saying what it takes.
  'settings:get': noPayload,
  'settings:set': z.strictObject({
    globalShortcut: z
      .string()
      .max(64)
      .refine(
        isGlobalAccelerator,
        'a shortcut is one key with at least one modifier (Ctrl, Alt, Shift, Super), as Ctrl+Shift+R',
      )
      .optional(),
    openAtLogin: z.boolean().optional(),
    startHidden: z.boolean().optional(),
    theme: z.enum(['system', 'light', 'dark'], 'a theme is system, light or dark').optional(),
    defaultSessionSeconds: seconds('defaultSessionSeconds'),
    clipboardClearSeconds: seconds('clipboardClearSeconds'),
  }),
  // The quick switcher's "hide me", with why.
  'switcher:close': z.strictObject({ reason: z.enum(['done', 'escape', 'blur']) }),
} satisfies Record<RequestChannel, z.ZodType>;
