import { describe, expect, it } from 'vitest';
import { testRole } from '../../test-support/handoff-fixtures';
import type { HandoffPaths } from './handoff-paths';
import { HelperHandoff } from './helper-handoff';

// The config block's command line, which the service's tests see only without a socket: the socket's
// folder is named on it off Windows, and a Windows pipe needs no folder.

const role = testRole('prod', { region: 'eu-west-1' });

const helper = (paths: HandoffPaths | undefined) =>
  new HelperHandoff({
    manager: { credentials: () => Promise.reject(new Error('not asked')) },
    paths,
    command: ['node', 'C:\\Program Files\\RoleTray\\cli\\roletray-credentials.mjs'],
    log: () => undefined,
  });
const block = (paths: HandoffPaths) => helper(paths).status('prod', role).configBlock.split('\n')[1];

describe('HelperHandoff', () => {
  it('names the socket’s folder on the credential_process line, except for a Windows pipe', () => {
    const unix = { dir: '/run/user/1000/roletray', socket: '/run/user/1000/roletray/credentials.sock' };
    expect(block({ ...unix, tokenFile: `${unix.dir}/credentials.token` })).toBe(
      'credential_process = node "C:\\\\Program Files\\\\RoleTray\\\\cli\\\\roletray-credentials.mjs"' +
        ' --handoff-dir /run/user/1000/roletray prod',
    );
    const pipe = '\\\\.\\pipe\\roletray-credentials-tyler';
    expect(block({ dir: 'C:\\Users\\tyler\\AppData', socket: pipe, tokenFile: 'C:\\token' })).toBe(
      'credential_process = node "C:\\\\Program Files\\\\RoleTray\\\\cli\\\\roletray-credentials.mjs" prod',
    );
  });

  it('says the socket is missing when the app was started without one', async () => {
    const unit = helper(undefined);
    await unit.start();
    expect(unit.status('gone', undefined)).toEqual({
      configProfile: 'roletray-gone',
      configBlock: '',
      helper: { running: false, problem: 'This RoleTray was started without its credentials socket.' },
    });
  });
});
