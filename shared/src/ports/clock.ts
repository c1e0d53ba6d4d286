/** Time comes in through this port so retry schedules, windows and cursors can be tested exactly. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
