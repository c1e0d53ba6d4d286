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
} from '../schemas/crm';

/**
 * The one way the product reaches a CRM. Batch-first: every write and lookup takes many
 * records, and the adapter splits them into the CRM's batch limits (HubSpot 100, Salesforce 200).
 * Failures are thrown as SyncError (whole call) or returned per record in WriteResult.
 */
export interface CrmAdapter {
  readonly provider: 'hubspot' | 'salesforce' | 'memory';

  /** Checks the credentials and returns which account they reach. */
  verifyConnection(): Promise<ConnectionInfo>;

  /** Exact lookup by email for many leads at once (lower-cased); missing emails are simply absent. */
  findContactsByEmail(emails: string[]): Promise<CrmContact[]>;

  /** Candidates for fuzzy dedup (phone, name + company), keyed by the query's `ref`. */
  findContactCandidates(queries: CandidateQuery[]): Promise<Map<string, CrmContact[]>>;

  /**
   * Creates or updates records of one type. Results come back in input order, one per input.
   * The same `key` never creates a second record (see each adapter for how).
   */
  upsertRecords(objectType: CrmObjectType, writes: RecordWrite[]): Promise<WriteResult[]>;

  /** The CRM's properties (fields) of an object type, for mapping validation and dropdowns. */
  listProperties(objectType: CrmObjectType): Promise<CrmProperty[]>;

  /** Creates a custom property ("Create in CRM"). */
  createProperty(objectType: CrmObjectType, definition: PropertyDefinition): Promise<CrmProperty>;

  /** Deal pipelines (Salesforce: one pipeline of opportunity stages). */
  listPipelines(): Promise<Pipeline[]>;

  /** Users who can own records (active only for round robin). */
  listOwners(): Promise<CrmOwner[]>;

  /** Records of a type changed at or after `since` (ISO), paged by `cursor`, for two-way sync. */
  listChanges(objectType: CrmObjectType, since: string, cursor: string | null): Promise<ChangePage>;

  /** A link to the record in the CRM's UI. */
  recordUrl(objectType: CrmObjectType, id: string): string;
}
