import { SyncError, isSyncError } from '../../errors';
import type { CrmLogger } from '../shared/crm-logger';
import type { CrmAdapter } from '../../ports/crm-adapter';
import type {
  CandidateQuery,
  ChangePage,
  ConnectionInfo,
  CrmContact,
  CrmObjectType,
  CrmOwner,
  CrmProperty,
  Pipeline,
  PropertyDefinition,
  RecordWrite,
  WriteResult,
} from '../../schemas/crm';
import { chunk } from './batching';
import { candidateCondition, matchesCandidate } from './candidates';
import { readFields, toChangeRecord, toCrmContact, toCrmOwner, toCrmProperty, toPipeline } from './from-salesforce';
import type { ApiUsage, SalesforceApi } from './salesforce-api';
import { fromSalesforceErrors } from './salesforce-errors';
import {
  type SaveResult,
  describeSchema,
  opportunityStageSchema,
  saveResultsSchema,
  sfRecordSchema,
  toolingCreateSchema,
  userInfoSchema,
} from './salesforce-schemas';
import { type Soql, anyOf, dateTime, field, fields, soql } from './soql';
import { customFieldRequest } from './custom-field';
import { type PersonObject, type SObjectName, routeFor, sObjectFor, toSalesforceRecord } from './to-salesforce';
import { type CollectionBatch, type PreparedWrite, collectionBatches, collectionLimit, routeKey } from './write-batches';

/** Keep GET query URLs well under Salesforce's 16,384-character URI limit. */
const maxEncodedSoql = 12_000;

export interface SalesforceCrmAdapterDeps {
  api: SalesforceApi;
  personObject: PersonObject;
  logger: CrmLogger;
}

const encodedLength = (value: string): number => encodeURIComponent(value).length + 6;

/**
 * The CrmAdapter for Salesforce (REST API through jsforce). People are Leads, or Contacts when
 * configured; companies Accounts; deals Opportunities; notes Tasks; meetings Events.
 *
 * Idempotency: people are upserted by Email, or by their Synaptiq_Lead_Id__c when no email match is
 * wanted (a possible duplicate flagged for review); everything else by the Synaptiq_Key__c external id.
 * Email is not unique in Salesforce: when it matches several records, the oldest (CreatedDate, then
 * Id) is updated and the others are left alone, so a sync never fails on a duplicate the user made.
 */
export class SalesforceCrmAdapter implements CrmAdapter {
  readonly provider = 'salesforce' as const;

  constructor(private readonly deps: SalesforceCrmAdapterDeps) {}

  private get person(): PersonObject {
    return this.deps.personObject;
  }

  /** https://help.salesforce.com/s/articleView?id=sf.remoteaccess_using_userinfo_endpoint.htm */
  async verifyConnection(): Promise<ConnectionInfo> {
    const info = await this.deps.api.call({ method: 'GET', path: '/services/oauth2/userinfo' }, userInfoSchema);
    return { provider: 'salesforce', accountId: info.organization_id, accountName: info.preferred_username ?? info.name };
  }

  /**
   * `WHERE Email IN (…)`, ≤ 200 emails per query, queries bundled into Composite calls.
   * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_comparisonoperators.htm
   */
  async findContactsByEmail(emails: string[]): Promise<CrmContact[]> {
    const wanted = [...new Set(emails.map((email) => email.trim().toLowerCase()).filter(Boolean))];
    const batches = chunk(wanted, { maxItems: collectionLimit, maxWeight: maxEncodedSoql, weight: encodedLength });
    const pages = await this.deps.api.queryEach(
      batches.map((batch) => soql`SELECT ${this.personFields()} FROM ${field(this.person)} WHERE Email IN ${batch}${this.notConverted()} ORDER BY CreatedDate, Id`),
      sfRecordSchema,
      { sObject: this.person },
    );
    return pages.flat().map((record) => toCrmContact(record, this.person));
  }

  /** Up to 50 leads' phone and name keys per query (see candidates.ts), queries bundled like email lookups. */
  async findContactCandidates(queries: CandidateQuery[]): Promise<Map<string, CrmContact[]>> {
    const found = new Map<string, CrmContact[]>(queries.map((query) => [query.ref, []]));
    const searchable = queries.flatMap((query) => {
      const condition = candidateCondition(query, this.person);
      return condition ? [{ query, condition }] : [];
    });
    const batches = chunk(searchable, { maxItems: 50, maxWeight: maxEncodedSoql, weight: (item) => encodedLength(item.condition.text) });
    const pages = await this.deps.api.queryEach(
      batches.map((batch) => soql`SELECT ${this.personFields()} FROM ${field(this.person)} WHERE (${anyOf(batch.map((item) => item.condition))})${this.notConverted()} ORDER BY CreatedDate, Id`),
      sfRecordSchema,
      { sObject: this.person },
    );
    batches.forEach((batch, i) => {
      const contacts = (pages[i] ?? []).map((record) => toCrmContact(record, this.person));
      for (const { query } of batch) found.set(query.ref, contacts.filter((contact) => matchesCandidate(query, contact)));
    });
    return found;
  }

  private personFields(): Soql {
    return fields(readFields[this.person]);
  }

  /** Converted Leads are read-only history: never match them. */
  private notConverted(): Soql {
    return this.person === 'Lead' ? soql` AND IsConverted = false` : soql``;
  }

  async upsertRecords(objectType: CrmObjectType, writes: RecordWrite[]): Promise<WriteResult[]> {
    const sObject = sObjectFor(objectType, this.person);
    const prepared = writes.map((write, index) => this.prepare(sObject, write, index));
    const results = new Array<WriteResult>(writes.length);
    await this.saveAll(sObject, collectionBatches(prepared), results);
    if (this.person === sObject) await this.resolveAmbiguousEmails(sObject, prepared, results);
    return results;
  }

  private prepare(sObject: SObjectName, write: RecordWrite, index: number): PreparedWrite {
    const route = routeFor(write, sObject === this.person);
    const { body, dropped } = toSalesforceRecord(sObject, write, route, this.person);
    if (dropped.length > 0) this.deps.logger.info({ key: write.key, sObject, dropped }, 'salesforce associations not written');
    return { index, write, route, body };
  }

  /**
   * sObject Collections: update by Id, upsert by an external id field, or create, ≤ 200 records each;
   * several collections share Composite calls (see SalesforceApi.callEach).
   * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_update.htm
   * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_upsert.htm
   * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_create.htm
   */
  private async saveAll(sObject: SObjectName, batches: CollectionBatch[], results: WriteResult[]): Promise<void> {
    const requests = batches.map(({ keyField, batch }) => ({
      method: keyField === null ? ('POST' as const) : ('PATCH' as const),
      path: keyField === null || keyField === 'Id' ? '/composite/sobjects' : `/composite/sobjects/${sObject}/${keyField}`,
      body: { allOrNone: false, records: batch.map((item) => item.body) },
    }));
    const answers = await this.deps.api.callEach(requests, saveResultsSchema, { sObject });
    batches.forEach(({ batch }, i) => {
      const saved = answers[i] ?? [];
      if (saved.length !== batch.length) {
        throw new SyncError('crm.transient', `Salesforce answered ${saved.length} results for ${batch.length} ${sObject} records.`);
      }
      batch.forEach((item, j) => {
        results[item.index] = this.toWriteResult(item, saved[j], sObject);
      });
    });
  }

  private toWriteResult(item: PreparedWrite, saved: SaveResult | undefined, sObject: SObjectName): WriteResult {
    const { key } = item.write;
    if (saved?.success && saved.id) {
      return { key, ok: true, id: saved.id, created: saved.created ?? false, url: this.urlFor(sObject, saved.id) };
    }
    return { key, ok: false, error: fromSalesforceErrors(saved?.errors ?? [], { sObject }).toJSON() };
  }

  /**
   * Email matched several records (Salesforce: 300 Multiple Choices, or DUPLICATE_EXTERNAL_ID per
   * record in a collection). Update the oldest of them by Id, the record Salesforce's own merge
   * would keep as master, so the result does not depend on which duplicate a query returns first.
   */
  private async resolveAmbiguousEmails(sObject: SObjectName, prepared: PreparedWrite[], results: WriteResult[]): Promise<void> {
    const ambiguous = prepared.filter((item) => {
      const result = results[item.index];
      return item.route.kind === 'upsert' && item.route.externalIdField === 'Email' && isAmbiguous(result);
    });
    if (ambiguous.length === 0) return;
    const emails = [...new Set(ambiguous.map((item) => routeKey(item.route)))];
    const oldest = new Map<string, string>();
    for (const contact of await this.findContactsByEmail(emails)) {
      if (contact.email && !oldest.has(contact.email)) oldest.set(contact.email, contact.id);
    }
    const updates = ambiguous.flatMap((item) => {
      const id = oldest.get(routeKey(item.route));
      if (!id) return [];
      // Same fields, addressed by Id instead of Email (which matched several records).
      const { Email: _email, ...body } = item.body;
      return [{ ...item, route: { kind: 'update', id } as const, body: { ...body, id } }];
    });
    this.deps.logger.warn({ sObject, count: updates.length }, 'salesforce email matched several records; updated the oldest');
    await this.saveAll(sObject, collectionBatches(updates), results);
  }

  /** https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm */
  async listProperties(objectType: CrmObjectType): Promise<CrmProperty[]> {
    const sObject = sObjectFor(objectType, this.person);
    const describe = await this.deps.api.call({ method: 'GET', path: `/sobjects/${sObject}/describe` }, describeSchema, { sObject });
    return describe.fields.map(toCrmProperty);
  }

  /** https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_customfield.htm */
  async createProperty(objectType: CrmObjectType, definition: PropertyDefinition): Promise<CrmProperty> {
    const sObject = sObjectFor(objectType, this.person);
    const request = customFieldRequest(sObject, definition);
    try {
      await this.deps.api.call({ method: 'POST', path: '/tooling/sobjects/CustomField', body: request.body }, toolingCreateSchema, { sObject });
    } catch (error) {
      // Already there (Task and Event share Activity fields, or a second click): the field the caller wants exists.
      if (!(isSyncError(error) && error.details.salesforce_code === 'DUPLICATE_DEVELOPER_NAME')) throw error;
    }
    return request.property;
  }

  /** https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_opportunitystage.htm */
  async listPipelines(): Promise<Pipeline[]> {
    const rows = await this.deps.api.queryAll(
      soql`SELECT ApiName, MasterLabel, IsClosed, IsWon, SortOrder FROM OpportunityStage WHERE IsActive = true ORDER BY SortOrder`,
      opportunityStageSchema,
      { sObject: 'OpportunityStage' },
    );
    return [toPipeline(rows)];
  }

  /**
   * Active standard users (no integration, portal or guest users).
   * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_user.htm
   */
  async listOwners(): Promise<CrmOwner[]> {
    const users = await this.deps.api.queryAll(
      soql`SELECT Id, Name, Email, IsActive FROM User WHERE IsActive = true AND UserType = 'Standard' ORDER BY Name, Id`,
      sfRecordSchema,
      { sObject: 'User' },
    );
    return users.map(toCrmOwner);
  }

  /**
   * SystemModstamp >= since, ordered by (SystemModstamp, Id): records sharing a timestamp are all
   * read, and the caller's overlap window plus idempotent apply absorb re-reads. The cursor is
   * Salesforce's own nextRecordsUrl (a server-side query locator, valid for about 15 minutes).
   * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_query.htm
   */
  async listChanges(objectType: CrmObjectType, since: string, cursor: string | null): Promise<ChangePage> {
    const sObject = sObjectFor(objectType, this.person);
    if (cursor !== null && !/^\/services\/data\/v[\d.]+\/query\/[\w-]+$/.test(cursor)) {
      throw new SyncError('request.invalid', 'The change cursor is not a Salesforce query cursor; start again without one.');
    }
    const query = soql`SELECT ${fields(readFields[sObject])} FROM ${field(sObject)} WHERE SystemModstamp >= ${dateTime(since)} ORDER BY SystemModstamp, Id`;
    const page = await this.deps.api.queryPage(cursor === null ? query : null, cursor, sfRecordSchema, { sObject }).catch((error: unknown) => {
      // An expired locator: read the window again from `since`; applying changes is idempotent.
      if (cursor === null || !(isSyncError(error) && error.details.salesforce_code === 'INVALID_QUERY_LOCATOR')) throw error;
      return this.deps.api.queryPage(query, null, sfRecordSchema, { sObject });
    });
    return {
      records: page.records.map((record) => toChangeRecord(record, objectType, sObject)),
      nextCursor: page.done ? null : (page.nextRecordsUrl ?? null),
    };
  }

  /** The org's daily API usage as of the last answer (`Sforce-Limit-Info`), for dashboards and pacing decisions. */
  apiUsage(): ApiUsage | undefined {
    return this.deps.api.apiUsage();
  }

  recordUrl(objectType: CrmObjectType, id: string): string {
    return this.urlFor(sObjectFor(objectType, this.person), id);
  }

  private urlFor(sObject: SObjectName, id: string): string {
    return `${this.deps.api.instanceUrl}/lightning/r/${sObject}/${encodeURIComponent(id)}/view`;
  }
}

function isAmbiguous(result: WriteResult | undefined): boolean {
  if (!result || result.ok) return false;
  const code = result.error.details.salesforce_code;
  return code === 'DUPLICATE_EXTERNAL_ID' || code === 'MULTIPLE_CHOICES';
}
