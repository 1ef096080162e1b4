import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

// The real Electron app. It needs the Electron binary, which `npm install` fetches on a user's
// machine; where it is missing (CI without internet) the spec says so and skips.
const electronDist = join(import.meta.dirname, '../node_modules/electron/dist');
const hasElectron = existsSync(electronDist);
if (!hasElectron) {
  console.warn(
    `electron.spec.ts skipped: no Electron binary at ${electronDist} (run \`npx install-electron\`).`,
  );
}

test.skip(!hasElectron, `no Electron binary at ${electronDist}`);

test('the app opens its window with an isolated, sandboxed renderer', async () => {
  const app = await electron.launch({ args: [join(import.meta.dirname, '..')] });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'RoleTray' })).toBeVisible();
    // Node is unreachable from the page and only the preload's API is exposed.
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );
    expect(await window.evaluate(() => typeof (globalThis as { roletray?: unknown }).roletray)).toBe(
      'object',
    );
  } finally {
    await app.close();
  }
});
