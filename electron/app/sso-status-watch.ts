import type { IdentityCenterStatus } from '../../shared/identity-center-view';
import { TokenFileWatch, type TokenFileWatchDeps } from '../core/sso/token-presence';

// Which IAM Identity Center sign-ins hold, kept current for the windows: each sign-in's token file
// in the AWS CLI's cache (~/.aws/sso/cache/<sha1>.json) is watched (token-presence.ts: a stat on a
// timer, since `aws sso login` renames over the file and the folder may not exist yet), so a
// sign-in or sign-out by another tool (`aws sso login`, `aws sso logout`) or a refresh is told as
// `sso:changed` with the new status. Each sign-in's status is told once when first seen too (at
// start), so a sign-in that holds then refreshes its accounts as one that starts to hold later does.

export interface WatchedSignIn {
  /** The token cache key (IdentityCenterStatus.instance). */
  instance: string;
  file: string;
}

export interface SsoStatusWatchDeps {
  /** The sign-ins the config's profiles use now. */
  signIns: () => WatchedSignIn[];
  /** The sign-in's status now; undefined when the config no longer names it. */
  status: (instance: string) => Promise<IdentityCenterStatus | undefined>;
  /** A sign-in's status as first seen, then each time its token file changed (sso:changed). */
  publish: (status: IdentityCenterStatus) => void;
  /** The file watch's timer and stat (tests look faster). */
  watch?: TokenFileWatchDeps;
  log?: (message: string) => void;
}

export class SsoStatusWatch {
  private readonly watches = new Map<string, { file: string; watch: TokenFileWatch }>();
  private closed = false;

  constructor(private readonly deps: SsoStatusWatchDeps) {}

  /** Watches the sign-ins the config names now (at start and after every config change). */
  async sync(): Promise<void> {
    const wanted = new Map(this.deps.signIns().map((signIn) => [signIn.instance, signIn.file]));
    for (const [instance, kept] of this.watches) {
      if (wanted.get(instance) === kept.file) continue;
      kept.watch.close();
      this.watches.delete(instance);
    }
    for (const [instance, file] of wanted) {
      if (this.closed || this.watches.has(instance)) continue;
      const watch = new TokenFileWatch(file, () => void this.look(instance), this.deps.watch);
      this.watches.set(instance, { file, watch });
      await watch.start();
      await this.look(instance);
    }
  }

  /** RoleTray itself signed in or out: told now rather than at the next tick of the watch. */
  async changed(instance: string): Promise<void> {
    const kept = this.watches.get(instance);
    if (!kept) return;
    await kept.watch.settle();
    await this.look(instance);
  }

  private async look(instance: string): Promise<void> {
    let status: IdentityCenterStatus | undefined;
    try {
      status = await this.deps.status(instance);
    } catch (error) {
      this.deps.log?.(`IAM Identity Center: could not read the sign-in ${instance}: ${String(error)}`);
      return;
    }
    if (status && !this.closed && this.watches.has(instance)) this.deps.publish(status);
  }

  close(): void {
    this.closed = true;
    for (const { watch } of this.watches.values()) watch.close();
    this.watches.clear();
  }
}
