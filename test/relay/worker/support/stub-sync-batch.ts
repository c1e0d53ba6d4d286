import { keys, noMatch, toSyncError } from '@synaptiq/shared';
import type { CrmObjectType, RecordWrite, StoredEvent } from '@synaptiq/shared';
import type { BatchInput, BatchOutcome, BatchRunner, OperationOutcome } from '../../../../relay/src/worker/types';

interface PlannedWrite {
  event: StoredEvent;
  objectType: CrmObjectType;
  key: string;
  properties: RecordWrite['properties'];
  associateWith: string | null;
}

/**
 * A stand-in for the core's syncBatch in worker unit tests: a contact per lead event and a meeting per
 * meeting event, one upsert call per object type for the whole batch, links remembered by key.
 */
export const stubSyncBatch: BatchRunner = async ({ crm, links, events, workspace }: BatchInput): Promise<BatchOutcome> => {
  const operations: OperationOutcome[] = [];
  const contacts: PlannedWrite[] = events.map((event) => ({
    event,
    objectType: 'contact',
    key: keys.contact(event.lead_id),
    properties: { email: event.payload.data.lead.email ?? null, synaptiq_lead_id: event.lead_id },
    associateWith: null,
  }));
  const meetings: PlannedWrite[] = events.flatMap((event) =>
    event.payload.type === 'meeting.booked'
      ? [{ event, objectType: 'meeting' as const, key: keys.meeting(event.lead_id, event.payload.data.meeting.id), properties: { title: 'Demo' }, associateWith: keys.contact(event.lead_id) }]
      : [],
  );
  for (const wave of [contacts, meetings]) {
    if (wave.length === 0) continue;
    const linked = await links.getMany(workspace.id, wave.flatMap((write) => [write.key, ...(write.associateWith ? [write.associateWith] : [])]));
    const objectType = wave[0]?.objectType ?? 'contact';
    try {
      const results = await crm.upsertRecords(
        objectType,
        wave.map((write) => {
          const association = write.associateWith ? linked.get(write.associateWith) : undefined;
          return {
            key: write.key,
            ...(linked.has(write.key) ? { id: linked.get(write.key)?.crm_id } : {}),
            properties: write.properties,
            ...(association ? { associations: [{ objectType: association.object_type, id: association.crm_id }] } : {}),
          };
        }),
      );
      await links.put(
        workspace.id,
        results.flatMap((result) => (result.ok ? [{ key: result.key, object_type: objectType, crm_id: result.id, url: result.url ?? null }] : [])),
      );
      wave.forEach((write, index) => {
        const result = results[index];
        operations.push(outcome(write, result?.ok ? { crmId: result.id, error: null } : { crmId: null, error: result && !result.ok ? result.error : null }));
      });
    } catch (error) {
      const json = toSyncError(error).toJSON();
      for (const write of wave) operations.push(outcome(write, { crmId: null, error: json }));
    }
  }
  return { operations, decisions: new Map(events.map((event) => [event.lead_id, noMatch])), ownerCursor: workspace.owner_cursor };
};

function outcome(write: PlannedWrite, result: { crmId: string | null; error: OperationOutcome['error'] }): OperationOutcome {
  return {
    eventId: write.event.event_id,
    leadId: write.event.lead_id,
    key: write.key,
    objectType: write.objectType,
    action: 'upsert',
    status: result.error === null ? 'success' : 'failed',
    crmId: result.crmId,
    url: result.crmId === null ? null : `https://crm.example/${write.objectType}/${result.crmId}`,
    error: result.error,
    reason: write.objectType === 'meeting' ? 'meeting booked' : 'lead captured',
    review: false,
  };
}
