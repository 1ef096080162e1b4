// Section names no AWS file may use, in RoleTray's reading: the SDKs' INI parser throws on
// `__proto__` (losing the whole file) and misreads the names of Object's own members, which its
// plain-object map already holds. One rule for the IPC schema, the credentials-file writer and the
// profile loader, so RoleTray never writes a section its own loader refuses.

const RESERVED = new Set(['__proto__', ...Object.getOwnPropertyNames(Object.prototype)]);

export function isReservedSectionName(name: string): boolean {
  return RESERVED.has(name);
}
