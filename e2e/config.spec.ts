import { readFile, writeFile } from 'node:fs/promises';
import { expect, test } from './support/fixtures';
import { roleRow } from './support/locators';
import { sandboxDescription } from './support/preview';

// The AWS config as the user edits it: RoleTray watches it, and says what it cannot read or use in
// sentences, with the file and line. Each step rewrites the preview's config; the original returns.

test('config changes show up live: colours, durations, warnings, unusable profiles, errors, no roles', async ({
  app,
}) => {
  const { page } = app;
  const { configFile, endpoint } = await sandboxDescription();
  const original = await readFile(configFile, 'utf8');
  try {
    await app.open();
    await expect(roleRow(page, 'prod-log-reader')).toBeVisible();

    await test.step("the config's color key and duration, a colour that is none, a profile without a source", async () => {
      await writeFile(
        configFile,
        original
          .replace(
            '[profile prod-log-reader]\n',
            '[profile prod-log-reader]\ncolor = 2e7d32\nduration_seconds = 7200\n',
          )
          .replace('[profile prod-audit]\n', '[profile prod-audit]\ncolor = red\n') +
          `\n[profile orphan]\nrole_arn = arn:aws:iam::123456789012:role/Nothing\nsource_profile = nowhere\nregion = us-east-1\nendpoint_url = ${endpoint}\n`,
      );
      await expect(roleRow(page, 'prod-log-reader').locator('.role-swatch')).toHaveCSS(
        'background-color',
        'rgb(46, 125, 50)',
        { timeout: 10_000 },
      );
      const problems = page.getByRole('region', { name: 'Your AWS config' });
      await expect(problems).toContainText('color = red is not a hex colour such as ffaa00; it is ignored.');
      await expect(problems.getByRole('list', { name: 'Profiles RoleTray cannot use' })).toContainText(
        'orphan:',
      );
      await expect(problems).toContainText('nowhere');
      // A chained role asking for 2 h gets 1 h, and says why.
      const chained = roleRow(page, 'prod-log-reader');
      await chained.getByRole('button', { name: 'Assume prod-log-reader', exact: true }).click();
      await expect(chained).toContainText('Active ·');
      const details = page.getByRole('region', { name: 'prod-log-reader', exact: true });
      await expect(details).toContainText('chained from another role');
      await expect(details).toContainText('duration_seconds asks for 2 h');
      await app.screenshot('config-warnings');
    });

    await test.step('a line AWS tools cannot read: the error names the file and line, roles stay', async () => {
      await writeFile(configFile, `${original}\nthis line is not ini\n`);
      const line = original.split('\n').length + 1;
      const alert = page.getByRole('region', { name: 'Your AWS config' }).getByRole('alert');
      await expect(alert).toContainText(`line ${line}`, { timeout: 10_000 });
      await expect(alert).toContainText('expected `[profile name]` or `key = value`');
      await expect(alert).toContainText('RoleTray keeps showing the roles it last read');
      await expect(roleRow(page, 'prod-read-only')).toBeVisible();
      await app.screenshot('config-error');
    });

    await test.step('no roles at all: what to add, or the sandbox', async () => {
      // Neither roles nor IAM Identity Center roles: only the keys profiles stay.
      const keysOnly = original
        .split(/\n(?=\[profile )/)
        .filter((section) => !section.includes('role_arn') && !section.includes('sso_account_id'));
      await writeFile(configFile, keysOnly.join('\n'));
      const empty = page.getByRole('region', { name: 'No roles to switch to yet' });
      await expect(empty).toBeVisible({ timeout: 10_000 });
      await expect(empty).toContainText(configFile);
      await expect(empty).toContainText('[profile prod-read-only]');
      await expect(empty).toContainText('npm start -- --sandbox');
      await app.screenshot('config-no-roles');
    });
  } finally {
    await writeFile(configFile, original);
  }
  await expect(roleRow(page, 'prod-read-only')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole('region', { name: 'Your AWS config' })).toHaveCount(0);
});
