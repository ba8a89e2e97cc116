/**
 * Gathers calls into shared ones: the calls made in one round of the event loop go together, and so do those that
 * arrive while a batch is on its way to the database. Under load many turns share one round trip; alone, a call
 * waits only for the end of the current round. At most one batch is in flight, and one holds at most `maxBatch`
 * calls. A batch that fails fails each of its calls.
 */
export class BatchedCalls<In, Out> {
  private waiting: Array<{ input: In; resolve: (out: Out) => void; reject: (error: unknown) => void }> = [];
  private inFlight = false;

  constructor(
    /** Runs one batch; returns one result per input, in the inputs' order. */
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    private readonly maxBatch = 50,
    /** Told when the last batch is done and no call waits. */
    private readonly onIdle?: () => void,
  ) {}

  call(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      // Not at once: PGlite runs in this thread, so nothing arrives while its batch runs; the turns whose requests
      // came in together reach this point in the same round of the event loop, and go as one.
      if (!this.inFlight && this.waiting.length === 1) setImmediate(() => void this.next());
    });
  }

  private async next(): Promise<void> {
    const batch = this.waiting.splice(0, this.maxBatch);
    if (batch.length === 0) return this.onIdle?.();
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
    private readonly maxBatch = 50,
  ) {}

  call(key: string, input: In): Promise<Out> {
    let queue = this.queues.get(key);
    if (!queue) {
      const created = new BatchedCalls<In, Out>((inputs) => this.run(key, inputs), this.maxBatch, () => {
        if (this.queues.get(key) === created) this.queues.delete(key);
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
