import type { EventStatus, EventStore } from '@synaptiq/shared';

const finished: ReadonlySet<EventStatus> = new Set(['synced', 'skipped', 'failed', 'dead']);

export interface AwaitEventOptions {
  timeoutMs: number;
  pollMs: number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Waits until the worker has run an event, or `timeoutMs` of polling passed, for callers that want the outcome
 * in the same answer (POST /v1/leads?wait=true). Returns the last status seen (`pending`/`processing` on timeout).
 */
export async function awaitEvent(events: Pick<EventStore, 'get'>, workspaceId: string, eventId: string, options: AwaitEventOptions): Promise<EventStatus | undefined> {
  const sleep = options.sleep ?? realSleep;
  for (let polls = Math.ceil(options.timeoutMs / options.pollMs); ; polls -= 1) {
    const status = (await events.get(workspaceId, eventId))?.status;
    if (status === undefined || finished.has(status) || polls <= 0) return status;
    await sleep(options.pollMs);
  }
}
