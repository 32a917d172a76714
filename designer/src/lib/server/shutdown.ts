/**
 * adapter-node answers SIGTERM/SIGINT by closing the HTTP server, then emits
 * `sveltekit:shutdown` and leaves the exit to Node. The MongoDB and Temporal clients keep the
 * event loop alive, so without this the designer never exits on SIGTERM. They get a few
 * seconds to close; then the process exits, whatever still holds it.
 */
const closers: (() => Promise<void>)[] = [];
const closeWithinMs = 5000;

process.once('sveltekit:shutdown', () => {
  const deadline = new Promise((resolve) => setTimeout(resolve, closeWithinMs).unref());
  void Promise.race([Promise.allSettled(closers.map((close) => close())), deadline]).then(() =>
    process.exit(0),
  );
});

/** Registers a client to close when the designer shuts down. */
export function closeOnShutdown(close: () => Promise<void>): void {
  closers.push(close);
}
