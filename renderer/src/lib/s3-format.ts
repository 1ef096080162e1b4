// Sizes, dates and storage classes as the browser shows them.

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** "0 B", "184 B", "1.5 KiB", "6.0 MiB", "123 MiB": binary units, one decimal below 100. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 100 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string | undefined, timeZone: string | undefined, withTime: boolean) {
  const id = `${locale ?? ''}|${timeZone ?? ''}|${withTime}`;
  let format = dateFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
      ...(timeZone ? { timeZone } : {}),
    });
    dateFormats.set(id, format);
  }
  return format;
}

/** "Nov 20, 2026, 00:00" in the user's locale; one formatter per locale (rows format many dates). */
export function formatDateTime(epochMs: number, locale?: string, timeZone?: string): string {
  if (!Number.isFinite(epochMs) || epochMs <= 0) return '—';
  return dateFormat(locale, timeZone, true).format(epochMs);
}

export function formatDate(epochMs: number, locale?: string, timeZone?: string): string {
  if (!Number.isFinite(epochMs) || epochMs <= 0) return '—';
  return dateFormat(locale, timeZone, false).format(epochMs);
}

const STORAGE_CLASSES: Record<string, string> = {
  STANDARD: 'Standard',
  STANDARD_IA: 'Standard-IA',
  ONEZONE_IA: 'One Zone-IA',
  INTELLIGENT_TIERING: 'Intelligent-Tiering',
  REDUCED_REDUNDANCY: 'Reduced redundancy',
  GLACIER: 'Glacier Flexible Retrieval',
  GLACIER_IR: 'Glacier Instant Retrieval',
  DEEP_ARCHIVE: 'Glacier Deep Archive',
  EXPRESS_ONEZONE: 'Express One Zone',
  OUTPOSTS: 'Outposts',
};

/** The console's name for a storage class; unknown classes as S3 spells them. */
export function storageClassLabel(storageClass: string): string {
  return STORAGE_CLASSES[storageClass] ?? storageClass;
}

/** Classes whose objects must be restored before they can be read. */
export function isArchived(storageClass: string): boolean {
  return storageClass === 'GLACIER' || storageClass === 'DEEP_ARCHIVE';
}

/** "1,234" / "100,000" for counts. */
const counts = new Intl.NumberFormat('en-US');
export const formatCount = (count: number) => counts.format(count);

/** "5 min", "1 h", "12 h", "7 days" for presigned lifetimes. */
export function formatLifetime(seconds: number): string {
  if (seconds >= 86400 && seconds % 86400 === 0)
    return `${seconds / 86400} day${seconds === 86400 ? '' : 's'}`;
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds >= 60) return `${Math.round(seconds / 60)} min`;
  return `${seconds} s`;
}
