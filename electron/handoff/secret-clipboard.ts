// Secrets put on the clipboard (shell variables with a session's keys) are taken off again after a
// while, as password managers do, and only if the clipboard still holds exactly what RoleTray put
// there: whatever the user copied since is theirs. Quitting takes them off at once.

export interface ClipboardAccess {
  writeClipboard(text: string): Promise<void>;
  /** Absent where the clipboard cannot be read back: then nothing is cleared (never guessed). */
  readClipboard?: () => Promise<string>;
}

/** How long copied secrets stay on the clipboard unless a setting says otherwise. */
export const DEFAULT_CLEAR_AFTER_MS = 45_000;

export class SecretClipboard {
  private copied: { text: string; timer: NodeJS.Timeout } | undefined;

  constructor(
    private readonly clipboard: ClipboardAccess,
    private readonly clearAfterMs: () => number = () => DEFAULT_CLEAR_AFTER_MS,
  ) {}

  /** Copies `text`; resolves with how many ms until it is cleared, or undefined when it will not be. */
  async copy(text: string): Promise<number | undefined> {
    this.forget();
    await this.clipboard.writeClipboard(text);
    const after = this.clearAfterMs();
    if (!this.clipboard.readClipboard || !(after > 0)) return undefined;
    const timer = setTimeout(() => void this.clear(), after);
    timer.unref();
    this.copied = { text, timer };
    return after;
  }

  /** Takes RoleTray's copy off the clipboard if it is still there; leaves anything else. */
  async clear(): Promise<void> {
    const copied = this.copied;
    this.forget();
    if (!copied || !this.clipboard.readClipboard) return;
    try {
      if ((await this.clipboard.readClipboard()) === copied.text) await this.clipboard.writeClipboard('');
    } catch {
      // A clipboard that cannot be read now is left as it is.
    }
  }

  private forget(): void {
    if (this.copied) clearTimeout(this.copied.timer);
    this.copied = undefined;
  }
}
