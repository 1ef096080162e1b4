import { describe, expect, it } from 'vitest';
import { loginItemPlan } from './login-item';

const paths = { execPath: '/opt/Role Tray/roletray', configHome: '/home/tyler/.config' };

describe('loginItemPlan', () => {
  it('gives macOS and Windows Electron’s login item, hidden with --hidden', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      expect(loginItemPlan(platform, { openAtLogin: true, startHidden: true }, paths)).toEqual({
        kind: 'electron',
        settings: { openAtLogin: true, openAsHidden: true, args: ['--hidden'] },
      });
      expect(loginItemPlan(platform, { openAtLogin: false, startHidden: false }, paths)).toEqual({
        kind: 'electron',
        settings: { openAtLogin: false, openAsHidden: false, args: [] },
      });
    }
  });

  it('writes an XDG autostart entry on Linux, quoting the path, and removes it when off', () => {
    const on = loginItemPlan('linux', { openAtLogin: true, startHidden: true }, paths);
    expect(on).toMatchObject({
      kind: 'autostart-file',
      path: '/home/tyler/.config/autostart/roletray.desktop',
    });
    expect(on.kind === 'autostart-file' && on.text).toContain('Exec="/opt/Role Tray/roletray" --hidden\n');
    const shown = loginItemPlan('linux', { openAtLogin: true, startHidden: false }, paths);
    expect(shown.kind === 'autostart-file' && shown.text).toContain('Exec="/opt/Role Tray/roletray"\n');
    expect(loginItemPlan('linux', { openAtLogin: false, startHidden: true }, paths)).toEqual({
      kind: 'autostart-file',
      path: '/home/tyler/.config/autostart/roletray.desktop',
      text: null,
    });
  });
});
