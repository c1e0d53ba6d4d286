import assert from 'node:assert/strict';
import nock from 'nock';
import { startSandbox, type RunningSandbox } from '@synaptiq/sandbox-crm';
import { createHubspotAdapter, HubspotPortalRegistry } from '../../../../shared/src/adapters/hubspot/create-hubspot-adapter';
import type { HubspotCrmAdapter } from '../../../../shared/src/adapters/hubspot/hubspot-crm-adapter';
import { errorCodes, type SyncError, type SyncErrorJson } from '../../../../shared/src/errors';
import type { CrmObjectType, CrmProperties, RecordWrite, WriteResult } from '../../../../shared/src/schemas/crm';
import { fakeTime, type FakeTime } from '../shared/fake-time';
import { crmConnectionSchema } from '../../../../shared/src/schemas/settings';
import { privateAppConnection } from './helpers';

/**
 * Contract tests: the adapter, on the unmodified SDK, against the sandbox CRM (basePath = its URL),
 * for every port operation. The sandbox shares the fake clock, so rate-limit windows are exact.
 */

const keyed: CrmObjectType[] = ['company', 'deal', 'note', 'meeting'];
const createProperties: Record<'deal' | 'note' | 'meeting', CrmProperties> = {
  deal: { dealname: 'Bob - X', pipeline: 'default', dealstage: 'appointmentscheduled' },
  note: { hs_timestamp: '2026-11-26T09:00:00.000Z', hs_note_body: 'Talked' },
  meeting: { hs_timestamp: '2026-11-26T09:00:00.000Z', hs_meeting_title: 'Demo', hs_meeting_start_time: '2026-11-27T09:00:00.000Z', hs_meeting_end_time: '2026-11-27T09:30:00.000Z' },
};
const idOf = (result: WriteResult | undefined): string => {
  if (!result?.ok) throw new Error(`write failed: ${JSON.stringify(result)}`);
  return result.id;
};

describe('HubspotCrmAdapter against the sandbox CRM (contract)', () => {
  let sandbox: RunningSandbox;
  let time: FakeTime;
  let adapter: HubspotCrmAdapter;
  const newAdapter = (rate = 100) =>
    createHubspotAdapter({
      connection: privateAppConnection({ rate_limit_per_10s: rate }),
      basePath: sandbox.url,
      clock: time.clock,
      registry: new HubspotPortalRegistry(),
      retry: { sleep: time.sleep, random: () => 0.5 },
    });
  const calls = (endpoint: string): number => sandbox.inspect().calls[endpoint] ?? 0;

  before(async () => {
    nock.enableNetConnect('127.0.0.1');
    time = fakeTime();
    sandbox = await startSandbox({ port: 0, clock: time.clock, config: { hubspot: { tier: 'starter' } } });
  });
  after(async () => {
    await sandbox.close();
  });
  beforeEach(async () => {
    sandbox.reset();
    time.advance(60_000);
    adapter = newAdapter();
    for (const objectType of keyed) {
      await adapter.createProperty(objectType, { name: 'synaptiq_key', label: 'Synaptiq key', type: 'string', unique: true });
    }
  });

  it('verifies the connection and builds record links for the portal', async () => {
    assert.deepEqual(await adapter.verifyConnection(), { provider: 'hubspot', accountId: '44556677', accountName: 'app.hubspot.com' });
    assert.equal(adapter.recordUrl('contact', '5'), 'https://app.hubspot.com/contacts/44556677/record/0-1/5');
  });

  it('lists properties, including the key created as unique', async () => {
    const properties = await adapter.listProperties('deal');
    assert.deepEqual(properties.find((p) => p.name === 'synaptiq_key'), { name: 'synaptiq_key', label: 'Synaptiq key', type: 'string', custom: true, readOnly: false });
    assert.equal(properties.find((p) => p.name === 'dealstage')?.custom, false);
  });

  it('returns the existing property when it is created twice', async () => {
    const again = await adapter.createProperty('company', { name: 'synaptiq_key', label: 'Synaptiq key', type: 'string', unique: true });
    assert.equal(again.name, 'synaptiq_key');
  });

  it('creates number, bool, date and enumeration properties the sandbox accepts', async () => {
    for (const type of ['number', 'bool', 'date', 'datetime', 'phone_number'] as const) {
      const created = await adapter.createProperty('contact', { name: `synaptiq_${type}`, label: type, type });
      assert.equal(created.name, `synaptiq_${type}`);
    }
  });

  it('lists deal pipelines with stage ids and labels', async () => {
    const pipelines = await adapter.listPipelines();
    const sales = pipelines.find((p) => p.label === 'Sales Pipeline');
    assert.equal(sales?.id, 'default');
    assert.ok(sales?.stages.some((stage) => stage.closedWon === true));
  });

  it('lists owners without the queue', async () => {
    const owners = await adapter.listOwners();
    assert.ok(owners.length > 0);
    assert.ok(owners.every((owner) => owner.active && !/queue/i.test(owner.name)));
  });

  it('upserts contacts by email, associates them with their company, and finds them by email', async () => {
    const [company] = await adapter.upsertRecords('company', [{ key: 'company:acme', properties: { name: 'Acme', domain: 'acme.com' } }]);
    const companyId = idOf(company);
    const [first] = await adapter.upsertRecords('contact', [
      { key: 'lead:1:contact', matchBy: { field: 'email', value: 'Ann@Acme.com' }, properties: { firstname: 'Ann' }, associations: [{ objectType: 'company', id: companyId }] },
    ]);
    const [second] = await adapter.upsertRecords('contact', [{ key: 'lead:1:contact', matchBy: { field: 'email', value: 'ann@acme.com' }, properties: { lastname: 'Lee' } }]);

    assert.equal(first?.ok && first.created, true);
    assert.equal(second?.ok && second.created, false);
    assert.equal(idOf(second), idOf(first));
    assert.deepEqual(sandbox.state.hubspot.associationsOf('contacts', idOf(first), 'companies').map((edge) => edge.toId), [companyId]);
    const found = await adapter.findContactsByEmail(['ANN@acme.com', 'nobody@acme.com']);
    assert.deepEqual(found.map((c) => [c.id, c.email, c.firstName, c.lastName]), [[idOf(first), 'ann@acme.com', 'Ann', 'Lee']]);
  });

  it('upserts 250 contacts in three calls', async () => {
    const writes: RecordWrite[] = Array.from({ length: 250 }, (_, i) => ({ key: `k${i}`, matchBy: { field: 'email', value: `p${i}@x.com` }, properties: { firstname: `P${i}` } }));
    const results = await adapter.upsertRecords('contact', writes);
    assert.equal(results.filter((r) => r.ok && r.created).length, 250);
    assert.equal(calls('POST /crm/v3/objects/contacts/batch/upsert'), 3);
  });

  for (const objectType of ['deal', 'note', 'meeting'] as const) {
    it(`never creates a second ${objectType} for the same key, even from a fresh process`, async () => {
      const [contact] = await adapter.upsertRecords('contact', [{ key: 'c', matchBy: { field: 'email', value: 'bob@x.com' }, properties: {} }]);
      const properties = createProperties[objectType];
      const write: RecordWrite = { key: `lead:1:${objectType}`, properties, associations: [{ objectType: 'contact', id: idOf(contact) }] };

      const [created] = await adapter.upsertRecords(objectType, [write]);
      const [retried] = await newAdapter().upsertRecords(objectType, [write]);

      assert.equal(created?.ok && created.created, true);
      assert.deepEqual(retried && { ok: retried.ok, created: retried.ok && retried.created, id: idOf(retried) }, { ok: true, created: false, id: idOf(created) });
      assert.equal(sandbox.inspect().records.hubspot[`${objectType}s`], 1);
      assert.equal(sandbox.state.hubspot.associationsOf(`${objectType}s` as never, idOf(created), 'contacts').length, 1);
    });
  }

  it('writes 1,000 leads (company, contact with its company, deal and note) in 40 calls', async () => {
    await adapter.verifyConnection();
    const before = Object.values(sandbox.inspect().calls).reduce((sum, n) => sum + n, 0);
    const leads = Array.from({ length: 1000 }, (_, i) => i);
    const companies = await adapter.upsertRecords('company', leads.map((i) => ({ key: `company:${i}`, properties: { name: `Co ${i}` } })));
    const contacts = await adapter.upsertRecords(
      'contact',
      leads.map((i) => ({
        key: `lead:${i}:contact`,
        matchBy: { field: 'email' as const, value: `lead${i}@co${i}.com` },
        properties: { firstname: `L${i}` },
        associations: [{ objectType: 'company' as const, id: idOf(companies[i]) }],
      })),
    );
    const associated = (i: number) => [
      { objectType: 'contact' as const, id: idOf(contacts[i]) },
      { objectType: 'company' as const, id: idOf(companies[i]) },
    ];
    const deals = await adapter.upsertRecords(
      'deal',
      leads.map((i) => ({ key: `lead:${i}:deal`, properties: createProperties.deal, associations: associated(i) })),
    );
    const notes = await adapter.upsertRecords(
      'note',
      leads.map((i) => ({ key: `lead:${i}:note`, properties: createProperties.note, associations: [...associated(i), { objectType: 'deal' as const, id: idOf(deals[i]) }] })),
    );
    const after = Object.values(sandbox.inspect().calls).reduce((sum, n) => sum + n, 0);
    assert.equal([companies, contacts, deals, notes].flat().filter((result) => result.ok).length, 4000);
    assert.equal(after - before, 40);
  });

  it('writes a free-text industry as one of the enumeration\'s options, and a company with an unknown one without it', async () => {
    const results = await adapter.upsertRecords('company', [
      { key: 'company:soft', properties: { name: 'Soft', industry: 'Software' } },
      { key: 'company:it', properties: { name: 'IT', industry: 'information technology and services' } },
      { key: 'company:odd', properties: { name: 'Odd', industry: 'Widgets' } },
    ]);
    const stored = results.map((result) => sandbox.state.hubspot.recordsOf('companies').get(idOf(result))?.properties.industry);
    assert.deepEqual(stored, ['COMPUTER_SOFTWARE', 'INFORMATION_TECHNOLOGY_AND_SERVICES', undefined]);
    assert.deepEqual(results.map((result) => (result.ok ? (result.warnings ?? []).map((warning) => warning.value) : 'failed')), [[], [], ['Widgets']]);
  });

  it('updates records by id', async () => {
    const [company] = await adapter.upsertRecords('company', [{ key: 'company:x', properties: { name: 'X' } }]);
    const [updated] = await adapter.upsertRecords('company', [{ key: 'company:x', id: idOf(company), properties: { name: 'X Corp' } }]);
    assert.deepEqual(updated && { ok: updated.ok, created: updated.ok && updated.created }, { ok: true, created: false });
    assert.equal(sandbox.state.hubspot.recordsOf('companies').get(idOf(company))?.properties.name, 'X Corp');
  });

  it('finds candidates by phone and by surname + company', async () => {
    await adapter.upsertRecords('contact', [
      { key: 'a', matchBy: { field: 'email', value: 'rob@acme.com' }, properties: { firstname: 'Robert', lastname: 'Smith', company: 'Acme Inc', phone: '+1 415 555 0123' } },
      { key: 'b', matchBy: { field: 'email', value: 'zed@other.com' }, properties: { firstname: 'Zed', lastname: 'Other', company: 'Other', phone: '+1 212 555 0199' } },
    ]);
    const candidates = await adapter.findContactCandidates([
      { ref: 'L1', firstName: 'Bob', lastName: 'Smith', company: 'ACME' },
      { ref: 'L2', phone: '+12125550199' },
    ]);
    assert.deepEqual(candidates.get('L1')?.map((c) => c.email), ['rob@acme.com']);
    assert.deepEqual(candidates.get('L2')?.map((c) => c.email), ['zed@other.com']);
  });

  it('finds candidates for 200 leads in at most 8 searches, each lead getting only its own matches', async () => {
    const people = Array.from({ length: 200 }, (_, i) => ({
      key: `p${i}`,
      matchBy: { field: 'email' as const, value: `person${i}@old.com` },
      properties: { firstname: `Given${i}`, lastname: `Family${i}`, company: `Firm${i} LLC`, phone: `+1 415 ${String(5_550_000 + i).replace(/(\d{3})(\d{4})/, '$1 $2')}` },
    }));
    await adapter.upsertRecords('contact', people);
    time.advance(60_000);
    const before = calls('POST /crm/v3/objects/contacts/search');
    // Every lead carries a phone and names. Even leads match person i by phone (written without country code);
    // odd leads by surname + company token, under a nickname.
    const leads = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0
        ? { ref: `L${i}`, phone: `(415) ${5_550_000 + i}`.replace(/(\d{3})(\d{4})$/, '$1-$2'), firstName: `Someone${i}`, lastName: `Else${i}` }
        : { ref: `L${i}`, phone: `+1 212 ${7_770_000 + i}`, firstName: `Nick${i}`, lastName: `FAMILY${i}`, company: `firm${i}` },
    );

    const candidates = await adapter.findContactCandidates(leads);

    const searches = calls('POST /crm/v3/objects/contacts/search') - before;
    assert.ok(searches <= 8, `${searches} searches`);
    assert.deepEqual(
      leads.map((lead) => candidates.get(lead.ref)?.map((contact) => contact.email)),
      leads.map((_, i) => [`person${i}@old.com`]),
    );
  });

  it('lists changes since a time, page by page', async () => {
    const since = new Date(time.clock.now()).toISOString();
    await adapter.upsertRecords('contact', Array.from({ length: 250 }, (_, i) => ({ key: `k${i}`, matchBy: { field: 'email' as const, value: `c${i}@x.com` }, properties: {} })));
    const first = await adapter.listChanges('contact', since, null);
    const second = await adapter.listChanges('contact', since, first.nextCursor);
    assert.equal(first.records.length, 200);
    assert.equal(second.records.length, 50);
    assert.equal(second.nextCursor, null);
    assert.equal(new Set([...first.records, ...second.records].map((r) => r.id)).size, 250);
  });

  describe('errors', () => {
    it('names a property that does not exist', async () => {
      await assert.rejects(adapter.upsertRecords('company', [{ key: 'company:y', properties: { name: 'Y', synaptiq_revenue: 5 } }]), (error: SyncError) => {
        assert.equal(error.code, 'crm.invalid_property');
        assert.deepEqual(error.details.properties, ['synaptiq_revenue']);
        return true;
      });
    });

    describe('when a property of ours was never created (the user did not click Create in CRM)', () => {
      const fix = /Create in CRM at \/admin\/settings > CRM > Field Mapping \(or call POST \/v1\/crm\/properties\)/;
      const invalid = (property: string, reason: string) => (error: SyncError | SyncErrorJson) => {
        const disposition = errorCodes[error.code].disposition;
        assert.deepEqual([error.code, disposition, error.details.properties, error.details.reason], ['crm.invalid_property', 'pause', [property], reason]);
        assert.match(error.message, fix);
        return true;
      };
      let bare: HubspotCrmAdapter;
      beforeEach(() => {
        sandbox.reset();
        bare = newAdapter();
      });

      it('fails an upsert by the missing key as crm.invalid_property naming synaptiq_key', async () => {
        await assert.rejects(bare.upsertRecords('company', [{ key: 'company:a', properties: { name: 'A' } }]), invalid('synaptiq_key', 'missing'));
      });

      it('fails a keyed create with associations per record, and stops before the next batch', async () => {
        const [contact] = await bare.upsertRecords('contact', [{ key: 'c', matchBy: { field: 'email', value: 'c@x.com' }, properties: {} }]);
        const before = calls('POST /crm/v3/objects/deals/batch/create');
        const writes = Array.from({ length: 150 }, (_, i) => ({ key: `deal:${i}`, properties: createProperties.deal, associations: [{ objectType: 'contact' as const, id: idOf(contact) }] }));
        const results = await bare.upsertRecords('deal', writes);
        assert.equal(results.length, 150);
        for (const result of results) assert.ok(!result.ok && invalid('synaptiq_key', 'missing')(result.error));
        assert.equal(calls('POST /crm/v3/objects/deals/batch/create') - before, 1);
      });

      it('fails a contact write to the missing lead id property as crm.invalid_property naming it', async () => {
        await assert.rejects(
          bare.upsertRecords('contact', [{ key: 'c', matchBy: { field: 'email', value: 'l@x.com' }, properties: { synaptiq_lead_id: 'lead-1' } }]),
          invalid('synaptiq_lead_id', 'missing'),
        );
      });

      it('fails an upsert by a key created without unique values as crm.invalid_property', async () => {
        await bare.createProperty('company', { name: 'synaptiq_key', label: 'Synaptiq key', type: 'string' });
        await assert.rejects(bare.upsertRecords('company', [{ key: 'company:a', properties: { name: 'A' } }]), invalid('synaptiq_key', 'not_unique'));
      });
    });

    it('writes a new contact carrying an email HubSpot already holds to that contact (one contact per email)', async () => {
      const [contact] = await adapter.upsertRecords('contact', [{ key: 'a', matchBy: { field: 'email', value: 'dup@x.com' }, properties: {} }]);
      const [again] = await adapter.upsertRecords('contact', [{ key: 'b', properties: { email: 'dup@x.com', firstname: 'Dee' } }]);
      assert.deepEqual(again?.ok && [again.id, again.created], [idOf(contact), false]);
    });

    it('reports a deal missing required properties as a validation error on that record', async () => {
      const [contact] = await adapter.upsertRecords('contact', [{ key: 'a', matchBy: { field: 'email', value: 'v@x.com' }, properties: {} }]);
      const [deal] = await adapter.upsertRecords('deal', [
        { key: 'deal:v', properties: { dealname: 'No stage' }, associations: [{ objectType: 'contact', id: idOf(contact) }] },
      ]);
      assert.equal(deal?.ok === false && deal.error.code, 'crm.validation');
    });

    it('reports an unknown record as not found', async () => {
      const results = await adapter.upsertRecords('company', [{ key: 'company:gone', id: '999999', properties: { name: 'Gone' } }]);
      assert.equal(results[0]?.ok === false && results[0].error.code, 'crm.not_found');
    });

    it('reports a revoked token as an auth failure', async () => {
      sandbox.configure({ auth: { tokens: ['some-other-token'] } });
      try {
        await assert.rejects(newAdapter().listOwners(), (error: SyncError) => error.code === 'crm.auth_revoked' || error.code === 'crm.auth_expired');
      } finally {
        sandbox.configure({ auth: { tokens: [] } });
      }
    });
  });

  it('refreshes an expiring OAuth token once for two concurrent calls, and uses the new token', async () => {
    const refreshToken = sandbox.state.tokens.issueRefresh('hubspot', 'app-id', ['crm.objects.contacts.write']);
    sandbox.configure({ auth: { tokens: ['only-issued-tokens-pass'] } });
    const saved: string[] = [];
    try {
      const oauthAdapter = createHubspotAdapter({
        connection: crmConnectionSchema.parse({ provider: 'hubspot', auth: 'oauth', access_token: 'stale', refresh_token: refreshToken, expires_at: time.clock.now() + 60_000 }),
        oauth: { clientId: 'app-id', clientSecret: 'app-secret' },
        basePath: sandbox.url,
        clock: time.clock,
        registry: new HubspotPortalRegistry(),
        retry: { sleep: time.sleep, random: () => 0.5 },
        onTokens: (tokens) => void saved.push(tokens.accessToken),
      });
      const [pipelines, owners] = await Promise.all([oauthAdapter.listPipelines(), oauthAdapter.listOwners()]);
      assert.ok(pipelines.length > 0 && owners.length > 0);
      assert.equal(sandbox.inspect().tokenCalls.hubspot, 1);
      assert.equal(saved.length, 1);
    } finally {
      sandbox.configure({ auth: { tokens: [] } });
    }
  });

  describe('recovery', () => {
    for (const status of [429, 423, 503] as const) {
      it(`recovers from a ${status}`, async () => {
        sandbox.configure({ faults: { next: [{ status, times: 1, api: 'hubspot', pathPrefix: '/crm/v3/objects' }] } });
        const [result] = await adapter.upsertRecords('company', [{ key: `company:${status}`, properties: { name: 'R' } }]);
        assert.equal(result?.ok, true);
        assert.equal(sandbox.inspect().faultsInjected, 1);
      });
    }

    it('waits when the daily allocation is spent instead of retrying', async () => {
      sandbox.configure({ hubspot: { rateLimit: { daily: 1 } } });
      try {
        await adapter.listPipelines().catch(() => undefined);
        await assert.rejects(adapter.listPipelines(), (error: SyncError) => error.code === 'crm.daily_quota_exhausted');
      } finally {
        sandbox.configure({ hubspot: { rateLimit: { daily: null } } });
      }
    });
  });

  it('paces a burst of 1,000 single-record writes against a 100-per-10 s portal without one 429', async () => {
    const { sleep, restore } = drainingSleep(time);
    try {
      const burst = createHubspotAdapter({
        connection: privateAppConnection({ rate_limit_per_10s: 100 }),
        basePath: sandbox.url,
        clock: time.clock,
        registry: new HubspotPortalRegistry(),
        retry: { sleep, random: () => 0.5 },
      });
      const results = await Promise.all(
        Array.from({ length: 1000 }, (_, i) => burst.upsertRecords('company', [{ key: `company:burst:${i}`, properties: { name: `B${i}` } }])),
      );
      assert.equal(results.flat().filter((result) => result.ok).length, 1000);
    } finally {
      restore();
    }
    const stats = sandbox.inspect();
    assert.equal(stats.rateLimited.hubspotTenSecondly, 0);
    assert.equal(stats.records.hubspot.companies, 1000);
  });
});

/**
 * Virtual time for concurrent HTTP: a sleep moves the shared clock only once every request already
 * sent has been answered, so the sandbox stamps each request with the time the limiter let it go.
 */
function drainingSleep(time: FakeTime): { sleep: (ms: number) => Promise<void>; restore: () => void } {
  const realFetch = globalThis.fetch;
  let inFlight = 0;
  globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
    inFlight += 1;
    try {
      return await realFetch(...args);
    } finally {
      inFlight -= 1;
    }
  };
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
  return {
    sleep: async (ms) => {
      await tick();
      while (inFlight > 0) await tick();
      await time.sleep(ms);
    },
    restore: () => {
      globalThis.fetch = realFetch;
    },
  };
}
