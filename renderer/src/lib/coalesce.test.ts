import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce';

describe('coalesce', () => {
  it('runs a burst of calls as the one running plus one more, and the last call sees the last run', async () => {
    let runs = 0;
    let state = 0;
    const seen: number[] = [];
    const refresh = coalesce(async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(state);
    });
    const calls = [refresh()];
    for (let i = 1; i <= 100; i++) {
      state = i;
      calls.push(refresh());
    }
    await Promise.all(calls);
    expect(runs).toBe(2);
    expect(seen.at(-1)).toBe(100);
  });

  it('runs again after a run that threw', async () => {
    let runs = 0;
    const refresh = coalesce(async () => {
      runs++;
      if (runs === 1) throw new Error('first run fails');
    });
    await expect(refresh()).rejects.toThrow('first run fails');
    await refresh();
    expect(runs).toBe(2);
  });
});
