import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { app, globalShortcut } from 'electron';
import type { SettingsAppliers } from '../app/app-settings';
import { loginItemPlan } from './login-item';

// How settings take effect in Electron: the global shortcut swapped (the old one put back when the
// new one is taken) and the login item set. Glue only; the decisions are in app-settings.ts and
// login-item.ts, tested in Node.

export function electronSettingsAppliers(openRolePicker: () => void): SettingsAppliers {
  return {
    registerShortcut: (accelerator, previous) => {
      if (previous) globalShortcut.unregister(previous);
      let reason = 'is taken by another app';
      try {
        if (globalShortcut.register(accelerator, openRolePicker)) return undefined;
      } catch (error) {
        reason = `could not be registered (${error instanceof Error ? error.message : String(error)})`;
      }
      if (previous) globalShortcut.register(previous, openRolePicker);
      return `The shortcut ${accelerator} ${reason}.`;
    },
    setLoginItem: (choice) => {
      const plan = loginItemPlan(process.platform, choice, {
        execPath: process.execPath,
        configHome: process.env['XDG_CONFIG_HOME'] || join(homedir(), '.config'),
      });
      try {
        if (plan.kind === 'electron') app.setLoginItemSettings(plan.settings);
        else if (plan.text === null) rmSync(plan.path, { force: true });
        else {
          mkdirSync(dirname(plan.path), { recursive: true });
          writeFileSync(plan.path, plan.text, { mode: 0o644 });
        }
        return undefined;
      } catch (error) {
        return `RoleTray could not change launch at login: ${error instanceof Error ? error.message : String(error)}`;
      }
    },
  };
}
