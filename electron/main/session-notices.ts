import type { SessionEvent } from '../../shared/sessions';
import { formatTimeLeft } from './tray-menu';

// Desktop notifications about sessions, decided without Electron: what to say when one is about to
// expire or has ended, and how the user renews it from the notification on each platform.

export interface SessionNotice {
  title: string;
  body: string;
  /** The profile a "Renew" click renews. */
  profile: string;
}

export function sessionNotice(
  event: SessionEvent,
  displayName: (profile: string) => string,
  now: number,
): SessionNotice | undefined {
  if (event.type === 'expiring') {
    const left = formatTimeLeft(event.expiresAt - now);
    const sentenceStart = `${left.charAt(0).toUpperCase()}${left.slice(1)}.`;
    return {
      profile: event.profile,
      title: `Session for ${displayName(event.profile)} ends soon`,
      body: event.needsMfa
        ? `${sentenceStart} Renewing it needs an MFA code: renew now to keep working without a gap.`
        : `${sentenceStart} RoleTray could not renew it: ${event.error ?? 'the renewal failed'}`,
    };
  }
  if (event.type === 'expired') {
    return {
      profile: event.profile,
      title: `Session for ${displayName(event.profile)} ended`,
      body: 'Renew to start a new one.',
    };
  }
  return undefined;
}

export interface NoticeInteraction {
  /** Buttons on the notification (macOS shows them; elsewhere they are not offered). */
  actions: { type: 'button'; text: string }[];
  /** What clicking the notification's body does. */
  onClick: 'renew' | 'open-app';
}

/** macOS has a Renew button and the body opens the app; elsewhere clicking the notification renews. */
export function noticeInteraction(platform: NodeJS.Platform): NoticeInteraction {
  return platform === 'darwin'
    ? { actions: [{ type: 'button', text: 'Renew' }], onClick: 'open-app' }
    : { actions: [], onClick: 'renew' };
}
