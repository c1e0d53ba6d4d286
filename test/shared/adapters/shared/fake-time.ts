import type { Clock } from '../../../../shared/src/ports/clock';
import type { Sleep } from '../../../../shared/src/adapters/shared/rate-limiter';

/**
 * A clock that only moves when someone sleeps: every sleep advances it by exactly the
 * requested time and is recorded, so pacing and retry schedules can be asserted exactly.
 */
export interface FakeTime {
  clock: Clock;
  sleep: Sleep;
  sleeps: number[];
  advance(ms: number): void;
}

export function fakeTime(startMs = Date.parse('2026-11-26T09:00:00.000Z')): FakeTime {
  let now = startMs;
  const sleeps: number[] = [];
  return {
    clock: { now: () => now },
    sleeps,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += Math.max(0, ms);
    },
    advance: (ms) => {
      now += ms;
    },
  };
}
