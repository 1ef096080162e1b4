import { dialog, Notification } from 'electron';
import { noticeInteraction, type SessionNotice } from './session-notices';
import type { UserMessage } from './tray-actions';

// Desktop notifications: sessions about to expire or ended (with a way to renew), and the sentences
// tray actions need the user to read. Where the system has no notifications, a message box instead:
// a failure is never silent.

export interface NotifierOptions {
  platform: NodeJS.Platform;
  renew(profile: string): void;
  openApp(): void;
  log(message: string): void;
}

// Electron drops a notification's click handlers once the object is garbage-collected: keep the
// recent ones referenced until they close.
const KEEP_AT_MOST = 20;

export class Notifier {
  private readonly shown = new Set<Notification>();

  constructor(private readonly options: NotifierOptions) {}

  session(notice: SessionNotice): void {
    if (!Notification.isSupported()) {
      this.options.log(`${notice.title}. ${notice.body}`);
      return;
    }
    const interaction = noticeInteraction(this.options.platform);
    const notification = this.keep(
      new Notification({ title: notice.title, body: notice.body, actions: interaction.actions }),
    );
    notification.on('action', () => this.options.renew(notice.profile));
    notification.on('click', () =>
      interaction.onClick === 'renew' ? this.options.renew(notice.profile) : this.options.openApp(),
    );
    notification.show();
  }

  tellUser(message: UserMessage): void {
    this.options.log(`${message.title}: ${message.body}`);
    if (Notification.isSupported()) {
      const notification = this.keep(new Notification({ title: message.title, body: message.body }));
      notification.on('click', () => this.options.openApp());
      notification.show();
      return;
    }
    void dialog.showMessageBox({
      type: 'warning',
      title: 'RoleTray',
      message: message.title,
      detail: message.body,
    });
  }

  private keep(notification: Notification): Notification {
    this.shown.add(notification);
    notification.on('close', () => this.shown.delete(notification));
    for (const old of this.shown) {
      if (this.shown.size <= KEEP_AT_MOST) break;
      this.shown.delete(old);
    }
    return notification;
  }
}
