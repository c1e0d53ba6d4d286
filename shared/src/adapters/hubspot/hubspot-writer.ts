import { AssociationSpecAssociationCategoryEnum as V4Category } from '@hubspot/api-client/lib/codegen/crm/associations/v4';
import { z } from 'zod';
import { SyncError, toSyncError } from '../../errors';
import type { CrmObjectType, RecordWrite, WriteResult } from '../../schemas/crm';
import { batchResultSchema, type HubspotRecord } from './from-hubspot';
import { classifyBatchError } from './hubspot-errors';
import { rawJson, type HubspotTransport } from './hubspot-transport';
import type { RecentWrites } from './recent-writes';
import {
  associationPairs,
  batchLimit,
  chunk,
  hubspotObjectTypes,
  inlineAssociations,
  keyedObjectTypes,
  keyedProperties,
  keyProperty,
  matchEmail,
  toHubspotProperties,
} from './to-hubspot';
import { mergeDuplicates, WriteOutcome, type WriteItem } from './write-outcome';

export interface HubspotWriterDeps {
  transport: HubspotTransport;
  recent: RecentWrites;
  urlOf: (objectType: CrmObjectType, id: string) => string | undefined;
  nowMs: () => number;
}

const v4ResultsSchema = z.object({
  results: z
    .array(z.object({ fromObjectId: z.union([z.string(), z.number()]).transform(String), toObjectId: z.union([z.string(), z.number()]).transform(String) }))
    .default([]),
  errors: z.array(z.unknown()).optional(),
});

const errorContextSchema = z.object({ context: z.record(z.string(), z.array(z.string())).optional() });

/**
 * upsertRecords for HubSpot. Each record takes the cheapest path that cannot create twice:
 * - a known id: batch update (then v4 associations);
 * - a contact with an email (matched by it, or created with it) and no id: the core's email lookup did not find
 *   it. With associations, batch create with them inline and the email set (one call instead of upsert + v4);
 *   HubSpot holds one contact per email, so a create that collides (a retry, a contact made meanwhile) updates
 *   the contact the 409 names, or, when it names none, goes through upsert by email. Without associations,
 *   batch upsert with idProperty email. Two inputs of one email are merged into one input first;
 * - companies, deals, notes and meetings by our key (`synaptiq_key`, hasUniqueValue):
 *   without associations, batch upsert by the key; with associations, batch create with the
 *   associations inline (one call instead of upsert + one v4 call per target type). HubSpot refuses
 *   a second record with the same unique key, so a create that collides resolves the existing record
 *   (id from the 409 message, else a batch read by the key) and updates it instead;
 * - a contact without email or id: batch create (HubSpot has no key to make that idempotent).
 * Keys written lately by this process are updated by id without trying a create (search lags writes).
 */
export class HubspotRecordWriter {
  constructor(private readonly deps: HubspotWriterDeps) {}

  async write(objectType: CrmObjectType, writes: RecordWrite[]): Promise<WriteResult[]> {
    const outcome = new WriteOutcome(writes, objectType, this.deps.urlOf);
    const items = mergeDuplicates(writes, (write) => identity(objectType, write));
    const known: WriteItem[] = [];
    const byEmail: WriteItem[] = [];
    const emailCreates: WriteItem[] = [];
    const keyedUpserts: WriteItem[] = [];
    const keyedCreates: WriteItem[] = [];
    const plainCreates: WriteItem[] = [];
    for (const item of items) {
      const { write } = item;
      const remembered = keyedObjectTypes.has(objectType) ? this.deps.recent.get(objectType, write.key) : undefined;
      if (write.id ?? remembered) known.push({ ...item, write: { ...write, id: write.id ?? remembered } });
      else if (objectType === 'contact' && matchEmail(write)) (write.associations?.length ? emailCreates : byEmail).push(item);
      else if (!keyedObjectTypes.has(objectType)) plainCreates.push(item);
      else if (write.associations?.length) keyedCreates.push(item);
      else keyedUpserts.push(item);
    }
    await this.update(objectType, known, outcome, false);
    await this.upsertByEmail(byEmail, outcome);
    await this.createByEmail(emailCreates, outcome);
    await this.upsertByKey(objectType, keyedUpserts, outcome);
    await this.createByKey(objectType, keyedCreates, outcome);
    await this.createPlain(objectType, plainCreates, outcome);
    return outcome.results();
  }

  /** Runs `send` per batch of ≤ 100; a whole-batch failure is thrown or reported per record (see WriteOutcome). */
  private async inBatches(items: WriteItem[], outcome: WriteOutcome, send: (batch: WriteItem[]) => Promise<void>): Promise<void> {
    for (const batch of chunk(items, batchLimit)) {
      const stop = outcome.stopError;
      if (stop) {
        batch.forEach((item) => outcome.fail(item, stop));
        continue;
      }
      try {
        await send(batch);
      } catch (error) {
        outcome.failBatch(batch, toSyncError(error));
      }
    }
  }

  // https://developers.hubspot.com/docs/api/crm/understanding-the-crm#update-records (batch/update)
  private async update(objectType: CrmObjectType, items: WriteItem[], outcome: WriteOutcome, created: boolean): Promise<void> {
    const type = hubspotObjectTypes[objectType];
    const withChanges = items.filter((item) => Object.keys(item.write.properties).length > 0);
    // Nothing to change: the record stands as it is, only its associations may be new.
    for (const item of items) if (!withChanges.includes(item)) outcome.ok(item, requireId(item), created);
    await this.inBatches(withChanges, outcome, async (batch) => {
      const inputs = batch.map((item) => ({ id: requireId(item), properties: toHubspotProperties(item.write.properties) }));
      const answer = await this.deps.transport.send({ name: 'batch update', objectType: type }, (client) =>
        client.crm.objects.batchApi.updateWithHttpInfo(type, { inputs }),
      );
      this.settle(objectType, batch, answer, outcome, {
        resultFor: (record) => batch.find((item) => item.write.id === record.id),
        errorFor: (context) => batch.filter((item) => context.ids?.includes(requireId(item))),
        created: () => created,
      });
    });
    await this.associate(objectType, items, outcome);
  }

  // https://developers.hubspot.com/docs/api/crm/contacts#upsert-contacts (idProperty email)
  private async upsertByEmail(items: WriteItem[], outcome: WriteOutcome): Promise<void> {
    await this.inBatches(items, outcome, async (batch) => {
      const inputs = batch.map((item) => {
        const email = matchEmail(item.write) ?? '';
        return { idProperty: 'email', id: email, properties: { ...toHubspotProperties(item.write.properties), email } };
      });
      const answer = await this.deps.transport.send({ name: 'batch upsert by email', objectType: 'contacts' }, (client) =>
        client.crm.objects.batchApi.upsertWithHttpInfo('contacts', { inputs }),
      );
      this.settle('contact', batch, answer, outcome, {
        resultFor: (record) => batch.find((item) => matchEmail(item.write) === record.properties.email?.toLowerCase()),
        errorFor: (context) => batch.filter((item) => context.ids?.some((id) => id.toLowerCase() === matchEmail(item.write))),
        created: (record) => record._new ?? record.new ?? false,
      });
    });
    await this.associate('contact', items, outcome);
  }

  // https://developers.hubspot.com/docs/api/crm/contacts#create-contacts (batch/create, associations inline)
  private async createByEmail(items: WriteItem[], outcome: WriteOutcome): Promise<void> {
    const collided: Array<{ item: WriteItem; error: SyncError }> = [];
    const unnamed: WriteItem[] = [];
    await this.inBatches(items, outcome, async (batch) => {
      const inputs = batch.map((item) => ({
        properties: { ...toHubspotProperties(item.write.properties), email: matchEmail(item.write) ?? '' },
        associations: inlineAssociations('contact', item.write),
        objectWriteTraceId: item.write.key,
      }));
      let answer: unknown;
      try {
        answer = await this.createBatch('contact', inputs);
      } catch (thrown) {
        const error = toSyncError(thrown);
        // A whole-call 409 names one contact's id at most: let upsert by email sort out the batch.
        if (!isCollision(error)) throw error;
        unnamed.push(...batch);
        return;
      }
      this.settle('contact', batch, answer, outcome, {
        resultFor: (record) =>
          batch.find((item) => item.write.key === record.objectWriteTraceId) ??
          batch.find((item) => matchEmail(item.write) === record.properties.email?.toLowerCase()),
        errorFor: (context) => batch.filter((item) => context.objectWriteTraceId?.includes(item.write.key)),
        created: () => true,
        onError: (item, error) => (isCollision(error) ? (collided.push({ item, error }), true) : false),
      });
    });
    // The email is taken: update the contact holding it (and add the associations), as an upsert would. An
    // error handed to several inputs (it named none of them) cannot say whose id it holds: upsert those by email.
    const named: WriteItem[] = [];
    for (const { item, error } of collided) {
      const id = error.details.existingId;
      const own = collided.filter((other) => other.error === error).length === 1;
      if (typeof id === 'string' && own) named.push({ ...item, write: { ...item.write, id } });
      else unnamed.push(item);
    }
    await this.update('contact', named, outcome, false);
    await this.upsertByEmail(unnamed, outcome);
  }

  // https://developers.hubspot.com/docs/api/crm/understanding-the-crm#upsert-records (idProperty synaptiq_key)
  private async upsertByKey(objectType: CrmObjectType, items: WriteItem[], outcome: WriteOutcome): Promise<void> {
    const type = hubspotObjectTypes[objectType];
    await this.inBatches(items, outcome, async (batch) => {
      const inputs = batch.map((item) => ({ idProperty: keyProperty, id: item.write.key, properties: keyedProperties(item.write) }));
      const answer = await this.deps.transport.send({ name: 'batch upsert by key', objectType: type }, (client) =>
        client.crm.objects.batchApi.upsertWithHttpInfo(type, { inputs }),
      );
      this.settle(objectType, batch, answer, outcome, {
        resultFor: (record) => batch.find((item) => item.write.key === record.properties[keyProperty]),
        errorFor: (context) => batch.filter((item) => context.ids?.includes(item.write.key)),
        created: (record) => record._new ?? record.new ?? false,
      });
    });
  }

  // https://developers.hubspot.com/docs/api/crm/understanding-the-crm#create-records (batch/create, associations inline)
  private async createByKey(objectType: CrmObjectType, items: WriteItem[], outcome: WriteOutcome): Promise<void> {
    const collided: Array<{ item: WriteItem; error: SyncError }> = [];
    await this.inBatches(items, outcome, async (batch) => {
      const inputs = batch.map((item) => ({
        properties: keyedProperties(item.write),
        associations: inlineAssociations(objectType, item.write),
        objectWriteTraceId: item.write.key,
      }));
      const answer = await this.createBatch(objectType, inputs);
      this.settle(objectType, batch, answer, outcome, {
        resultFor: (record) => batch.find((item) => item.write.key === (record.objectWriteTraceId ?? record.properties[keyProperty])),
        errorFor: (context) => batch.filter((item) => context.objectWriteTraceId?.includes(item.write.key)),
        created: () => true,
        onError: (item, error) => (isCollision(error) ? (collided.push({ item, error }), true) : false),
      });
    });
    if (collided.length > 0) await this.updateCollided(objectType, collided, outcome);
  }

  /** A key that already has a record: find the record, then update it and add the associations. */
  private async updateCollided(objectType: CrmObjectType, collided: Array<{ item: WriteItem; error: SyncError }>, outcome: WriteOutcome): Promise<void> {
    const ids = new Map<string, string>();
    for (const { item, error } of collided) {
      const id = error.details.existingId;
      if (typeof id === 'string') ids.set(item.write.key, id);
    }
    const unknown = collided.filter(({ item }) => !ids.has(item.write.key));
    if (unknown.length > 0) {
      try {
        for (const [key, id] of await this.readIdsByKey(objectType, unknown.map(({ item }) => item.write.key))) ids.set(key, id);
      } catch (error) {
        unknown.forEach(({ item }) => outcome.fail(item, toSyncError(error)));
      }
    }
    const resolved: WriteItem[] = [];
    for (const { item, error } of collided) {
      const id = ids.get(item.write.key);
      if (id === undefined) {
        if (!outcome.has(item)) outcome.fail(item, error);
        continue;
      }
      resolved.push({ ...item, write: { ...item.write, id, properties: keyedProperties(item.write) } });
    }
    await this.update(objectType, resolved, outcome, false);
  }

  /** Ids of records holding these keys: batch read by the unique key property (reads the primary store, no search lag). */
  private async readIdsByKey(objectType: CrmObjectType, keys: string[]): Promise<Map<string, string>> {
    const type = hubspotObjectTypes[objectType];
    const found = new Map<string, string>();
    for (const part of chunk(keys, batchLimit)) {
      // https://developers.hubspot.com/docs/api/crm/understanding-the-crm#retrieve-records (batch/read, idProperty)
      const answer = await this.deps.transport.send({ name: 'batch read by key', objectType: type }, (client) =>
        client.crm.objects.batchApi.readWithHttpInfo(type, {
          idProperty: keyProperty,
          inputs: part.map((id) => ({ id })),
          properties: [keyProperty],
          propertiesWithHistory: [],
        }),
      );
      for (const record of batchResultSchema.parse(answer).results) {
        const key = record.properties[keyProperty];
        if (key) found.set(key, record.id);
      }
    }
    return found;
  }

  private async createPlain(objectType: CrmObjectType, items: WriteItem[], outcome: WriteOutcome): Promise<void> {
    await this.inBatches(items, outcome, async (batch) => {
      const inputs = batch.map((item) => ({
        properties: toHubspotProperties(item.write.properties),
        associations: inlineAssociations(objectType, item.write),
        objectWriteTraceId: item.write.key,
      }));
      const answer = await this.createBatch(objectType, inputs);
      const results = batchResultSchema.parse(answer).results;
      // Without trace ids in the answer, a complete answer is matched by position.
      const byPosition = results.length === batch.length && results.every((record) => record.objectWriteTraceId === undefined);
      this.settle(objectType, batch, answer, outcome, {
        resultFor: (record, position) => (byPosition ? batch[position] : batch.find((item) => item.write.key === record.objectWriteTraceId)),
        errorFor: (context) => batch.filter((item) => context.objectWriteTraceId?.includes(item.write.key)),
        created: () => true,
      });
    });
  }

  /** Batch create through the raw request: the SDK's create model drops `objectWriteTraceId` (see rawJson). */
  private createBatch(objectType: CrmObjectType, inputs: unknown[]): Promise<unknown> {
    const type = hubspotObjectTypes[objectType];
    return this.deps.transport.send({ name: 'batch create', objectType: type }, (client) =>
      rawJson(client, { method: 'POST', path: `/crm/v3/objects/${type}/batch/create`, body: { inputs } }),
    );
  }

  /**
   * Reads a 200/201/207 batch answer into the outcome: results by the given matcher, per-input
   * errors by their context (ids or objectWriteTraceId); an error naming no input applies to every
   * input of the batch left without a result.
   */
  private settle(
    objectType: CrmObjectType,
    batch: WriteItem[],
    answer: unknown,
    outcome: WriteOutcome,
    match: {
      /** `position` is the record's index in the answer's results. */
      resultFor: (record: HubspotRecord, position: number) => WriteItem | undefined;
      errorFor: (context: Record<string, string[]>) => WriteItem[];
      created: (record: HubspotRecord) => boolean;
      /** Returns true when it took the failed item over (collisions resolved later). */
      onError?: (item: WriteItem, error: SyncError) => boolean;
    },
  ): void {
    const parsed = batchResultSchema.parse(answer);
    const done = new Set<WriteItem>();
    for (const [position, record] of parsed.results.entries()) {
      const item = match.resultFor(record, position);
      if (item === undefined || done.has(item)) continue;
      done.add(item);
      outcome.ok(item, record.id, match.created(record));
      if (keyedObjectTypes.has(objectType)) this.deps.recent.remember(objectType, item.write.key, record.id);
    }
    const context = { objectType: hubspotObjectTypes[objectType], nowMs: this.deps.nowMs() };
    const unattributed: SyncError[] = [];
    for (const entry of parsed.errors ?? []) {
      const error = classifyBatchError(entry, context);
      const named = match.errorFor(errorContextSchema.safeParse(entry).data?.context ?? {}).filter((item) => !done.has(item));
      if (named.length === 0) unattributed.push(error);
      for (const item of named) {
        done.add(item);
        if (!match.onError?.(item, error)) outcome.fail(item, error);
      }
    }
    const fallback = unattributed[0];
    for (const item of batch) {
      if (done.has(item)) continue;
      const error = fallback ?? new SyncError('crm.transient', 'HubSpot returned no result for this record; it will be retried.');
      if (!match.onError?.(item, error)) outcome.fail(item, error);
    }
  }

  /** v4 associations for records written without them (update and upsert carry none); one call per target type. */
  private async associate(objectType: CrmObjectType, items: WriteItem[], outcome: WriteOutcome): Promise<void> {
    const written = items
      .filter((item) => item.write.associations?.length && outcome.succeeded(item))
      .map((item) => ({ item, id: this.writtenId(item, outcome) }));
    const itemById = new Map(written.map(({ item, id }) => [id, item]));
    const idByItem = new Map(written.map(({ item, id }) => [item, id]));
    const from = hubspotObjectTypes[objectType];
    for (const [target, pairs] of associationPairs(objectType, written.map(({ item, id }) => ({ id, write: item.write })))) {
      const to = hubspotObjectTypes[target];
      for (const part of chunk(pairs, batchLimit)) {
        const involved = [...new Set(part.map((pair) => itemById.get(pair.fromId)).filter((item) => item !== undefined))];
        try {
          // https://developers.hubspot.com/docs/api/crm/associations/v4#create-associations (batch/create)
          const answer = await this.deps.transport.send({ name: 'batch associate', objectType: from }, (client) =>
            client.crm.associations.v4.batchApi.createWithHttpInfo(from, to, {
              inputs: part.map((pair) => ({
                _from: { id: pair.fromId },
                to: { id: pair.toId },
                types: [{ associationCategory: V4Category.HubspotDefined, associationTypeId: pair.associationTypeId }],
              })),
            }),
          );
          const parsed = v4ResultsSchema.parse(answer);
          const made = new Set(parsed.results.map((result) => `${result.fromObjectId}>${result.toObjectId}`));
          const firstError = parsed.errors?.[0];
          const error = firstError
            ? classifyBatchError(firstError, { objectType: from, nowMs: this.deps.nowMs() })
            : new SyncError('crm.transient', `HubSpot did not confirm an association to a ${target}; it will be retried.`);
          for (const pair of part) {
            const item = itemById.get(pair.fromId);
            if (item && !made.has(`${pair.fromId}>${pair.toId}`)) outcome.fail(item, withRecordId(error, pair.fromId));
          }
        } catch (thrown) {
          // The records are written: report the failed association on them, with their ids, never throw.
          for (const item of involved) outcome.fail(item, withRecordId(toSyncError(thrown), idByItem.get(item) ?? ''));
        }
      }
    }
  }

  private writtenId(item: WriteItem, outcome: WriteOutcome): string {
    return outcome.idOf(item) ?? requireId(item);
  }
}

/** An association failure on a written record: the error says which record, so the caller can still link it. */
function withRecordId(error: SyncError, recordId: string): SyncError {
  return new SyncError(error.code, error.message, {
    details: { ...error.details, recordId },
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    cause: error,
  });
}

/** Which inputs name the same record. */
function identity(objectType: CrmObjectType, write: RecordWrite): string {
  if (write.id) return `id:${write.id}`;
  const email = objectType === 'contact' ? matchEmail(write) : undefined;
  return email ? `email:${email}` : `key:${write.key}`;
}

function requireId(item: WriteItem): string {
  if (!item.write.id) throw new SyncError('internal', `Record ${item.write.key} has no HubSpot id to update.`);
  return item.write.id;
}

/**
 * HubSpot refuses a second record with a unique value: a 409, or a validation error saying so (its exact
 * wording is unverified, hence the broad match; a false match only costs a read by key, which finds nothing).
 */
function isCollision(error: SyncError): boolean {
  return error.code === 'crm.conflict' || /already (exists|has that value|in use)|duplicate value|must be unique|unique value/i.test(error.message);
}
