import { z } from 'zod';
import { SyncError } from '../../errors';
import type { Clock } from '../../ports/clock';
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
  WriteWarning,
} from '../../schemas/crm';
import type { CrmLogger } from '../shared/crm-logger';
import {
  accountDetailsSchema,
  batchResultSchema,
  changedAt,
  type HubspotRecord,
  hubspotPipelineSchema,
  hubspotPropertySchema,
  ownersPageSchema,
  searchPageSchema,
  toCrmContact,
  toCrmOwner,
  toCrmProperty,
  toPipeline,
} from './from-hubspot';
import { assignCandidates, candidateKeys, packCandidateSearches } from './candidate-search';
import { checkedEnumerations, conformEnumerations } from './enumeration-values';
import {
  changeProperties,
  changesSearchBody,
  contactProperties,
  decodeChangeCursor,
  encodeChangeCursor,
  searchLimits,
  type SearchBody,
} from './hubspot-search';
import { rawJson, type HubspotTransport } from './hubspot-transport';
import { HubspotRecordWriter } from './hubspot-writer';
import { RecentWrites } from './recent-writes';
import { batchLimit, chunk, hubspotObjectTypes, objectTypeIds, propertyCreateBody } from './to-hubspot';
import { accountSetupTtlMs, propertyCacheTtlMs, TtlCache } from './ttl-cache';

/** Which HubSpot account the adapter writes to, for record links. */
export interface PortalInfo {
  portalId: string;
  /** app.hubspot.com, or app-eu1.hubspot.com for EU-hosted accounts. */
  uiDomain: string;
}

export interface HubspotCrmAdapterDeps {
  transport: HubspotTransport;
  clock: Clock;
  logger: CrmLogger;
  /** Known portal; otherwise looked up once (account-info) before the first call that needs links. */
  portal?: PortalInfo | undefined;
  recent?: RecentWrites | undefined;
}

/** Candidate searches page at most this far per packed body (2,000 records): past it the names are too common to help dedup. */
const maxCandidatePages = 10;
const maxOwnerPages = 100;

const propertiesSchema = z.object({ results: z.array(hubspotPropertySchema) });
const pipelinesSchema = z.object({ results: z.array(hubspotPipelineSchema) });

/** The CRM port on HubSpot's CRM v3/v4 APIs through @hubspot/api-client 14. */
export class HubspotCrmAdapter implements CrmAdapter {
  readonly provider = 'hubspot' as const;
  private portal: PortalInfo | null;
  private portalLookup: Promise<PortalInfo> | null = null;
  private readonly transport: HubspotTransport;
  private readonly writer: HubspotRecordWriter;
  private readonly properties: TtlCache<CrmObjectType, CrmProperty[]>;
  private readonly pipelines: TtlCache<'deals', Pipeline[]>;
  private readonly owners: TtlCache<'owners', CrmOwner[]>;

  constructor(private readonly deps: HubspotCrmAdapterDeps) {
    this.transport = deps.transport;
    this.properties = new TtlCache(deps.clock, propertyCacheTtlMs, (objectType) => this.listProperties(objectType));
    this.pipelines = new TtlCache(deps.clock, accountSetupTtlMs, () => this.readPipelines());
    this.owners = new TtlCache(deps.clock, accountSetupTtlMs, () => this.readOwners());
    this.portal = deps.portal ?? null;
    this.writer = new HubspotRecordWriter({
      transport: deps.transport,
      recent: deps.recent ?? new RecentWrites(deps.clock),
      urlOf: (objectType, id) => (this.portal ? this.urlIn(this.portal, objectType, id) : undefined),
      nowMs: () => deps.clock.now(),
    });
  }

  async verifyConnection(): Promise<ConnectionInfo> {
    const portal = await this.lookUpPortal();
    return { provider: 'hubspot', accountId: portal.portalId, accountName: portal.uiDomain };
  }

  async findContactsByEmail(emails: string[]): Promise<CrmContact[]> {
    await this.ensurePortal();
    const unique = [...new Set(emails.map((email) => email.trim().toLowerCase()).filter((email) => email !== ''))];
    const found: CrmContact[] = [];
    for (const part of chunk(unique, batchLimit)) {
      // Batch read by idProperty email reads the primary store (search lags): https://developers.hubspot.com/docs/api/crm/contacts#retrieve-contacts
      const answer = await this.transport.send({ name: 'batch read contacts by email', objectType: 'contacts' }, (client) =>
        client.crm.objects.batchApi.readWithHttpInfo('contacts', {
          idProperty: 'email',
          inputs: part.map((id) => ({ id })),
          properties: contactProperties,
          propertiesWithHistory: [],
        }),
      );
      // A 207 lists the emails with no contact: absent, as the port says.
      found.push(...batchResultSchema.parse(answer).results.map(toCrmContact));
    }
    return found;
  }

  /**
   * Candidates for many leads in few searches: the leads' phones and names go into `IN` filters,
   * packed up to HubSpot's body limit (see candidate-search.ts), each search paged through; the
   * records found are then handed back to each query by normalised phone and name. About 80 leads
   * share one search, against 5 searches per second per account.
   */
  async findContactCandidates(queries: CandidateQuery[]): Promise<Map<string, CrmContact[]>> {
    await this.ensurePortal();
    const keys = queries.map(candidateKeys);
    const found = new Map<string, HubspotRecord>();
    for (const first of packCandidateSearches(keys)) {
      let body: SearchBody = first;
      for (let page = 1; ; page += 1) {
        const result = await this.search('contacts', body, 'candidate search');
        for (const record of result.results) if (!found.has(record.id)) found.set(record.id, record);
        const after = result.paging?.next?.after;
        if (!after) break;
        if (page >= maxCandidatePages) {
          // Thousands of people share these surnames: the rest would not sharpen dedup enough to pay for the searches.
          this.deps.logger.warn({ pages: page, total: result.total }, 'candidate search stopped paging; some same-surname contacts were not compared');
          break;
        }
        body = { ...first, after };
      }
    }
    const assigned = assignCandidates(keys, [...found.values()]);
    return new Map(queries.map((query) => [query.ref, (assigned.get(query.ref) ?? []).map(toCrmContact)]));
  }

  /**
   * Writes records in batches (see HubspotRecordWriter). Free-text values of checked enumerations
   * (company industry) are first turned into option values; one that fits no option is dropped from
   * its write and reported in that result's `warnings`, so the record is still written.
   */
  async upsertRecords(objectType: CrmObjectType, writes: RecordWrite[]): Promise<WriteResult[]> {
    if (writes.length === 0) return [];
    await this.ensurePortal();
    const conformed = await this.conformEnumerations(objectType, writes);
    // A refused deal may name a pipeline, stage or owner removed in HubSpot since they were read.
    const results = await this.writer.write(objectType, conformed.writes).catch((error: unknown) => {
      if (objectType === 'deal') this.forgetAccountSetup();
      throw error;
    });
    if (objectType === 'deal' && results.some((result) => !result.ok)) this.forgetAccountSetup();
    return results.map((result, index) => {
      const warnings = conformed.warnings.get(index);
      return warnings && result.ok ? { ...result, warnings } : result;
    });
  }

  private async conformEnumerations(objectType: CrmObjectType, writes: RecordWrite[]) {
    const checked = checkedEnumerations[objectType] ?? [];
    const unchanged = { writes, warnings: new Map<number, WriteWarning[]>() };
    // The properties call is paid only by writes that carry a checked enumeration.
    if (!writes.some((write) => checked.some((name) => write.properties[name] !== undefined))) return unchanged;
    let properties: CrmProperty[];
    try {
      properties = await this.properties.get(objectType);
    } catch (error) {
      // Unchecked is what we did before: HubSpot itself still refuses a value outside the options.
      this.deps.logger.warn({ objectType, error: error instanceof Error ? error.message : String(error) }, 'could not list HubSpot properties to check enumeration values');
      return unchanged;
    }
    const conformed = conformEnumerations(objectType, writes, properties);
    for (const warning of [...conformed.warnings.values()].flat()) {
      this.deps.logger.warn({ objectType, property: warning.property, value: warning.value }, warning.message);
    }
    return conformed;
  }

  async listProperties(objectType: CrmObjectType): Promise<CrmProperty[]> {
    const type = hubspotObjectTypes[objectType];
    // https://developers.hubspot.com/docs/api/crm/properties#retrieve-properties
    const answer = await this.transport.send({ name: 'list properties', objectType: type }, (client) =>
      client.crm.properties.coreApi.getAllWithHttpInfo(type, false),
    );
    return propertiesSchema.parse(answer).results.map(toCrmProperty);
  }

  async createProperty(objectType: CrmObjectType, definition: PropertyDefinition): Promise<CrmProperty> {
    const type = hubspotObjectTypes[objectType];
    try {
      // https://developers.hubspot.com/docs/api/crm/properties#create-a-property
      const answer = await this.transport.send({ name: 'create property', objectType: type }, (client) =>
        client.crm.properties.coreApi.createWithHttpInfo(type, propertyCreateBody(objectType, definition)),
      );
      return toCrmProperty(hubspotPropertySchema.parse(answer));
    } catch (error) {
      // "Create in CRM" clicked twice: the property is there, which is what was asked for.
      if (!(error instanceof SyncError) || error.code !== 'crm.conflict') throw error;
      const existing = (await this.listProperties(objectType)).find((property) => property.name === definition.name);
      if (existing === undefined) throw error;
      return existing;
    }
  }

  /** Cached for a few minutes (accountSetupTtlMs): every batch that may write deals asks. */
  async listPipelines(): Promise<Pipeline[]> {
    return [...(await this.pipelines.get('deals'))];
  }

  /** Active owners, cached like the pipelines. */
  async listOwners(): Promise<CrmOwner[]> {
    return [...(await this.owners.get('owners'))];
  }

  private forgetAccountSetup(): void {
    this.pipelines.invalidate();
    this.owners.invalidate();
  }

  private async readPipelines(): Promise<Pipeline[]> {
    // https://developers.hubspot.com/docs/api/crm/pipelines#retrieve-pipelines
    const answer = await this.transport.send({ name: 'list deal pipelines', objectType: 'deals' }, (client) =>
      client.crm.pipelines.pipelinesApi.getAllWithHttpInfo('deals'),
    );
    return pipelinesSchema
      .parse(answer)
      .results.filter((pipeline) => pipeline.archived !== true)
      .sort((a, b) => (a.displayOrder ?? 0) - (b.displayOrder ?? 0))
      .map(toPipeline);
  }

  private async readOwners(): Promise<CrmOwner[]> {
    const owners: CrmOwner[] = [];
    let after: string | undefined;
    for (let page = 0; page < maxOwnerPages; page += 1) {
      // Archived owners are left out by the query itself: https://developers.hubspot.com/docs/api/crm/owners
      const answer = await this.transport.send({ name: 'list owners' }, (client) =>
        client.crm.owners.ownersApi.getPageWithHttpInfo(undefined, after, batchLimit, false),
      );
      const parsed = ownersPageSchema.parse(answer);
      for (const raw of parsed.results) {
        const owner = toCrmOwner(raw);
        if (owner?.active) owners.push(owner);
      }
      after = parsed.paging?.next?.after;
      if (!after) break;
    }
    return owners;
  }

  /**
   * One page (≤ 200) of records modified at or after `since`, in id order. The cursor is the last id
   * seen; each page is a fresh search `modified ≥ since AND hs_object_id > cursor`, so HubSpot's
   * 10,000-results-per-query cap never applies and ties on the timestamp cannot drop records (see
   * changesSearchBody). The caller should start its next window from when this scan began, minus an
   * overlap, and apply changes idempotently.
   */
  async listChanges(objectType: CrmObjectType, since: string, cursor: string | null): Promise<ChangePage> {
    const sinceMs = Date.parse(since);
    if (Number.isNaN(sinceMs)) throw new SyncError('internal', `listChanges needs an ISO timestamp, got "${since}".`);
    await this.ensurePortal();
    const type = hubspotObjectTypes[objectType];
    const body = changesSearchBody(objectType, sinceMs, decodeChangeCursor(cursor), changeProperties[objectType]);
    const page = await this.search(type, body, 'changes search');
    const records = page.results.map((record) => ({
      id: record.id,
      objectType,
      updatedAt: changedAt(objectType, record),
      properties: { ...record.properties },
    }));
    const last = records.at(-1);
    const more = last !== undefined && (page.paging?.next !== undefined || records.length >= searchLimits.pageSize);
    return { records, nextCursor: more ? encodeChangeCursor(last.id) : null };
  }

  recordUrl(objectType: CrmObjectType, id: string): string {
    if (this.portal === null) {
      throw new SyncError('internal', 'The HubSpot portal is not known yet: call verifyConnection (or any lookup) before building record links.');
    }
    return this.urlIn(this.portal, objectType, id);
  }

  private urlIn(portal: PortalInfo, objectType: CrmObjectType, id: string): string {
    return `https://${portal.uiDomain}/contacts/${portal.portalId}/record/${objectTypeIds[objectType]}/${encodeURIComponent(id)}`;
  }

  // https://developers.hubspot.com/docs/api/crm/search (its own 5 requests/s bucket)
  private async search(type: string, body: SearchBody, name: string) {
    const answer = await this.transport.send({ name, objectType: type, search: true }, (client) =>
      // The SDK types `sorts` as strings, which is the form used here ("hs_object_id", "-createdate").
      client.crm.objects.searchApi.doSearchWithHttpInfo(type, body),
    );
    return searchPageSchema.parse(answer);
  }

  private async ensurePortal(): Promise<PortalInfo> {
    return this.portal ?? this.lookUpPortal();
  }

  /** https://developers.hubspot.com/docs/api/settings/account-information-api (GET /account-info/v3/details) */
  private lookUpPortal(): Promise<PortalInfo> {
    this.portalLookup ??= this.transport
      .send({ name: 'account details' }, (client) => rawJson(client, { method: 'GET', path: '/account-info/v3/details' }))
      .then((answer) => {
        const details = accountDetailsSchema.parse(answer);
        const portal = { portalId: String(details.portalId), uiDomain: details.uiDomain ?? 'app.hubspot.com' };
        this.portal = portal;
        return portal;
      })
      .finally(() => {
        this.portalLookup = null;
      });
    return this.portalLookup;
  }
}
