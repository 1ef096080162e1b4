// Where an MFA prompt is answered. The main window has the dialog too, so when the user is looking at
// it the prompt appears there; otherwise (a tray click, a notification, the quick switcher, which
// stays in front of the main window) the small MFA window opens, in front too.

export type MfaPromptPlace = 'main-window' | 'mfa-window';

export function mfaPromptPlace(
  mainWindow: { visible: boolean; minimized: boolean } | undefined,
  switcherVisible = false,
): MfaPromptPlace {
  return mainWindow?.visible && !mainWindow.minimized && !switcherVisible ? 'main-window' : 'mfa-window';
}

/** The MFA window has done its job once no prompt is open. */
export function mfaWindowStillNeeded(openPrompts: number): boolean {
  return openPrompts > 0;
}
