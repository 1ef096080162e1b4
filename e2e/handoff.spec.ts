import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { chooseRoleAction, roleRow } from './support/locators';
import { PREVIEW_AWS_DIR } from './support/preview-paths';
import { sandboxDescription } from './support/preview';

// "Use elsewhere" on a role, through the real UI against the preview. The preview has no desktop, so
// what main hands to the clipboard, the browser and a terminal lands in files beside the sandbox's
// (dev/preview/preview-handoff.ts); the credentials socket is real, and so is the helper.

const ROOT = join(import.meta.dirname, '..');
const AWS_DIR = join(ROOT, PREVIEW_AWS_DIR);
const OUT = join(AWS_DIR, 'handoff-out');
const HELPER = join(ROOT, 'out/cli/roletray-credentials.mjs');
const PROFILE = 'prod-read-only';
const run = promisify(execFile);
/** The panel's sentence for what the last action did (the copy button has a status of its own). */
const said = (panel: Locator) => panel.locator('.handoff-done');

/** Opens "Use elsewhere…" from the role's row menu; returns the panel (beside the list). */
async function openPanel(row: Locator): Promise<Locator> {
  const page = row.page();
  await chooseRoleAction(page, PROFILE, /^Use elsewhere/);
  return page.getByRole('region', { name: `Use ${PROFILE} elsewhere` });
}

test.beforeEach(async () => {
  await rm(OUT, { recursive: true, force: true });
});

test('the config block, the helper it names, and the session as fish variables off the page', async ({
  app,
}) => {
  const { page } = app;
  await app.open();
  const row = roleRow(page, PROFILE);
  const panel = await openPanel(row);
  const block = panel.getByLabel(`Config block for ${PROFILE}`);
  await expect(block).toContainText(`[profile roletray-${PROFILE}]`);
  const socketDir = join(AWS_DIR, 'handoff');
  await expect(block).toContainText(
    `credential_process = node ${HELPER} --handoff-dir ${socketDir} ${PROFILE}`,
  );
  await app.screenshot('handoff-panel');

  // The helper the block names, as the AWS CLI would run it: it assumes the role in the app.
  const { stdout } = await run(process.execPath, [HELPER, '--handoff-dir', socketDir, PROFILE], {
    env: { PATH: process.env['PATH'] ?? '' },
  });
  const printed = JSON.parse(stdout) as { Version: number; AccessKeyId: string; SecretAccessKey: string };
  expect(printed.Version).toBe(1);
  await expect(row).toContainText('Active ·');

  await panel.getByRole('button', { name: `Copy ${PROFILE} as fish variables` }).click();
  await expect(said(panel)).toHaveText(
    'Copied for fish. The values went straight to the clipboard and leave it in 45 s, unless you copy something else.',
  );
  const copied = await readFile(join(OUT, 'clipboard.txt'), 'utf8');
  expect(copied).toContain(`set -gx AWS_ACCESS_KEY_ID '${printed.AccessKeyId}'`);
  expect(copied).toContain(`set -gx AWS_SECRET_ACCESS_KEY '${printed.SecretAccessKey}'`);
  // The secret went to the clipboard, not through the page.
  expect(await page.content()).not.toContain(printed.SecretAccessKey);
});

test('sharing with the AWS CLI and writing the credentials file, on and off', async ({ app }) => {
  const { page } = app;
  await app.open();
  const row = roleRow(page, PROFILE);
  await row.getByRole('button', { name: `Assume ${PROFILE}`, exact: true }).click();
  await expect(row).toContainText('Active ·');
  const panel = await openPanel(row);

  const cacheDir = join(AWS_DIR, '.aws/cli/cache');
  const cached = async () =>
    existsSync(cacheDir) ? (await readdir(cacheDir)).filter((f) => f.endsWith('.json')) : [];
  const share = panel.getByRole('checkbox', { name: /Share with the AWS CLI/ });
  // The box follows main's answer, not the click: it is checked once the session is shared.
  await share.click();
  await expect(share).toBeChecked();
  await expect(said(panel)).toHaveText(`aws --profile ${PROFILE} now uses RoleTray’s session.`);
  await expect.poll(cached).toHaveLength(1);
  await share.click();
  await expect(share).not.toBeChecked();
  await expect.poll(cached).toHaveLength(0);

  const { credentialsFile } = await sandboxDescription();
  const before = await readFile(credentialsFile, 'utf8');
  // A file others can read is made private before the keys go in, and the panel says so.
  await chmod(credentialsFile, 0o644);
  await panel.getByLabel('Write to the credentials file as').fill('prod-rt');
  await panel.getByRole('button', { name: 'Write', exact: true }).click();
  await expect(panel).toContainText('Writing [prod-rt] in');
  await expect(panel).toContainText('was open to other users (mode 0644), so RoleTray made it 0600');
  expect((await stat(credentialsFile)).mode & 0o777).toBe(0o600);
  expect(await readFile(credentialsFile, 'utf8')).toContain('[prod-rt]\n# Managed by RoleTray');
  // A copy of a session is not a role of its own.
  await expect(page.getByRole('listitem', { name: 'prod-rt' })).toHaveCount(0);
  await app.screenshot('handoff-writing');
  await panel.getByRole('button', { name: 'Stop writing' }).click();
  await expect(said(panel)).toHaveText('Removed [prod-rt] from the credentials file.');
  expect(await readFile(credentialsFile, 'utf8')).toBe(before);

  // The user's own section is refused, in a sentence, and nothing is written.
  await panel.getByLabel('Write to the credentials file as').fill('dev');
  await panel.getByRole('button', { name: 'Write', exact: true }).click();
  await expect(panel.getByRole('alert')).toContainText('The profile [dev] in');
  expect(await readFile(credentialsFile, 'utf8')).toBe(before);
});

test('the console opens signed in as the role; a terminal gets the role’s credential server', async ({
  app,
}) => {
  const { page } = app;
  await app.open();
  const row = roleRow(page, PROFILE);
  const panel = await openPanel(row);

  await panel.getByRole('button', { name: `Open the AWS console as ${PROFILE}` }).click();
  await expect(said(panel)).toHaveText('Opened the AWS console in your browser.');
  const url = (await readFile(join(OUT, 'browser.txt'), 'utf8')).trim();
  const consolePage = await page.context().newPage();
  await consolePage.goto(url);
  await expect(consolePage.locator('#signed-in-as')).toHaveText(
    /^arn:aws:sts::123456789012:assumed-role\/DevReadOnly-CrossAccount\//,
  );
  await consolePage.close();

  await panel.getByRole('button', { name: `Open a terminal as ${PROFILE}` }).click();
  await expect(said(panel)).toHaveText('Opened a terminal: AWS tools in it use this role.');
  const env = JSON.parse(await readFile(join(OUT, 'terminal-env.json'), 'utf8')) as Record<string, string>;
  const served = await fetch(env['AWS_CONTAINER_CREDENTIALS_FULL_URI']!, {
    headers: { authorization: env['AWS_CONTAINER_AUTHORIZATION_TOKEN']! },
  });
  expect(served.status).toBe(200);
});
