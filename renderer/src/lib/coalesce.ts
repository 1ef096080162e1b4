// A refresh that a burst of events asks for many times runs once at a time: calls while one runs
// ask for a single run after it (so the last state is still fetched), never one request per event.
// A window that heard hundreds of `changed` at once otherwise ran out of sockets.

export function coalesce(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await run();
        } while (again);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
}
