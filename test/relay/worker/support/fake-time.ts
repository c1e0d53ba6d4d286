import type { Clock } from '@synaptiq/shared';
import type { Timers } from '../../../../relay/src/worker/types';

interface Pending {
  id: number;
  at: number;
  callback: () => void;
}

/**
 * A clock and timers that only move when a test says so. `advance` fires due timers in time order and,
 * after each, lets the async work they started settle (the `settle` callback, usually worker.idle()).
 */
export class FakeTime implements Clock, Timers {
  #now: number;
  #nextId = 1;
  #pending: Pending[] = [];

  constructor(start = Date.parse('2026-11-24T15:00:00Z')) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  iso(): string {
    return new Date(this.#now).toISOString();
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.#nextId++, at: this.#now + Math.max(0, ms), callback };
    this.#pending.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.#pending = this.#pending.filter((timer) => timer.id !== handle);
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  async advance(ms: number, settle: () => Promise<void>): Promise<void> {
    const target = this.#now + ms;
    await settle();
    for (;;) {
      const due = this.#pending.filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (due === undefined) break;
      this.#pending = this.#pending.filter((timer) => timer !== due);
      this.#now = Math.max(this.#now, due.at);
      due.callback();
      await settle();
    }
    this.#now = target;
  }
}
