// Where an MFA prompt is answered. The main window has the dialog too, so when the user is looking at
// it the prompt appears there; otherwise (a tray click, a notification) the small MFA window opens.

export type MfaPromptPlace = 'main-window' | 'mfa-window';

export function mfaPromptPlace(
  mainWindow: { visible: boolean; minimized: boolean } | undefined,
): MfaPromptPlace {
  return mainWindow?.visible && !mainWindow.minimized ? 'main-window' : 'mfa-window';
}

/** The MFA window has done its job once no prompt is open. */
export function mfaWindowStillNeeded(openPrompts: number): boolean {
  return openPrompts > 0;
}
