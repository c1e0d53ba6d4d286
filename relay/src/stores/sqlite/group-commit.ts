/** One write waiting for the group's COMMIT: its synchronous work, and the promise to settle. */
interface PendingWrite {
  work(): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Writes per transaction: bounds the time the event loop spends in one COMMIT's batch. */
export const maxGroupSize = 256;

/**
 * Group commit: writes queued within one event-loop turn run in ONE transaction (one fsync with
 * synchronous=FULL), and each write's promise settles only after that COMMIT returned, so every
 * resolved write is as durable as an autocommit one. A lone write waits at most one turn
 * (setImmediate runs right after the I/O callbacks that queued it). If the transaction fails,
 * it is rolled back and every write of the group rejects: none of them was stored.
 */
export class GroupCommit {
  #queue: PendingWrite[] = [];
  #scheduled = false;

  /** `transaction` runs its callback between BEGIN and COMMIT (see SqliteDatabase.transaction). */
  constructor(private readonly transaction: (work: () => void) => void) {}

  /** Queues `work` (synchronous, run inside the group's transaction); resolves with its result after COMMIT. */
  write<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything queued now, in groups of at most maxGroupSize (also called before the database closes). */
  flush(): void {
    this.#scheduled = false;
    while (this.#queue.length > 0) this.#commit(this.#queue.splice(0, maxGroupSize));
  }

  #commit(group: PendingWrite[]): void {
    const results: unknown[] = [];
    try {
      this.transaction(() => {
        for (const pending of group) results.push(pending.work());
      });
    } catch (error) {
      for (const pending of group) pending.reject(error);
      return;
    }
    group.forEach((pending, index) => pending.resolve(results[index]));
  }
}
