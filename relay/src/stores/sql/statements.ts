import type { CrmObjectType, SyncErrorJson } from '@synaptiq/shared';
import type { DeliveryOutcome } from '../delivery-rules';
import { leadKeyRange } from '../link-keys';
import { utcIso, utcIsoOrNull } from '../times';
import type { SqlParams } from './list-queries';
import { jsonText } from './row-schemas';

/** A statement both SQL dialects run as it is (`:name` placeholders); the stores differ only in how they run it. */
export interface Statement {
  sql: string;
  params: SqlParams;
}

export const eventStatements = {
  get: (workspaceId: string, eventId: string): Statement => ({
    sql: 'SELECT * FROM events WHERE workspace_id = :workspace_id AND event_id = :event_id',
    params: { workspace_id: workspaceId, event_id: eventId },
  }),

  /** Retried at `nextAttemptAt`, or dead-lettered when it is null; the lease ends either way. */
  fail: (workspaceId: string, eventId: string, error: SyncErrorJson, nextAttemptAt: string | null, now: string): Statement => {
    const next = utcIsoOrNull(nextAttemptAt, 'nextAttemptAt');
    return {
      sql: `UPDATE events SET status = :status, next_attempt_at = :next, lease_until = NULL, last_error = :error, updated_at = :at
            WHERE workspace_id = :workspace_id AND event_id = :event_id`,
      params: { status: next === null ? 'dead' : 'failed', next, error: jsonText(error), at: utcIso(now, 'now'), workspace_id: workspaceId, event_id: eventId },
    };
  },

  /** Ended events (synced, skipped) received before `before`. */
  prune: (before: string): Statement => ({
    sql: `DELETE FROM events WHERE status IN ('synced', 'skipped') AND received_at < :before`,
    params: { before: utcIso(before, 'before') },
  }),
};

export const leadStatements = {
  get: (workspaceId: string, leadId: string): Statement => ({
    sql: 'SELECT * FROM leads WHERE workspace_id = :workspace_id AND lead_id = :lead_id',
    params: { workspace_id: workspaceId, lead_id: leadId },
  }),
};

export const linkStatements = {
  /** Keys starting with `lead:<leadId>:`, as a key range on the primary key (link-keys.ts). */
  forLead: (workspaceId: string, leadId: string): Statement => ({
    sql: 'SELECT * FROM links WHERE workspace_id = :workspace_id AND key >= :from AND key < :to ORDER BY key',
    params: { workspace_id: workspaceId, ...leadKeyRange(leadId) },
  }),

  findByCrmId: (workspaceId: string, objectType: CrmObjectType, crmId: string): Statement => ({
    sql: 'SELECT * FROM links WHERE workspace_id = :workspace_id AND object_type = :object_type AND crm_id = :crm_id ORDER BY key LIMIT 1',
    params: { workspace_id: workspaceId, object_type: objectType, crm_id: crmId },
  }),
};

export const syncLogStatements = {
  prune: (before: string): Statement => ({ sql: 'DELETE FROM sync_log WHERE at < :before', params: { before: utcIso(before, 'before') } }),
};

export const deliveryStatements = {
  get: (workspaceId: string, id: string): Statement => ({
    sql: 'SELECT * FROM deliveries WHERE workspace_id = :workspace_id AND id = :id',
    params: { workspace_id: workspaceId, id },
  }),

  record: (id: string, outcome: DeliveryOutcome, now: string): Statement => ({
    sql: `UPDATE deliveries SET status = :status, response_status = :response_status, error = :error, next_attempt_at = :next_attempt_at,
            updated_at = :now WHERE id = :id`,
    params: {
      id,
      status: outcome.status,
      response_status: outcome.response_status,
      error: outcome.error,
      next_attempt_at: utcIsoOrNull(outcome.next_attempt_at, 'next_attempt_at'),
      now: utcIso(now, 'now'),
    },
  }),

  /** Pending, due now, with a fresh attempt count. */
  replay: (workspaceId: string, id: string, now: string): Statement => ({
    sql: `UPDATE deliveries SET status = 'pending', attempt = 0, next_attempt_at = :now, updated_at = :now
          WHERE workspace_id = :workspace_id AND id = :id`,
    params: { workspace_id: workspaceId, id, now: utcIso(now, 'now') },
  }),
};
