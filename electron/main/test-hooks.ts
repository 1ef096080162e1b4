import type { WebPreferences } from 'electron';
import type { MfaPromptView } from '../../shared/ipc-contract';
import type { UserMessage } from './tray-actions';
import type { TrayMenuItem } from './tray-menu';
import type { WindowKind } from './window-options';

// With ROLETRAY_TEST=1 in a checkout (runtime-switches.ts; a packaged app never has them) main
// exposes a few handles to Playwright's `app.evaluate`, which cannot click a tray menu: the menu
// model, a click by item id, and what the app told the user.

export const TEST_HOOKS_GLOBAL = '__roletrayTest';

export interface RoleTrayTestHooks {
  /** The tray menu as last built. */
  menuTemplate(): TrayMenuItem[];
  /** Rebuilds the menu now and returns it. */
  refreshMenu(): Promise<TrayMenuItem[]>;
  /** Runs the item's action as a click would; resolves when it is done and the menu rebuilt. */
  clickMenuItem(id: string): Promise<void>;
  /** The webPreferences each window was created with. */
  windowPreferences(): Partial<Record<WindowKind, WebPreferences>>;
  /** MFA prompts open now. */
  mfaPrompts(): MfaPromptView[];
  /** Every sentence shown to the user (notifications, message boxes), oldest first. */
  userMessages(): UserMessage[];
}

export function installTestHooks(hooks: RoleTrayTestHooks): void {
  (globalThis as Record<string, unknown>)[TEST_HOOKS_GLOBAL] = hooks;
}
