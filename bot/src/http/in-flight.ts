import type { Next, Request, Response } from 'restify';

/** Counts requests being handled, so shutdown can wait for in-flight bot turns to finish. */
export class InFlight {
  private count = 0;
  private waiters: Array<() => void> = [];

  get size(): number {
    return this.count;
  }

  middleware() {
    return (req: Request, res: Response, next: Next) => {
      this.count += 1;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        this.count -= 1;
        if (this.count === 0) this.waiters.splice(0).forEach((w) => w());
      };
      res.once('finish', finish);
      res.once('close', finish);
      return next();
    };
  }

  /** Resolves true when all requests finished, false when `timeoutMs` passed first. */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
