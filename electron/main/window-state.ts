// Where a window reopens: its last size and place, as long as that is still on a screen. A monitor
// unplugged since, or a resolution lowered, must not leave the window out of sight.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Bounds for a BrowserWindow; without x and y Electron centres it on the primary display. */
export type WindowPlacement = { width: number; height: number } & Partial<Pick<Rect, 'x' | 'y'>>;

export interface WindowSize {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  /** A fixed-size window keeps its default size and only restores its place. */
  resizable?: boolean;
}

/** The stored bounds, if they are bounds at all: the store is a file the user can edit. */
export function parseWindowBounds(value: unknown): Rect | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { x, y, width, height } = value as Record<string, unknown>;
  const numbers = [x, y, width, height];
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  const rect = { x, y, width, height } as Rect;
  return rect.width > 0 && rect.height > 0 ? rect : undefined;
}

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

/**
 * The saved bounds moved and shrunk to fit the display they mostly cover (its work area, so not under
 * a taskbar or the menu bar); default size, centred, when they cover none of the current displays.
 */
export function placeWindow(saved: Rect | undefined, workAreas: Rect[], size: WindowSize): WindowPlacement {
  const fallback = { width: size.width, height: size.height };
  if (!saved) return fallback;
  let best: Rect | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const covered = overlapArea(saved, area);
    if (covered > bestArea) {
      best = area;
      bestArea = covered;
    }
  }
  if (!best) return fallback;
  const wanted = size.resizable === false ? fallback : saved;
  const width = Math.round(clamp(wanted.width, size.minWidth, best.width));
  const height = Math.round(clamp(wanted.height, size.minHeight, best.height));
  return {
    x: Math.round(clamp(saved.x, best.x, best.x + best.width - width)),
    y: Math.round(clamp(saved.y, best.y, best.y + best.height - height)),
    width,
    height,
  };
}
