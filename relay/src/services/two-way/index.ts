export { createTwoWayPoller, pollDueAt } from './two-way-poller';
export type { TwoWayPoller, TwoWayPollerDeps } from './two-way-poller';
export { pollWorkspace, objectsToRead } from './poll-workspace';
export type { PollDeps, PollSummary } from './poll-workspace';
export { defaultOverlapMs } from './pull-cursor';
