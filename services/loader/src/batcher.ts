/**
 * Collects items from concurrent callers and writes them in one flush; each
 * caller's promise settles when the flush that holds its item commits, so a
 * job only completes once its row is durable. When a batch fails, its items
 * are written one by one, so one bad item fails alone.
 */
export function createBatcher<T>(options: {
  maxSize: number;
  maxWaitMs: number;
  flush: (items: T[]) => Promise<void>;
}) {
  let pending: Array<{ item: T; resolve: () => void; reject: (error: unknown) => void }> = [];
  let timer: NodeJS.Timeout | undefined;

  const flushNow = async () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    try {
      await options.flush(batch.map((entry) => entry.item));
      for (const entry of batch) entry.resolve();
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      for (const entry of batch) {
        await options.flush([entry.item]).then(entry.resolve, entry.reject);
      }
    }
  };

  return {
    add(item: T): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        if (pending.length >= options.maxSize) void flushNow();
        else timer ??= setTimeout(() => void flushNow(), options.maxWaitMs);
      });
    },
    flush: flushNow,
  };
}
