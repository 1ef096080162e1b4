import { describe, expect, it } from 'vitest';
import { mfaPromptPlace, mfaWindowStillNeeded } from './mfa-routing';

describe('mfaPromptPlace', () => {
  it('answers in the main window while the user is looking at it', () => {
    expect(mfaPromptPlace({ visible: true, minimized: false })).toBe('main-window');
  });

  it('opens the MFA window when the main window is hidden, minimised or was never opened', () => {
    expect(mfaPromptPlace({ visible: false, minimized: false })).toBe('mfa-window');
    expect(mfaPromptPlace({ visible: true, minimized: true })).toBe('mfa-window');
    expect(mfaPromptPlace(undefined)).toBe('mfa-window');
  });

  it('opens the MFA window while the quick switcher is up: it would hide the main window’s dialog', () => {
    expect(mfaPromptPlace({ visible: true, minimized: false }, true)).toBe('mfa-window');
    expect(mfaPromptPlace({ visible: true, minimized: false }, false)).toBe('main-window');
  });
});

describe('mfaWindowStillNeeded', () => {
  it('keeps the MFA window while a prompt is open', () => {
    expect(mfaWindowStillNeeded(1)).toBe(true);
    expect(mfaWindowStillNeeded(0)).toBe(false);
  });
});
