// Whether the process that left a lock or a temp file behind is still running: signal 0 checks
// that a pid exists without sending anything.

/** True when no process `pid` runs on this machine (EPERM means it runs, as another user). */
export function processIsGone(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
