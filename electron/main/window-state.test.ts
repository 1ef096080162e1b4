import { describe, expect, it } from 'vitest';
import { parseWindowBounds, placeWindow, type Rect } from './window-state';

const size = { width: 960, height: 640, minWidth: 640, minHeight: 420 };
const laptop: Rect = { x: 0, y: 25, width: 1440, height: 875 };
const external: Rect = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('parseWindowBounds', () => {
  it('accepts four finite numbers with a positive size, nothing else', () => {
    expect(parseWindowBounds({ x: 1, y: 2, width: 3, height: 4 })).toEqual({
      x: 1,
      y: 2,
      width: 3,
      height: 4,
    });
    expect(parseWindowBounds(undefined)).toBeUndefined();
    expect(parseWindowBounds('100x200')).toBeUndefined();
    expect(parseWindowBounds({ x: 1, y: 2, width: 3 })).toBeUndefined();
    expect(parseWindowBounds({ x: 1, y: 2, width: 0, height: 4 })).toBeUndefined();
    expect(parseWindowBounds({ x: Number.NaN, y: 2, width: 3, height: 4 })).toBeUndefined();
    expect(parseWindowBounds({ x: '1', y: 2, width: 3, height: 4 })).toBeUndefined();
  });
});

describe('placeWindow', () => {
  it('uses the default size, centred, the first time', () => {
    expect(placeWindow(undefined, [laptop], size)).toEqual({ width: 960, height: 640 });
  });

  it('restores the last size and place when it is still on screen', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 800 };
    expect(placeWindow(saved, [laptop, external], size)).toEqual(saved);
  });

  it('falls back to the default when the display it was on is gone', () => {
    expect(placeWindow({ x: 1600, y: 100, width: 1200, height: 800 }, [laptop], size)).toEqual({
      width: 960,
      height: 640,
    });
  });

  it('pulls a window hanging off an edge fully onto the display it mostly covers', () => {
    expect(placeWindow({ x: 1000, y: 600, width: 960, height: 640 }, [laptop], size)).toEqual({
      x: 480,
      y: 260,
      width: 960,
      height: 640,
    });
    // Above the menu bar / work area top.
    expect(placeWindow({ x: 100, y: -30, width: 960, height: 640 }, [laptop], size)).toMatchObject({ y: 25 });
  });

  it('picks the display with the larger share of a window spanning two', () => {
    const spanning = { x: 1300, y: 100, width: 1000, height: 700 };
    expect(placeWindow(spanning, [laptop, external], size)).toEqual({
      x: 1440,
      y: 100,
      width: 1000,
      height: 700,
    });
  });

  it('shrinks a window larger than its display (resolution lowered), not below the minimum', () => {
    expect(placeWindow({ x: 0, y: 25, width: 3000, height: 2000 }, [laptop], size)).toEqual({
      x: 0,
      y: 25,
      width: 1440,
      height: 875,
    });
    expect(placeWindow({ x: 0, y: 25, width: 100, height: 100 }, [laptop], size)).toMatchObject({
      width: 640,
      height: 420,
    });
  });

  it('restores only the place of a fixed-size window', () => {
    expect(
      placeWindow({ x: 200, y: 200, width: 900, height: 900 }, [laptop], {
        width: 420,
        height: 340,
        minWidth: 420,
        minHeight: 340,
        resizable: false,
      }),
    ).toEqual({ x: 200, y: 200, width: 420, height: 340 });
  });
});
