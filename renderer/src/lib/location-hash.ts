// What the window was opened for, from its URL's hash: `#mfa` is the small MFA window (the dialog
// only); `#role=<profile>` is the app opened on one role (from the tray); anything else, the app.

export type Page = { kind: 'mfa' } | { kind: 'app'; role?: string };

export function pageFromHash(hash: string): Page {
  if (hash === '#mfa') return { kind: 'mfa' };
  const role = /^#role=(.+)$/.exec(hash)?.[1];
  if (!role) return { kind: 'app' };
  try {
    return { kind: 'app', role: decodeURIComponent(role) };
  } catch {
    return { kind: 'app' };
  }
}
