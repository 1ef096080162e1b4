import { watch, type FSWatcher } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { RoleTrayError } from '../errors';
import { configPaths } from './aws-file-paths';
import { loadProfiles } from './profile-loader';
import type { LoadedProfiles, ProfileSources } from './profiles';

// Keeps the profiles current while the user edits ~/.aws/config and ~/.aws/credentials.
//
// Directories are watched, not files: editors save by writing a temp file and renaming it over the
// original (a watch on the old file would go quiet), and a file may not exist yet. Events are
// filtered to the two file names, debounced, and followed by a reload; handlers hear only about
// real changes. A directory that does not exist yet (no ~/.aws) is handled by watching its nearest
// existing ancestor for the one name leading towards it; when that appears, watches are planned
// again, moving down to the real directory. This is chosen over polling: no timer runs while
// nothing happens, and a new ~/.aws is seen as soon as it is created. Watches are re-planned after
// every event, so a deleted directory moves the watch back up (its own deletion is an event too).
// When a file is a symlink (dotfiles repositories), the directory of its target is watched as well.

export interface ProfileWatchHandlers {
  /** The first successful load, then each load whose result differs (and the first after an error). */
  onChange(loaded: LoadedProfiles): void;
  /** A load failed (usually a ConfigError naming file and line); `current()` keeps the last good result. */
  onError(error: RoleTrayError): void;
}

export interface ProfileWatcher {
  /** The last successful load; undefined until one succeeded. */
  current(): LoadedProfiles | undefined;
  /** Loads now (re-planning the watches first); reports through the handlers, never rejects. */
  reload(): Promise<void>;
  /** Stops watching; no handler is called afterwards and no timer or watch handle is left. */
  close(): void;
}

export function watchProfiles(
  sources: ProfileSources,
  handlers: ProfileWatchHandlers,
  options: { debounceMs?: number } = {},
): ProfileWatcher {
  const debounceMs = options.debounceMs ?? 100;
  const { configFile, credentialsFile } = configPaths(sources);
  const watched = new Map<string, { watcher: FSWatcher; names: Set<string> }>();
  let closed = false;
  let current: LoadedProfiles | undefined;
  let currentJson: string | undefined;
  /** The last load failed: the next success is reported even if equal to `current`. */
  let failing = false;
  let lastErrorJson: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let loadAgain = false;

  /** Handlers run outside our bookkeeping: a throwing handler surfaces as an uncaught error, as from an EventEmitter. */
  const call = (handler: () => void) => {
    try {
      handler();
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  };

  async function loadOnce(): Promise<void> {
    try {
      const loaded = await loadProfiles(sources);
      if (closed) return;
      const json = JSON.stringify(loaded);
      const changed = json !== currentJson || failing;
      current = loaded;
      currentJson = json;
      failing = false;
      lastErrorJson = undefined;
      if (changed) call(() => handlers.onChange(loaded));
    } catch (caught) {
      if (closed) return;
      const error =
        caught instanceof RoleTrayError
          ? caught
          : new RoleTrayError(
              'Internal',
              `RoleTray could not load your AWS profiles: ${caught instanceof Error ? caught.message : String(caught)}`,
            );
      failing = true;
      // The same problem saved again is not news.
      const json = JSON.stringify(error.info);
      if (json !== lastErrorJson) {
        lastErrorJson = json;
        call(() => handlers.onError(error));
      }
    }
  }

  /** One load at a time; a request during a load runs one more load after it. */
  function load(): Promise<void> {
    if (running) {
      loadAgain = true;
      return running;
    }
    running = (async () => {
      do {
        loadAgain = false;
        await loadOnce();
      } while (loadAgain && !closed);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  /** Directory → the entry names in it that matter: the files, or the next path component towards them. */
  async function planWatches(): Promise<Map<string, Set<string>>> {
    const files = [configFile, credentialsFile];
    const targets = await Promise.all(files.map((file) => realpath(file).catch(() => file)));
    const plan = new Map<string, Set<string>>();
    for (const file of new Set([...files, ...targets])) {
      let dir = dirname(file);
      let name = basename(file);
      while (!(await isDirectory(dir)) && dirname(dir) !== dir) {
        name = basename(dir);
        dir = dirname(dir);
      }
      const names = plan.get(dir) ?? new Set<string>();
      names.add(name);
      plan.set(dir, names);
    }
    return plan;
  }

  async function rewatch(): Promise<void> {
    const plan = await planWatches();
    if (closed) return;
    for (const [dir, entry] of watched) {
      if (!plan.has(dir)) {
        entry.watcher.close();
        watched.delete(dir);
      }
    }
    for (const [dir, names] of plan) {
      // The directory's own name: on Linux its deletion is reported under it.
      names.add(basename(dir));
      const existing = watched.get(dir);
      if (existing) {
        existing.names = names;
        continue;
      }
      try {
        const entry = { watcher: undefined as unknown as FSWatcher, names };
        entry.watcher = watch(dir, (_event, filename) => {
          if (filename === null || entry.names.has(filename.toString())) schedule();
        });
        entry.watcher.on('error', () => {
          entry.watcher.close();
          if (watched.get(dir) === entry) watched.delete(dir);
          schedule();
        });
        watched.set(dir, entry);
      } catch {
        // Gone between the check and the watch, or not watchable: the next event or reload() plans again.
      }
    }
  }

  async function refresh(): Promise<void> {
    try {
      await rewatch();
    } catch {
      // Planning only stats paths; a failure leaves the previous watches in place.
    }
    if (!closed) await load();
  }

  function schedule(): void {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void refresh();
    }, debounceMs);
  }

  void refresh();

  return {
    current: () => current,
    reload: refresh,
    close: () => {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      for (const { watcher } of watched.values()) watcher.close();
      watched.clear();
    },
  };
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
