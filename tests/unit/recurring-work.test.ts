import { RecurringWork } from '../../bot/src/platform/jobs/recurring';

/** A piece of work whose runs finish only when the test says so. */
function controlledWork() {
  const finishers: Array<() => void> = [];
  const work = jest.fn(() => new Promise<void>((resolve) => finishers.push(resolve)));
  return { work, finishNext: () => finishers.shift()?.() };
}

describe('RecurringWork: the upkeep timers', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs at once when asked, then every period', async () => {
    const recurring = new RecurringWork();
    const { work, finishNext } = controlledWork();
    recurring.every(1000, work, { now: true });
    expect(work).toHaveBeenCalledTimes(1);
    finishNext();
    await jest.advanceTimersByTimeAsync(1000);
    expect(work).toHaveBeenCalledTimes(2);
    finishNext();
    await recurring.stop();
  });

  it('never starts a run while the last one is still going', async () => {
    const recurring = new RecurringWork();
    const { work, finishNext } = controlledWork();
    recurring.every(1000, work);
    jest.advanceTimersByTime(1000);
    jest.advanceTimersByTime(5000);
    expect(work).toHaveBeenCalledTimes(1);
    finishNext();
    await jest.advanceTimersByTimeAsync(1000);
    expect(work).toHaveBeenCalledTimes(2);
    finishNext();
    await recurring.stop();
  });

  it('stops its timers, and waits for the run under way', async () => {
    const recurring = new RecurringWork();
    const { work, finishNext } = controlledWork();
    recurring.every(1000, work, { now: true });
    let stopped = false;
    const stopping = recurring.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finishNext();
    await stopping;
    expect(stopped).toBe(true);
    jest.advanceTimersByTime(10_000);
    expect(work).toHaveBeenCalledTimes(1);
  });
});
