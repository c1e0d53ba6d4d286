import type { HookRequest, HookResponse, HookTransport } from '../../../../relay/src/delivery';

export interface SentHook extends HookRequest {
  at: number;
}

/** A transport that records each request with the (fake) time it was sent and answers from a script (200 when it runs out). */
export function fakeTransport(now: () => number): { transport: HookTransport; sent: SentHook[]; answers: Array<Partial<HookResponse>>; maxInFlight(): number } {
  const sent: SentHook[] = [];
  const answers: Array<Partial<HookResponse>> = [];
  let inFlight = 0;
  let most = 0;
  const transport: HookTransport = async (request) => {
    inFlight += 1;
    most = Math.max(most, inFlight);
    sent.push({ ...request, at: now() });
    // Yield, so deliveries sent together are in flight together.
    await new Promise((resolve) => setImmediate(resolve));
    inFlight -= 1;
    const answer = answers.shift() ?? {};
    return { status: 200, retryAfter: null, error: null, ...answer };
  };
  return { transport, sent, answers, maxInFlight: () => most };
}
