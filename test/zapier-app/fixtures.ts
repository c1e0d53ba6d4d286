import { leadSample } from '../../zapier-app/src/samples/lead';

/** Relay answers as the nock tests serve them (shapes from docs/api-contract: LeadView, lists, errors). */

/** A LeadView: the app's own sample (a synced, qualified lead), with the fields a test cares about changed. */
export const leadView = (overrides: Record<string, unknown> = {}) => ({ ...leadSample, ...overrides });

export const page = <T>(data: T[], nextCursor: string | null = null) => ({ data, next_cursor: nextCursor });
