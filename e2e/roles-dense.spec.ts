import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startPreview, type Preview } from '../dev/preview/preview';
import { expect, test } from './support/fixtures';
import { roleRow, roleRows } from './support/locators';

// The dense roles list with 1,000 generated roles (a preview of its own: `generatedRoles`), at a
// laptop window (960×640) and a tray-sized one (380×600), light and dark: enough rows in view, the
// parts of a row never on top of each other, no text squeezed below its shortest word, filtering
// timed, and the keyboard path (search, arrows, Enter, the row menu and its shortcuts).

const GENERATED = 1000;
// The preview's own roles: 7 from ~/.aws/config's role profiles and 4 IAM Identity Center profiles.
const PREVIEW_ROLES = 11;
let preview: Preview | undefined;

/** A request through the bridge, as the page's shim makes it. */
async function invoke(channel: string, request: unknown): Promise<void> {
  const { url, token } = preview!;
  const response = await fetch(new URL(`/invoke/${channel}`, url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ request }),
  });
  const answer = (await response.json()) as { ok: boolean; error?: { message: string } };
  if (!answer.ok) throw new Error(`${channel} failed: ${answer.error?.message ?? 'no answer'}`);
}

test.beforeAll(async () => {
  preview = await startPreview({
    awsDir: join(import.meta.dirname, '../.sandbox/e2e-dense'),
    generatedRoles: GENERATED,
  });
});
test.afterAll(async () => {
  await preview?.close();
});

/** Role rows wholly inside the window and the list's visible box. */
function visibleRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const scroller = document.querySelector('.role-list-scroll')!.getBoundingClientRect();
    const top = Math.max(0, scroller.top);
    const bottom = Math.min(window.innerHeight, scroller.bottom);
    return [...document.querySelectorAll('[data-role-row]')].filter((row) => {
      const box = row.getBoundingClientRect();
      return box.height > 0 && box.top >= top - 0.5 && box.bottom <= bottom + 0.5;
    }).length;
  });
}

interface LayoutProblem {
  row: string;
  problem: string;
}

/**
 * In every visible row: the parts' boxes do not intersect, each text cell is one line, and no
 * text cell is narrower than its shortest word (measured in the cell's own font).
 */
function layoutProblems(page: Page): Promise<LayoutProblem[]> {
  return page.evaluate(() => {
    const problems: { row: string; problem: string }[] = [];
    const context = document.createElement('canvas').getContext('2d')!;
    const parts = [
      '.role-swatch',
      '.cell-name',
      '.cell-account',
      '.cell-role',
      '.cell-state',
      '.row-actions',
    ];
    for (const row of document.querySelectorAll<HTMLElement>('[data-role-row]')) {
      const rowBox = row.getBoundingClientRect();
      if (rowBox.bottom < 0 || rowBox.top > window.innerHeight) continue;
      const name = row.dataset['roleRow'] ?? '?';
      const boxes = parts.map((selector) => ({
        selector,
        box: row.querySelector(selector)!.getBoundingClientRect(),
      }));
      // Every part inside the list's visible width: nothing cut off at the right edge.
      const list = row.closest('.role-list-scroll')!;
      const visibleRight = list.getBoundingClientRect().left + list.clientWidth;
      for (const { selector, box } of boxes)
        if (box.right > visibleRight + 0.5)
          problems.push({
            row: name,
            problem: `${selector} ends ${Math.ceil(box.right - visibleRight)}px past the list`,
          });
      for (let i = 0; i < boxes.length; i += 1)
        for (let j = i + 1; j < boxes.length; j += 1) {
          const a = boxes[i]!.box;
          const b = boxes[j]!.box;
          const overlap =
            Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
            Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
          if (overlap)
            problems.push({ row: name, problem: `${boxes[i]!.selector} overlaps ${boxes[j]!.selector}` });
        }
      for (const cell of row.querySelectorAll<HTMLElement>('[data-cell]')) {
        // A cell the layout leaves out (narrow rows drop the account, shown in the group's heading).
        if (cell.getClientRects().length === 0) continue;
        const style = getComputedStyle(cell);
        const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.25;
        if (cell.getBoundingClientRect().height > lineHeight * 1.5)
          problems.push({ row: name, problem: `${cell.className} wraps onto more than one line` });
        const words = (cell.textContent ?? '').split(/\s+/).filter((word) => word.length > 1);
        if (words.length === 0) continue;
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const shortest = Math.min(...words.map((word) => context.measureText(word).width));
        if (cell.clientWidth + 1 < shortest)
          problems.push({
            row: name,
            problem: `${cell.className} is ${cell.clientWidth}px, narrower than its shortest word (${Math.ceil(shortest)}px)`,
          });
      }
    }
    return problems;
  });
}

const LAYOUTS = [
  { width: 960, height: 640, rows: 15 },
  { width: 380, height: 600, rows: 8 },
] as const;

for (const colorScheme of ['light', 'dark'] as const) {
  for (const { width, height, rows } of LAYOUTS) {
    test(`${width}×${height} ${colorScheme}: at least ${rows} rows, active sessions without overlap or squeezed text`, async ({
      page,
      problems: _problems,
    }, testInfo) => {
      await invoke('sessions:assume', { profile: 'prod-read-only' });
      await invoke('sessions:assume', { profile: 'prod-audit' });
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme });
      await page.goto(preview!.url);
      await expect(page.getByText(`${GENERATED + PREVIEW_ROLES} roles`, { exact: true })).toBeVisible();
      // The accounts used just now come first: the two active sessions are in view.
      await expect(roleRow(page, 'prod-read-only')).toContainText('Active ·');
      await expect(roleRow(page, 'prod-audit')).toContainText('Active ·');
      // Fewer than the list holds are drawn: it is virtual.
      expect(await roleRows(page).count()).toBeLessThan(80);

      const visible = await visibleRows(page);
      console.log(`${width}×${height} ${colorScheme}: ${visible} role rows visible`);
      expect(visible).toBeGreaterThanOrEqual(rows);
      expect(await layoutProblems(page)).toEqual([]);
      await page.screenshot({
        path: testInfo.outputPath(`roles-dense-${width}x${height}-${colorScheme}.png`),
      });

      // Further down, among the generated roles, the same holds.
      await page.locator('.role-list-scroll').evaluate((list) => list.scrollTo({ top: 20_000 }));
      await expect(page.locator('[data-role-row]').first()).not.toHaveAttribute(
        'data-role-row',
        'prod-audit',
      );
      // The rows for the new scroll position are drawn on the next frames.
      await expect.poll(() => visibleRows(page)).toBeGreaterThanOrEqual(rows);
      expect(await layoutProblems(page)).toEqual([]);
      await invoke('sessions:end-all', undefined);
    });
  }
}

test('1,000 roles: scroll to the end, filter (timed), two roles of one name told apart', async ({
  page,
  problems: _problems,
}, testInfo) => {
  await page.setViewportSize({ width: 960, height: 640 });
  await page.goto(preview!.url);
  const list = page.locator('.role-list-scroll');
  await expect(roleRows(page).first()).toBeVisible();
  await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  // The last account's last role (by name) is drawn at the end.
  await expect(roleRow(page, 'search-13-securityaudit')).toBeVisible();

  const search = page.getByRole('searchbox', { name: 'Search roles' });
  const started = Date.now();
  await search.fill('payments-07');
  await expect(page.getByText(`8 of ${GENERATED + PREVIEW_ROLES} roles match`)).toBeVisible();
  const filterMs = Date.now() - started;
  console.log(`filtering ${GENERATED + PREVIEW_ROLES} roles to 8: ${filterMs} ms until the list showed them`);
  testInfo.annotations.push({ type: 'filter-ms', description: String(filterMs) });
  await expect(roleRows(page)).toHaveCount(8);

  // ReadOnly from dev and ReadOnly from contractor (with its external id), in the same account.
  const fromDev = roleRow(page, 'payments-07-readonly');
  const fromContractor = roleRow(page, 'payments-07-readonly-contractor');
  await expect(fromDev.locator('.cell-role')).toHaveText('ReadOnly from dev');
  await expect(fromContractor.locator('.cell-role')).toHaveText(
    'ReadOnly from contractor · ext acme-payments-07-audit',
  );
  // Search finds roles by their source profile and external id too.
  await search.fill('payments-07 contractor');
  await expect(roleRows(page)).toHaveCount(1);
  await search.fill('acme-payments-07-audit');
  await expect(roleRows(page)).toHaveCount(1);

  // Account headers fold.
  await search.fill('payments-07');
  const header = page.getByRole('button', { name: /^acme-payments-07/ });
  await expect(header).toHaveAttribute('aria-expanded', 'true');
  await header.click();
  await expect(header).toHaveAttribute('aria-expanded', 'false');
  await expect(roleRows(page)).toHaveCount(0);
  await header.click();
  await expect(roleRows(page)).toHaveCount(8);
  await page.screenshot({ path: testInfo.outputPath('roles-dense-filtered.png') });
});

test('keyboard: search, ArrowDown, Enter assumes; the row menu by keyboard; shortcuts on the row', async ({
  page,
  problems: _problems,
}, testInfo) => {
  await page.setViewportSize({ width: 960, height: 640 });
  await page.goto(preview!.url);
  await expect(roleRows(page).first()).toBeVisible();
  await page.keyboard.press('/');
  await page.keyboard.type('prod-audit');
  await page.keyboard.press('ArrowDown');
  const row = roleRow(page, 'prod-audit');
  await expect(row).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(row).toContainText('Active ·');
  await expect(row.getByRole('timer')).toHaveText(/left$/);

  // Shift+F10 opens the menu on its first item; the items say their keys.
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Actions for prod-audit' });
  await expect(menu.getByRole('menuitem', { name: 'Renew Enter' })).toBeFocused();
  await expect(menu.getByRole('menuitem', { name: 'Open console C' })).toBeVisible();
  await expect(row.getByRole('button', { name: 'More actions for prod-audit' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'End session X' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Add to favourites F' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Renew Enter' })).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('roles-dense-menu.png') });
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(row).toBeFocused();

  // C on the row opens the console (the preview writes what the browser would open).
  await page.keyboard.press('c');
  await expect(row.getByRole('status')).toHaveText('Opened the AWS console in your browser.');
  await row.focus();

  // The menu's End session, chosen with the arrows and Enter; focus comes back to the row.
  await row.getByRole('button', { name: 'More actions for prod-audit' }).press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(row).toContainText('No session');
  await expect(row).toBeFocused();
});
