import type { Request } from 'express';
import type { Api, SandboxContext } from './context';

export type FaultStatus = 423 | 429 | 500 | 502 | 503 | 504;

const isWrite = (method: string) => ['POST', 'PATCH', 'PUT', 'DELETE'].includes(method);

/**
 * Decides whether this request gets an injected fault instead of an answer: an outage window first,
 * then scripted faults (consumed in order), then the random 5xx share, then 423 on HubSpot writes.
 */
export function pickFault(ctx: SandboxContext, api: Api, req: Request): FaultStatus | null {
  const faults = ctx.config.faults;
  const now = ctx.clock.now();
  if (faults.outage && now >= faults.outage.start && now < faults.outage.end) return 503;
  const index = faults.next.findIndex(
    (f) => (f.api === 'any' || f.api === api) && (!f.pathPrefix || req.path.startsWith(f.pathPrefix)),
  );
  const scripted = faults.next[index];
  if (scripted) {
    scripted.times -= 1;
    if (scripted.times <= 0) faults.next.splice(index, 1);
    return scripted.status;
  }
  if (faults.errorRate > 0 && ctx.random() < faults.errorRate) return faults.serverErrorStatus;
  if (api === 'hubspot' && faults.lockedRate > 0 && isWrite(req.method) && ctx.random() < faults.lockedRate) return 423;
  return null;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
