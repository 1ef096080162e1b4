import { RoleTrayError } from '../core/errors';

/** Why RoleTray will not move, add, put back or rotate keys: a sentence, nothing changed. */
export const keysRefusal = (profile: string, message: string) =>
  new RoleTrayError('Validation', message, { profile });
