import assert from 'node:assert/strict';
import nock from 'nock';
import { startSandbox, type RunningSandbox } from '@synaptiq/sandbox-crm';
import { createHubspotAdapter, HubspotPortalRegistry } from '../../../shared/src/adapters/hubspot/create-hubspot-adapter';
import { createSalesforceAdapter, exchangeSalesforceCode, salesforceAuthorizationUrl } from '../../../shared/src/adapters/salesforce';
import { decideDuplicate } from '../../../shared/src/dedupe/decide';
import { requiredCustomProperties } from '../../../shared/src/mapping/custom-properties';
import type { CrmAdapter } from '../../../shared/src/ports/crm-adapter';
import type { RecordWrite } from '../../../shared/src/schemas/crm';
import type { CrmProvider, WorkspaceSettings } from '../../../shared/src/schemas/settings';
import { keys } from '../../../shared/src/sync/operations';
import { syncBatch, type SyncBatchResult } from '../../../shared/src/sync/sync-batch';
import { loadEvent } from '../../fixtures/events/load-event';
import { fakeTime } from '../adapters/shared/fake-time';
import { privateAppConnection } from '../adapters/hubspot/helpers';
import { MapLinkStore, now, salesforceSettings, settingsWith } from './helpers';

/**
 * A burst as the relay worker sends it (one syncBatch, the real adapter, the sandbox CRM), with leads that
 * share a full name or an email: every lead must end linked to a contact, none failing for another's sake.
 */

const WS = 'acme';
const app = { clientId: 'synaptiq-relay', clientSecret: 'sandbox-secret', redirectUri: 'http://127.0.0.1/oauth/salesforce' };

/** John Smith, already in the CRM at Northwind; the burst's John Smiths are other people there. */
const existingJohn = { email: 'john.smith@northwind.example', first: 'John', last: 'Smith', company: 'Northwind Traders', phone: '+44 20 7946 0001' };

const companies = [
  { name: 'Northwind Traders', domain: 'northwind.example' },
  { name: 'Contoso Ltd', domain: 'contoso.example' },
  { name: 'Fabrikam Inc', domain: 'fabrikam.example' },
  { name: 'Tailspin Toys', domain: 'tailspin.example' },
];

/** Twenty leads; leads 0, 7 and 14 are "John Smith" at Northwind with emails and phones of their own. */
function burst(emailOf: (n: number) => string | undefined = () => undefined) {
  return Array.from({ length: 20 }, (_, n) => {
    const john = n % 7 === 0;
    const company = john ? companies[0] : companies[n % companies.length];
    return loadEvent('lead.qualified', {
      id: `lead_${n}`,
      name: john ? 'John Smith' : `Person${n} Example`,
      first_name: null,
      last_name: null,
      phone: `+44 20 7946 ${1100 + n}`,
      email: emailOf(n) ?? `${john ? 'john' : 'person'}.${n}@${company?.domain}`,
      company,
    });
  });
}

const settingsFor: Record<CrmProvider, () => WorkspaceSettings> = { hubspot: () => settingsWith(), salesforce: () => salesforceSettings() };

/** The existing John Smith as each CRM holds a person. */
const seedWrite: Record<CrmProvider, RecordWrite> = {
  hubspot: {
    key: 'seed',
    matchBy: { field: 'email', value: existingJohn.email },
    properties: { email: existingJohn.email, firstname: existingJohn.first, lastname: existingJohn.last, company: existingJohn.company, phone: existingJohn.phone },
  },
  salesforce: {
    key: 'seed',
    matchBy: { field: 'email', value: existingJohn.email },
    properties: { Email: existingJohn.email, FirstName: existingJohn.first, LastName: existingJohn.last, Company: existingJohn.company, Phone: existingJohn.phone },
  },
};

const failures = (result: SyncBatchResult) => result.results.filter((entry) => entry.status === 'failed').map((entry) => `${entry.key}: ${entry.error?.message}`);
const contactOf = (result: SyncBatchResult, n: number) => result.results.find((entry) => entry.key === keys.contact(`lead_${n}`));

for (const provider of ['hubspot', 'salesforce'] as const) {
  describe(`syncBatch of a burst with shared names and emails, ${provider} sandbox through the real adapter`, function () {
    this.timeout(30_000);
    let sandbox: RunningSandbox;

    before(async () => {
      nock.enableNetConnect('127.0.0.1');
      sandbox = await startSandbox({ port: 0, config: { auth: { clients: [{ clientId: app.clientId, clientSecret: app.clientSecret }] } } });
    });
    after(async () => {
      await sandbox.close();
    });
    beforeEach(() => sandbox.reset());

    async function connectedAdapter(): Promise<CrmAdapter> {
      const time = fakeTime();
      if (provider === 'hubspot') {
        const connection = privateAppConnection();
        return createHubspotAdapter({ connection, basePath: sandbox.url, clock: time.clock, registry: new HubspotPortalRegistry(), retry: { sleep: time.sleep, random: () => 0.5 } });
      }
      const client = { ...app, loginUrl: sandbox.url };
      const authorize = await fetch(salesforceAuthorizationUrl(client, 'state'), { redirect: 'manual' });
      const code = new URL(authorize.headers.get('location') ?? '').searchParams.get('code') ?? '';
      const connection = await exchangeSalesforceCode(client, code);
      return createSalesforceAdapter({ connection, oauth: app, loginUrl: sandbox.url, instanceUrl: sandbox.url, personObject: 'Lead', clock: time.clock, retry: { sleep: time.sleep, random: () => 0.5 } });
    }

    /** A CRM holding the sync's custom properties and the existing John Smith; returns his id. */
    async function setup() {
      const crm = await connectedAdapter();
      const settings = settingsFor[provider]();
      for (const { objectType, ...definition } of requiredCustomProperties(provider, settings)) await crm.createProperty(objectType, definition);
      const [seeded] = await crm.upsertRecords('contact', [seedWrite[provider]]);
      assert.ok(seeded?.ok);
      const links = new MapLinkStore();
      const run = (events: ReturnType<typeof burst>) => syncBatch({ workspaceId: WS, events, settings, crm, links, decide: decideDuplicate, now, ownerCursor: 0 });
      return { run, existingId: seeded.id };
    }

    it('writes every lead when three of them share the full name of an existing contact: a match links to it, a review gets a record of its own', async () => {
      const { run, existingId } = await setup();
      const result = await run(burst());
      assert.deepEqual(failures(result), []);
      const johns = [0, 7, 14].map((n) => ({ outcome: result.decisions.get(`lead_${n}`)?.outcome, contact: contactOf(result, n) }));
      assert.ok(johns.some(({ outcome }) => outcome === 'review'), 'the burst holds a John Smith flagged for review');
      for (const { outcome, contact } of johns) {
        if (outcome === 'match') assert.equal(contact?.crmId, existingId);
        else assert.deepEqual([contact?.review, contact?.crmId === existingId], [true, false]);
      }
      const flagged = johns.filter(({ outcome }) => outcome === 'review').map(({ contact }) => contact?.crmId);
      assert.equal(new Set(flagged).size, flagged.length, 'each flagged John Smith is a record of his own');
    });

    it('writes the burst again without failures once its leads are linked (a retried batch)', async () => {
      const { run } = await setup();
      const first = await run(burst());
      const again = await run(burst());
      assert.deepEqual(failures(again), []);
      assert.deepEqual(contactOf(again, 7)?.crmId, contactOf(first, 7)?.crmId);
    });

    it('writes two leads of one new email, both flagged John Smiths, without a failure', async () => {
      const { run } = await setup();
      const result = await run(burst((n) => (n === 7 || n === 14 ? 'j.smith@northwind.example' : undefined)));
      assert.deepEqual(failures(result), []);
      // HubSpot holds one contact per email: both leads are that contact.
      if (provider === 'hubspot') assert.equal(contactOf(result, 7)?.crmId, contactOf(result, 14)?.crmId);
    });

    it('writes two different leads of one new email (one flagged, one not) without a failure', async () => {
      const { run } = await setup();
      const result = await run(burst((n) => (n === 7 || n === 8 ? 'shared@contoso.example' : undefined)));
      assert.deepEqual(failures(result), []);
      if (provider === 'hubspot') assert.equal(contactOf(result, 7)?.crmId, contactOf(result, 8)?.crmId);
    });

    it('links two new leads of one new email to one contact', async () => {
      const { run } = await setup();
      const result = await run(burst((n) => (n === 3 || n === 4 ? 'team@tailspin.example' : undefined)));
      assert.deepEqual(failures(result), []);
      assert.equal(contactOf(result, 3)?.crmId, contactOf(result, 4)?.crmId);
    });

    it('links two leads whose email is the existing contact\'s to that contact', async () => {
      const { run, existingId } = await setup();
      const result = await run(burst((n) => (n === 7 || n === 14 ? existingJohn.email : undefined)));
      assert.deepEqual(failures(result), []);
      assert.deepEqual([contactOf(result, 7)?.crmId, contactOf(result, 14)?.crmId], [existingId, existingId]);
    });
  });
}
