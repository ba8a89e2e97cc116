import { BatchWaitExceeded, BatchedCalls, BatchedCallsByKey } from '../../bot/src/platform/database/batched-calls';

/** A batch runner whose calls the test answers by hand. */
function handRun() {
  const batches: Array<{ inputs: number[]; answer: (outputs: string[]) => void; fail: (error: Error) => void }> = [];
  const run = (inputs: number[]) =>
    new Promise<string[]>((answer, fail) => {
      batches.push({ inputs, answer, fail });
    });
  return { batches, run };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('batched calls', () => {
  it('sends the calls of one round of the event loop together, and gathers those that arrive meanwhile into the next', async () => {
    const { batches, run } = handRun();
    const calls = new BatchedCalls(run);
    const first = [calls.call(1), calls.call(2)];
    expect(batches).toHaveLength(0);
    await tick();
    expect(batches.map((b) => b.inputs)).toEqual([[1, 2]]);
    const later = [calls.call(3), calls.call(4)];
    await tick();
    expect(batches).toHaveLength(1);
    batches[0]!.answer(['one', 'two']);
    expect(await Promise.all(first)).toEqual(['one', 'two']);
    await tick();
    expect(batches.map((b) => b.inputs)).toEqual([[1, 2], [3, 4]]);
    batches[1]!.answer(['three', 'four']);
    expect(await Promise.all(later)).toEqual(['three', 'four']);
  });

  it('sends a call made alone after one round of the event loop, not later', async () => {
    const { batches, run } = handRun();
    const calls = new BatchedCalls(run);
    const alone = calls.call(7);
    await tick();
    expect(batches.map((b) => b.inputs)).toEqual([[7]]);
    batches[0]!.answer(['seven']);
    expect(await alone).toBe('seven');
  });

  it('holds at most maxBatch calls in one batch', async () => {
    const { batches, run } = handRun();
    const calls = new BatchedCalls(run, { maxBatch: 2 });
    const all = [1, 2, 3, 4, 5].map((n) => calls.call(n));
    await tick();
    batches[0]!.answer(['a', 'b']);
    await tick();
    batches[1]!.answer(['c', 'd']);
    await tick();
    batches[2]!.answer(['e']);
    expect(await Promise.all(all)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(batches.map((b) => b.inputs)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('fails each call of a failed batch, and goes on with the next', async () => {
    const { batches, run } = handRun();
    const calls = new BatchedCalls(run);
    const failed = [calls.call(1), calls.call(2)];
    await tick();
    const next = calls.call(3);
    batches[0]!.fail(new Error('database gone'));
    await expect(failed[0]).rejects.toThrow('database gone');
    await expect(failed[1]).rejects.toThrow('database gone');
    await tick();
    batches[1]!.answer(['three']);
    expect(await next).toBe('three');
  });

  it('fails the calls of a batch that answered with the wrong number of results', async () => {
    const { batches, run } = handRun();
    const calls = new BatchedCalls(run);
    const one = calls.call(1);
    await tick();
    batches[0]!.answer(['a', 'b']);
    await expect(one).rejects.toThrow(/1 calls gave 2 results/);
  });

  it('fails the calls that waited longer than maxWaitMs behind a slow batch, without running them, and runs those that came later', async () => {
    const { batches, run } = handRun();
    let clock = 0;
    const calls = new BatchedCalls(run, { maxWaitMs: 5_000, now: () => clock });
    const first = calls.call(1);
    await tick();
    const behind = [calls.call(2), calls.call(3)];
    clock = 4_000;
    const later = calls.call(4);
    // The first batch is stuck until long after the calls behind it came.
    clock = 5_001;
    batches[0]!.answer(['one']);
    expect(await first).toBe('one');
    await expect(behind[0]).rejects.toBeInstanceOf(BatchWaitExceeded);
    await expect(behind[1]).rejects.toThrow('waited 5001 ms for a batch');
    await tick();
    expect(batches.map((b) => b.inputs)).toEqual([[1], [4]]);
    batches[1]!.answer(['four']);
    expect(await later).toBe('four');
  });

  it('by key: calls with one key share a batch, calls with another go at the same time in their own, and a key is dropped once idle', async () => {
    const batches: Array<{ key: string; inputs: number[]; answer: (outputs: string[]) => void }> = [];
    const calls = new BatchedCallsByKey<number, string>((key, inputs) => new Promise((answer) => batches.push({ key, inputs, answer })));
    const a = [calls.call('a', 1), calls.call('b', 2), calls.call('a', 3)];
    await tick();
    expect(batches.map((b) => [b.key, b.inputs])).toEqual([
      ['a', [1, 3]],
      ['b', [2]],
    ]);
    expect(calls.busyKeys).toBe(2);
    const laterA = calls.call('a', 4);
    batches[1]!.answer(['two']);
    batches[0]!.answer(['one', 'three']);
    expect(await Promise.all(a)).toEqual(['one', 'two', 'three']);
    await tick();
    expect(batches.map((b) => [b.key, b.inputs])[2]).toEqual(['a', [4]]);
    batches[2]!.answer(['four']);
    expect(await laterA).toBe('four');
    await tick();
    expect(calls.busyKeys).toBe(0);
  });
});
