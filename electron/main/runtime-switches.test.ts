import { describe, expect, it } from 'vitest';
import { ignoredSwitchesNotice, runtimeSwitches } from './runtime-switches';

const EVERY_SWITCH = {
  ELECTRON_RENDERER_URL: 'http://localhost:5173',
  ROLETRAY_USER_DATA: '/tmp/throwaway-user-data',
  ROLETRAY_SANDBOX: '/tmp/aws/sandbox.json',
  ROLETRAY_TEST: '1',
  ROLETRAY_HANDOFF_DIR: '/tmp/handoff',
  PATH: '/usr/bin',
};

describe('runtimeSwitches', () => {
  it('honours every switch in a checkout, and ignores none', () => {
    const switches = runtimeSwitches(false, EVERY_SWITCH);
    expect(switches).toEqual({
      inForce: {
        devServerUrl: 'http://localhost:5173',
        userDataDir: '/tmp/throwaway-user-data',
        sandboxFile: '/tmp/aws/sandbox.json',
        testHooks: true,
        handoffDir: '/tmp/handoff',
      },
      ignored: [],
    });
    expect(ignoredSwitchesNotice(switches)).toBeUndefined();
  });

  it('ignores every test and sandbox switch in a packaged app, naming each in one log line', () => {
    const switches = runtimeSwitches(true, EVERY_SWITCH);
    // The hand-off folder is a user setting the shipped helper reads too: it stays.
    expect(switches.inForce).toEqual({ testHooks: false, handoffDir: '/tmp/handoff' });
    expect(switches.ignored).toEqual([
      'ELECTRON_RENDERER_URL',
      'ROLETRAY_USER_DATA',
      'ROLETRAY_SANDBOX',
      'ROLETRAY_TEST',
    ]);
    expect(ignoredSwitchesNotice(switches)).toBe(
      'Ignoring ELECTRON_RENDERER_URL, ROLETRAY_USER_DATA, ROLETRAY_SANDBOX, ROLETRAY_TEST: ' +
        'a packaged app takes no test or sandbox switches.',
    );
  });

  it('names only the switches that were set, and says nothing when none was', () => {
    const one = runtimeSwitches(true, { ROLETRAY_TEST: '0', ROLETRAY_SANDBOX: '' });
    expect(one.ignored).toEqual(['ROLETRAY_TEST']);
    const none = runtimeSwitches(true, { PATH: '/usr/bin' });
    expect(none).toEqual({ inForce: { testHooks: false }, ignored: [] });
    expect(ignoredSwitchesNotice(none)).toBeUndefined();
  });

  it('opens the test hooks only for ROLETRAY_TEST=1, and takes empty variables as unset', () => {
    expect(runtimeSwitches(false, { ROLETRAY_TEST: 'true' }).inForce.testHooks).toBe(false);
    expect(
      runtimeSwitches(false, { ROLETRAY_USER_DATA: '', ROLETRAY_SANDBOX: '', ROLETRAY_HANDOFF_DIR: '' }),
    ).toEqual({ inForce: { testHooks: false }, ignored: [] });
  });
});
