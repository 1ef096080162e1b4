// How long a session has left, in words short enough for a list row, and how urgent that is.

/** Sessions this close to expiry are shown as expiring soon. */
export const EXPIRING_SOON_MS = 5 * 60_000;

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * "2 h 05 min" from an hour up, "4 min 09 s" under an hour, "42 s" under a minute, "expired" at 0.
 * Rounds down to the second so the countdown never shows more time than there is.
 */
export function formatTimeLeft(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return 'expired';
  const totalSeconds = Math.floor(ms / 1000);
  if (totalSeconds === 0) return 'under 1 s';
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours} h ${pad(minutes)} min`;
  if (minutes > 0) return `${minutes} min ${pad(seconds)} s`;
  return `${seconds} s`;
}

/** The same, as short as a dense row needs: "2h 05m", "4m 09s", "42s", "expired". */
export function formatTimeLeftShort(ms: number): string {
  return formatTimeLeft(ms).replace(/ (h|min|s)\b/g, (_, unit: string) => (unit === 'min' ? 'm' : unit));
}

export type TimeLeftTone = 'ok' | 'soon' | 'expired';

export function timeLeftTone(ms: number): TimeLeftTone {
  if (ms <= 0) return 'expired';
  return ms <= EXPIRING_SOON_MS ? 'soon' : 'ok';
}

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then the date. */
export function formatLastUsed(at: number, now: number, locale?: string): string {
  const elapsed = Math.max(0, now - at);
  const minutes = Math.floor(elapsed / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  return new Date(at).toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** "14:05": the clock time something ends, in the user's locale (the date too when not today). */
export function formatClockTime(at: number, now = Date.now(), locale?: string): string {
  const date = new Date(at);
  const time = date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  if (date.toDateString() === new Date(now).toDateString()) return time;
  return `${date.toLocaleDateString(locale, { month: 'short', day: 'numeric' })} ${time}`;
}
