import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  followed,
  memoryStore,
  NOW,
  tempDirPerTest,
  testRole,
  testSession,
} from '../../test-support/handoff-fixtures';
import type { ActiveSession } from '../core/sessions/session-manager';
import { writeCredentialsProfile } from './credentials-file';
import { CredentialsFileHandoff } from './credentials-file-handoff';
import { HandoffSettings } from './handoff-settings';

// The credentials-file unit on its own, for what the service's tests against the sandbox do not
// reach: the section an earlier run left, moving to another section, a write that fails, and a
// file made private before keys went in.

const home = tempDirPerTest('roletray-file-unit-');
const role = testRole('prod');

function start(session?: ActiveSession) {
  const log: string[] = [];
  const settings = new HandoffSettings(memoryStore());
  const file = join(home(), 'credentials');
  const unit = new CredentialsFileHandoff({
    manager: { activeSession: () => session },
    settings,
    sources: { env: { AWS_SHARED_CREDENTIALS_FILE: file }, homeDir: home() },
    clock: () => NOW,
    log: (line) => void log.push(line),
  });
  return { unit, settings, file, log, text: () => readFile(file, 'utf8') };
}

describe('CredentialsFileHandoff', () => {
  it('removes a section an earlier run left in its first pass only', async () => {
    const { unit, file, text } = start();
    const user = '[dev]\naws_access_key_id = AKIAUSER\n';
    await writeFile(file, user);
    await writeCredentialsProfile(file, 'prod-rt', testSession(role, 'ASIALEFT').credentials, {
      now: () => NOW,
    });
    const setting = { credentialsProfile: 'prod-rt' };

    await unit.follow(followed(role, undefined, { setting }));
    expect(await text()).toContain('[prod-rt]');
    await unit.follow(followed(role, undefined, { setting, startup: true }));
    expect(await text()).toBe(user);
  });

  it('moves the role’s section to its new name, and takes it out when turned off', async () => {
    const { unit, settings, text } = start(testSession(role, 'ASIAFIRST'));
    await unit.choose('prod', 'prod-a');
    expect(await text()).toContain('[prod-a]');
    await unit.choose('prod', 'prod-b');
    expect(await text()).not.toContain('[prod-a]');
    expect(await text()).toContain('[prod-b]');
    expect(settings.get('prod')).toEqual({ credentialsProfile: 'prod-b' });
    expect(unit.status('prod', role).credentialsFile).toMatchObject({ profileName: 'prod-b' });

    await unit.choose('prod', null);
    expect(await text()).not.toContain('[prod-b]');
    expect(settings.get('prod')).toEqual({});
  });

  it('keeps a failed write as the status’s problem in a pass, and refuses it when chosen', async () => {
    const session = testSession(role, 'ASIAFIRST');
    const { unit, settings, file, log } = start(session);
    // A folder where the file should be: it can be neither read nor replaced.
    await mkdir(file);
    await unit.follow(followed(role, session, { setting: { credentialsProfile: 'prod-rt' } }));
    const problem = unit.status('prod', role).credentialsFile.problem;
    expect(problem).toMatch(new RegExp(`^RoleTray could not write ${file}: `));
    expect(log).toEqual([problem]);

    await expect(unit.choose('prod', 'prod-rt')).rejects.toMatchObject({
      kind: 'Validation',
      message: problem,
    });
    expect(settings.get('prod')).toEqual({});
  });

  it('says, for the roles writing to it, that a file others could read was made 0600', async () => {
    const session = testSession(role, 'ASIAFIRST');
    const { unit, settings, file, log } = start(session);
    await writeFile(file, '[dev]\naws_access_key_id = AKIAUSER\n');
    await chmod(file, 0o644);
    const setting = { credentialsProfile: 'prod-rt' };
    settings.set('prod', setting);
    await unit.follow(followed(role, session, { setting }));
    const notice =
      `${file} was open to other users (mode 0644), so RoleTray made it 0600 (only you can read it) ` +
      'before writing session keys into it.';
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(unit.status('prod', role).credentialsFile).toEqual({ file, profileName: 'prod-rt', notice });
    expect(log).toEqual([notice]);
    // A role that writes nothing there is told nothing.
    expect(unit.status('dev', testRole('dev')).credentialsFile).toEqual({ file });
  });
});
