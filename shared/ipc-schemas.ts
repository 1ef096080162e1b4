import { z } from 'zod';
import type { RequestChannel } from './ipc-contract';

// Main trusts nothing the renderer sends: each request payload is parsed with its schema first.

const profile = z.string().min(1).max(256);
const noPayload = z.undefined();

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
} satisfies Record<RequestChannel, z.ZodType>;
