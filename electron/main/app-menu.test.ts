import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate } from './app-menu';

/** Every role in the menu, depth first, with separators as '-'. */
function roles(template: MenuItemConstructorOptions[] | null): string[] {
  return (template ?? []).flatMap((item) => [
    ...(item.role ? [item.role] : item.type === 'separator' ? ['-'] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

const DEVTOOLS_ROLES = ['toggleDevTools', 'reload', 'forceReload'];

describe('applicationMenuTemplate', () => {
  it('is no menu at all in a packaged app on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      expect(applicationMenuTemplate({ platform, packaged: true, appName: 'RoleTray' })).toBeNull();
    }
  });

  it('is the app menu and Edit, with their standard roles, in a packaged app on macOS', () => {
    const template = applicationMenuTemplate({ platform: 'darwin', packaged: true, appName: 'RoleTray' });
    expect(template?.map((item) => item.label)).toEqual(['RoleTray', 'Edit']);
    expect(roles(template)).toEqual([
      ...['about', '-', 'hide', 'hideOthers', 'unhide', '-', 'quit'],
      ...['undo', 'redo', '-', 'cut', 'copy', 'paste', 'selectAll'],
    ]);
    // No View menu, no DevTools, and no shortcut to them.
    expect(roles(template).filter((role) => DEVTOOLS_ROLES.includes(role))).toEqual([]);
  });

  it('keeps reload and DevTools reachable in a checkout, on every platform', () => {
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const template = applicationMenuTemplate({ platform, packaged: false, appName: 'RoleTray' });
      expect(template?.at(-1)).toMatchObject({ label: 'Develop' });
      expect(roles(template)).toEqual(expect.arrayContaining(DEVTOOLS_ROLES));
    }
    // macOS still has its Edit menu, so paste works in a checkout too.
    const mac = applicationMenuTemplate({ platform: 'darwin', packaged: false, appName: 'RoleTray' });
    expect(mac?.map((item) => item.label)).toEqual(['RoleTray', 'Edit', 'Develop']);
  });
});
