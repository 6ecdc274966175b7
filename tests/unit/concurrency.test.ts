/**
 * src/concurrency.ts: the worker pool, driven by hand. Every call of `fn` returns a promise the test
 * settles itself, and a gauge inside `fn` counts the calls in flight; no timers, no wall clock.
 */
import { chunks, forEachLimit, mapLimit } from '../../src/concurrency';

interface Call {
  item: number;
  index: number;
  settled: boolean;
  resolve(value: string): void;
  reject(error: unknown): void;
}

/** An `fn` whose calls wait for the test, with a gauge of the calls in flight. */
function handDriven() {
  const calls: Call[] = [];
  const gauge = { inFlight: 0, max: 0 };
  const waiters: Array<{ count: number; wake(): void }> = [];
  const wakeWaiters = () => {
    for (const waiter of [...waiters]) {
      if (calls.length < waiter.count) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.wake();
    }
  };
  const fn = (item: number, index: number): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      gauge.inFlight++;
      gauge.max = Math.max(gauge.max, gauge.inFlight);
      const call: Call = {
        item,
        index,
        settled: false,
        resolve: (value) => {
          call.settled = true;
          gauge.inFlight--;
          resolve(value);
        },
        reject: (error) => {
          call.settled = true;
          gauge.inFlight--;
          reject(error);
        }
      };
      calls.push(call);
      wakeWaiters();
    });
  /** Resolves once the pool has started `count` calls in all. */
  const started = (count: number): Promise<void> =>
    new Promise<void>((wake) => {
      waiters.push({ count, wake });
      wakeWaiters();
    });
  return { fn, calls, gauge, started };
}

/** Lets every pending promise callback run (microtasks only). */
async function flush(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('mapLimit', () => {
  const pickers: Record<string, (pending: Call[]) => Call> = {
    'first started first': (pending) => pending[0]!,
    'last started first': (pending) => pending[pending.length - 1]!,
    'second started first': (pending) => pending[Math.min(1, pending.length - 1)]!
  };
  it.each([
    { items: 10, limit: 3, finish: 'first started first' },
    { items: 10, limit: 3, finish: 'last started first' },
    { items: 7, limit: 2, finish: 'second started first' },
    { items: 5, limit: 1, finish: 'last started first' },
    { items: 4, limit: 4, finish: 'last started first' },
    { items: 3, limit: 8, finish: 'second started first' },
    { items: 1, limit: 5, finish: 'first started first' }
  ])('$items items, limit $limit, finishing $finish: results in input order, never more than the limit in flight', async ({ items, limit, finish }) => {
    const { fn, calls, gauge, started } = handDriven();
    const result = mapLimit(range(items), limit, fn);
    for (let finished = 0; finished < items; finished++) {
      // The pool fills every free slot, and no more.
      await started(Math.min(items, finished + limit));
      expect(calls.filter((call) => !call.settled)).toHaveLength(Math.min(limit, items - finished));
      expect(gauge.inFlight).toBeLessThanOrEqual(limit);
      const call = pickers[finish]!(calls.filter((c) => !c.settled));
      call.resolve(`r${call.item}`);
    }
    await expect(result).resolves.toEqual(range(items).map((i) => `r${i}`));
    expect(calls.map((call) => call.index)).toEqual(range(items));
    expect(gauge.max).toBe(Math.min(limit, items));
  });

  it.each([1, 3])('empty input resolves to [] without calling fn (limit %i)', async (limit) => {
    const fn = jest.fn(async () => 'x');
    const each = jest.fn(async () => undefined);
    await expect(mapLimit([], limit, fn)).resolves.toEqual([]);
    await expect(forEachLimit([], limit, each)).resolves.toBeUndefined();
    expect(fn).not.toHaveBeenCalled();
    expect(each).not.toHaveBeenCalled();
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses the limit %p', async (limit) => {
    await expect(mapLimit([1], limit, async () => 1)).rejects.toThrow(RangeError);
  });

  it.each([
    { what: 'the first call rejects', items: 6, limit: 2, failing: 0, inFlight: [1] },
    { what: 'a later call rejects', items: 6, limit: 3, failing: 2, inFlight: [0, 1] },
    { what: 'the only call in flight rejects', items: 4, limit: 1, failing: 0, inFlight: [] }
  ])('$what: no new work starts, the calls in flight are awaited, then it rejects with that error', async ({ items, limit, failing, inFlight }) => {
    const { fn, calls, started } = handDriven();
    let settled = false;
    const result = mapLimit(range(items), limit, fn);
    void result.then(
      () => (settled = true),
      () => (settled = true)
    );
    await started(limit);
    const error = new Error(`call ${failing} failed`);
    calls[failing]!.reject(error);
    await flush();
    expect(calls).toHaveLength(limit);
    if (inFlight.length > 0) expect(settled).toBe(false);
    // A later failure of a call in flight is dropped; the first error is the one.
    for (const [n, index] of inFlight.entries()) {
      if (n === 0) calls[index]!.reject(new Error('later failure'));
      else calls[index]!.resolve('late');
      await flush();
    }
    await expect(result).rejects.toBe(error);
    expect(calls).toHaveLength(limit);
  });

  it('the first error in time wins, not the first in input order', async () => {
    const { fn, calls, started } = handDriven();
    const result = mapLimit(range(5), 2, fn);
    await started(2);
    const second = new Error('second item');
    calls[1]!.reject(second);
    await flush();
    calls[0]!.reject(new Error('first item'));
    await expect(result).rejects.toBe(second);
    expect(calls).toHaveLength(2);
  });

  it('a synchronous throw in fn counts as a rejection', async () => {
    const error = new Error('sync');
    const seen: number[] = [];
    const fn = (item: number): number => {
      seen.push(item);
      if (item === 1) throw error;
      return item;
    };
    await expect(mapLimit(range(5), 1, fn)).rejects.toBe(error);
    expect(seen).toEqual([0, 1]);
  });

  it('passes the index along with the item', async () => {
    await expect(mapLimit(['a', 'b', 'c'], 2, async (item, index) => `${index}${item}`)).resolves.toEqual(['0a', '1b', '2c']);
  });
});

describe('forEachLimit', () => {
  it('runs every item with the same limit and stops on the first error', async () => {
    const { fn, calls, gauge, started } = handDriven();
    const done = forEachLimit(range(5), 2, async (item, index) => void (await fn(item, index)));
    await started(2);
    calls[0]!.resolve('');
    await started(3);
    const error = new Error('stop');
    calls[2]!.reject(error);
    calls[1]!.resolve('');
    await expect(done).rejects.toBe(error);
    expect(calls.map((call) => call.item)).toEqual([0, 1, 2]);
    expect(gauge.max).toBe(2);
  });
});

describe('chunks', () => {
  it.each([
    { items: 0, size: 3, lengths: [] },
    { items: 5, size: 10, lengths: [5] },
    { items: 6, size: 3, lengths: [3, 3] },
    { items: 7, size: 3, lengths: [3, 3, 1] },
    { items: 250, size: 100, lengths: [100, 100, 50] }
  ])('$items items by $size', ({ items, size, lengths }) => {
    const cut = chunks(range(items), size);
    expect(cut.map((chunk) => chunk.length)).toEqual(lengths);
    expect(cut.flat()).toEqual(range(items));
    cut.forEach((chunk, i) => expect(chunk[0]).toBe(i * size));
  });

  it.each([0, -2, 2.5])('refuses the size %p', (size) => {
    expect(() => chunks([1, 2], size)).toThrow(RangeError);
  });
});
