/** A call that waited longer than its queue allows for a batch to take it: failed without reaching the database. */
export class BatchWaitExceeded extends Error {
  constructor(waitedMs: number) {
    super(`waited ${Math.round(waitedMs)} ms for a batch`);
    this.name = 'BatchWaitExceeded';
  }
}

export interface BatchOptions {
  /** The most calls one batch holds. */
  maxBatch?: number;
  /**
   * How long a call may wait behind the batch on its way: a slow or stuck database fails the calls behind it
   * instead of holding them past the time a turn has (Teams waits 15 s for an answer).
   */
  maxWaitMs?: number;
  /** Told when the last batch is done and no call waits. */
  onIdle?: () => void;
  /** The clock the wait is measured by (for tests). */
  now?: () => number;
}

/**
 * Gathers calls into shared ones: the calls made in one round of the event loop go together, and so do those that
 * arrive while a batch is on its way to the database. Under load many turns share one round trip; alone, a call
 * waits only for the end of the current round. At most one batch is in flight, and one holds at most `maxBatch`
 * calls. A batch that fails fails each of its calls.
 */
export class BatchedCalls<In, Out> {
  private waiting: Array<{ input: In; since: number; resolve: (out: Out) => void; reject: (error: unknown) => void }> = [];
  private inFlight = false;
  private readonly maxBatch: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;

  constructor(
    /** Runs one batch; returns one result per input, in the inputs' order. */
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    private readonly options: BatchOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 50;
    this.maxWaitMs = options.maxWaitMs ?? 5_000;
    this.now = options.now ?? (() => performance.now());
  }

  call(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ input, since: this.now(), resolve, reject });
      // Not at once: PGlite runs in this thread, so nothing arrives while its batch runs; the turns whose requests
      // came in together reach this point in the same round of the event loop, and go as one.
      if (!this.inFlight && this.waiting.length === 1) setImmediate(() => void this.next());
    });
  }

  private async next(): Promise<void> {
    const now = this.now();
    const late = this.waiting.filter((w) => now - w.since > this.maxWaitMs);
    if (late.length > 0) {
      this.waiting = this.waiting.filter((w) => now - w.since <= this.maxWaitMs);
      for (const w of late) w.reject(new BatchWaitExceeded(now - w.since));
    }
    const batch = this.waiting.splice(0, this.maxBatch);
    if (batch.length === 0) return this.options.onIdle?.();
    this.inFlight = true;
    try {
      const outputs = await this.run(batch.map((b) => b.input));
      if (outputs.length !== batch.length) throw new Error(`a batch of ${batch.length} calls gave ${outputs.length} results`);
      batch.forEach((b, i) => b.resolve(outputs[i]!));
    } catch (error) {
      for (const b of batch) b.reject(error);
    } finally {
      this.inFlight = false;
      void this.next();
    }
  }
}

/**
 * Batched calls per key: calls with the same key share batches (one in flight per key), and calls with other keys
 * go their own way. A key's queue is dropped once it is idle, so keys seen once are not kept.
 */
export class BatchedCallsByKey<In, Out> {
  private readonly queues = new Map<string, BatchedCalls<In, Out>>();

  constructor(
    /** Runs one batch of one key; returns one result per input, in the inputs' order. */
    private readonly run: (key: string, inputs: In[]) => Promise<Out[]>,
    private readonly options: Omit<BatchOptions, 'onIdle'> = {},
  ) {}

  call(key: string, input: In): Promise<Out> {
    let queue = this.queues.get(key);
    if (!queue) {
      const created = new BatchedCalls<In, Out>((inputs) => this.run(key, inputs), {
        ...this.options,
        onIdle: () => {
          if (this.queues.get(key) === created) this.queues.delete(key);
        },
      });
      this.queues.set(key, created);
      queue = created;
    }
    return queue.call(input);
  }

  /** The keys with calls waiting or on their way (for tests). */
  get busyKeys(): number {
    return this.queues.size;
  }
}
