import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryStore, NOW, tempDirPerTest, testRole, testSession } from '../../test-support/handoff-fixtures';
import { CliCacheHandoff } from './cli-cache-handoff';
import { CliCacheRecords } from './cli-cache-records';
import { CredentialsFileHandoff } from './credentials-file-handoff';
import { HandoffSettings } from './handoff-settings';

// Two choices for one role share one stored setting: the CLI cache toggle is saved at once, the
// credentials-file section after its file writes. A toggle made during those writes must survive.

const home = tempDirPerTest('roletray-choices-');
const role = testRole('prod');
const session = testSession(role, 'ASIAFIRST');

function start(duringWrite: (cli: CliCacheHandoff) => void) {
  const store = memoryStore();
  const settings = new HandoffSettings(store);
  const log = (line: string) => void line;
  const cli = new CliCacheHandoff({
    manager: { assume: async () => session.info },
    settings,
    records: new CliCacheRecords(store),
    homeDir: home(),
    clock: () => NOW,
    log,
  });
  const file = join(home(), 'credentials');
  const credentialsFile = new CredentialsFileHandoff({
    // Asked right before the section is written: the user's other click lands in that window.
    manager: {
      activeSession: () => {
        duringWrite(cli);
        return session;
      },
    },
    settings,
    sources: { env: { AWS_SHARED_CREDENTIALS_FILE: file }, homeDir: home() },
    clock: () => NOW,
    log,
  });
  return { cli, credentialsFile, settings, file };
}

describe('a CLI-cache toggle made while the credentials file is written', () => {
  it('is kept when turned on, and the section is saved too', async () => {
    const started = start((cli) => cli.choose(role, true));
    await started.credentialsFile.choose('prod', 'prod-rt');
    expect(await readFile(started.file, 'utf8')).toContain('[prod-rt]');
    expect(started.settings.get('prod')).toEqual({ cliCache: true, credentialsProfile: 'prod-rt' });
  });

  it('is kept when turned off', async () => {
    const started = start((cli) => cli.choose(role, false));
    started.cli.choose(role, true);
    await started.credentialsFile.choose('prod', 'prod-rt');
    expect(started.settings.get('prod')).toEqual({ credentialsProfile: 'prod-rt' });
  });
});
