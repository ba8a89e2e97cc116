/**
 * Work the service repeats on a timer, on every replica (the database hands each piece out once). A run still going
 * when its next turn comes is not started twice. The timers do not keep the process alive; `stop` clears them and
 * waits for the runs under way. Each piece of work catches and logs its own failures: a failed run waits for its
 * next turn.
 */
export class RecurringWork {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<unknown>>();

  /** Runs `work` every `ms` milliseconds; with `now`, also at once. */
  every(ms: number, work: () => Promise<unknown>, options: { now?: boolean } = {}): void {
    let current: Promise<unknown> | undefined;
    const run = () => {
      if (current) return;
      const started = work().finally(() => {
        this.running.delete(started);
        current = undefined;
      });
      current = started;
      this.running.add(started);
    };
    const timer = setInterval(run, ms);
    timer.unref();
    this.timers.push(timer);
    if (options.now) run();
  }

  async stop(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await Promise.all(this.running);
  }
}
