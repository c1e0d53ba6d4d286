import assert from 'node:assert/strict';
import { api, bearer, buildAdapter, compositeOf, page, subrequestsOf, useFakeOrg } from './helpers';

const leadFields = 'Id, Email, FirstName, LastName, Phone, MobilePhone, Title, Company, Status, OwnerId, SystemModstamp';

describe('SalesforceCrmAdapter reads', () => {
  const org = useFakeOrg();

  describe('findContactsByEmail', () => {
    it('looks up many emails in one escaped SOQL query whose URL keeps #, + and % intact', async () => {
      org().expect({
        method: 'GET',
        path: `${api}/query`,
        headers: bearer(),
        query: { q: `SELECT ${leadFields} FROM Lead WHERE Email IN ('a#1@x.com', 'b+tag@x.com', 'c%d@x.com', 'o\\'hara@x.com') AND IsConverted = false ORDER BY CreatedDate, Id` },
        reply: page([{ Id: '00QA', Email: 'B+Tag@x.com', LastName: 'B', Company: 'X' }]),
      });
      const contacts = await buildAdapter(org()).findContactsByEmail(['a#1@x.com', ' B+tag@x.com', 'c%d@x.com', "o'hara@x.com", 'a#1@x.com']);
      assert.deepEqual(contacts.map((c) => [c.id, c.email, c.company]), [['00QA', 'b+tag@x.com', 'X']]);
      const [request] = org().received;
      assert.match(request?.rawUrl ?? '', /a%231%40x\.com/);
      assert.match(request?.rawUrl ?? '', /b%2Btag%40x\.com/);
      assert.match(request?.rawUrl ?? '', /c%25d%40x\.com/);
    });

    it('splits 250 emails into two queries of at most 200, sent together in one Composite call', async () => {
      org().expect({
        method: 'POST',
        path: `${api}/composite`,
        answer: compositeOf((sub) => page([{ Id: `00Q-${sub.referenceId}`, Email: sub.referenceId === 'r0' ? 'lead0@acme.com' : 'lead249@acme.com' }])),
      });
      const emails = Array.from({ length: 250 }, (_, i) => `lead${i}@acme.com`);
      const contacts = await buildAdapter(org()).findContactsByEmail(emails);
      const subrequests = subrequestsOf(org().received[0]?.body);
      const counts = subrequests.map((sub) => (decodeURIComponent(sub.url).match(/@acme\.com/g) ?? []).length);
      assert.deepEqual(counts, [200, 50]);
      assert.ok(subrequests.every((sub) => sub.method === 'GET' && sub.url.startsWith(`${api}/query?q=SELECT%20`)));
      assert.deepEqual(contacts.map((c) => c.id), ['00Q-r0', '00Q-r1']);
    });

    it('follows nextRecordsUrl to read every page', async () => {
      org()
        .expect({ method: 'GET', path: `${api}/query`, reply: page([{ Id: '00QA', Email: 'a@x.com' }], `${api}/query/01gA-2000`) })
        .expect({ method: 'GET', path: `${api}/query/01gA-2000`, headers: bearer(), reply: page([{ Id: '00QB', Email: 'a@x.com' }]) });
      const contacts = await buildAdapter(org()).findContactsByEmail(['a@x.com']);
      assert.deepEqual(contacts.map((c) => c.id), ['00QA', '00QB']);
    });

    it('reads Contacts with their Account name when people are Contacts', async () => {
      org().expect({
        method: 'GET',
        path: `${api}/query`,
        query: { q: "SELECT Id, Email, FirstName, LastName, Phone, MobilePhone, Title, Account.Name, AccountId, OwnerId, SystemModstamp FROM Contact WHERE Email IN ('a@x.com') ORDER BY CreatedDate, Id" },
        reply: page([{ Id: '003A', Email: 'a@x.com', Account: { Name: 'Acme' } }]),
      });
      const [contact] = await buildAdapter(org(), { personObject: 'Contact' }).findContactsByEmail(['a@x.com']);
      assert.equal(contact?.company, 'Acme');
    });

    it('makes no call for no emails', async () => {
      assert.deepEqual(await buildAdapter(org()).findContactsByEmail(['', '  ']), []);
    });
  });

  describe('findContactCandidates', () => {
    it('searches phones and names of several leads in one query and hands each lead its own candidates', async () => {
      org().expect({
        method: 'GET',
        path: `${api}/query`,
        query: {
          q: `SELECT ${leadFields} FROM Lead WHERE ((Phone LIKE '%4567' OR MobilePhone LIKE '%4567') OR (LastName = 'Lee' AND Company LIKE 'Acme%')) AND IsConverted = false ORDER BY CreatedDate, Id`,
        },
        reply: page([
          { Id: '00QA', Phone: '(555) 123-4567', LastName: 'Park', Company: 'Other' },
          { Id: '00QB', Phone: '(555) 999-4567', LastName: 'Lee', Company: 'Acme Corp' },
        ]),
      });
      const found = await buildAdapter(org()).findContactCandidates([
        { ref: 'l1', phone: '+1 555 123 4567' },
        { ref: 'l2', lastName: 'Lee', company: 'Acme' },
        { ref: 'l3', firstName: 'Solo' },
      ]);
      assert.deepEqual(Object.fromEntries([...found].map(([ref, contacts]) => [ref, contacts.map((c) => c.id)])), { l1: ['00QA'], l2: ['00QB'], l3: [] });
    });
  });

  it('lists an object\'s fields from describe', async () => {
    org().expect({
      method: 'GET',
      path: `${api}/sobjects/Opportunity/describe`,
      reply: { name: 'Opportunity', fields: [{ name: 'Amount', label: 'Amount', type: 'currency', custom: false, createable: true, updateable: true, calculated: false }] },
    });
    assert.deepEqual(await buildAdapter(org()).listProperties('deal'), [{ name: 'Amount', label: 'Amount', type: 'number', custom: false, readOnly: false }]);
  });

  it('creates a unique custom field through the Tooling API', async () => {
    org().expect({
      method: 'POST',
      path: `${api}/tooling/sobjects/CustomField`,
      body: { FullName: 'Activity.Synaptiq_Key__c', Metadata: { label: 'Synaptiq Key', type: 'Text', length: 255, externalId: true, unique: true, caseSensitive: false } },
      status: 201,
      reply: { id: '00N1', success: true, errors: [] },
    });
    const property = await buildAdapter(org()).createProperty('meeting', { name: 'Synaptiq_Key__c', label: 'Synaptiq Key', type: 'string', unique: true });
    assert.deepEqual(property, { name: 'Synaptiq_Key__c', label: 'Synaptiq Key', type: 'string', custom: true });
  });

  it('lists the opportunity stages as one pipeline', async () => {
    org().expect({
      method: 'GET',
      path: `${api}/query`,
      query: { q: 'SELECT ApiName, MasterLabel, IsClosed, IsWon, SortOrder FROM OpportunityStage WHERE IsActive = true ORDER BY SortOrder' },
      reply: page([
        { Id: '01J1', ApiName: 'Qualification', MasterLabel: 'Qualification', IsClosed: false, IsWon: false, SortOrder: 1 },
        { Id: '01J2', ApiName: 'Closed Won', MasterLabel: 'Closed Won', IsClosed: true, IsWon: true, SortOrder: 2 },
      ]),
    });
    const [pipeline] = await buildAdapter(org()).listPipelines();
    assert.deepEqual(pipeline?.stages.map((s) => [s.id, s.closedWon]), [['Qualification', undefined], ['Closed Won', true]]);
  });

  it('lists active standard users as owners', async () => {
    org().expect({
      method: 'GET',
      path: `${api}/query`,
      query: { q: "SELECT Id, Name, Email, IsActive FROM User WHERE IsActive = true AND UserType = 'Standard' ORDER BY Name, Id" },
      reply: page([{ Id: '005A', Name: 'Sarah Sales', Email: 'sarah@acme.com', IsActive: true }]),
    });
    assert.deepEqual(await buildAdapter(org()).listOwners(), [{ id: '005A', name: 'Sarah Sales', email: 'sarah@acme.com', active: true }]);
  });

  describe('listChanges', () => {
    it('queries records modified at or after the cursor time, ordered by SystemModstamp then Id', async () => {
      org().expect({
        method: 'GET',
        path: `${api}/query`,
        query: { q: 'SELECT Id, Name, StageName, Amount, CloseDate, AccountId, OwnerId, IsClosed, IsWon, SystemModstamp FROM Opportunity WHERE SystemModstamp >= 2026-11-26T08:00:00Z ORDER BY SystemModstamp, Id' },
        reply: page([{ Id: '006A', Name: 'Deal', StageName: 'Closed Won', SystemModstamp: '2026-11-26T08:30:00.000+0000' }], `${api}/query/01gB-2000`),
      });
      const changes = await buildAdapter(org()).listChanges('deal', '2026-11-26T08:00:00.250Z', null);
      assert.equal(changes.nextCursor, `${api}/query/01gB-2000`);
      assert.deepEqual(changes.records.map((r) => [r.id, r.objectType, r.updatedAt, r.properties.StageName]), [['006A', 'deal', '2026-11-26T08:30:00.000Z', 'Closed Won']]);
    });

    it('reads the next page from the cursor and ends with a null cursor', async () => {
      org().expect({ method: 'GET', path: `${api}/query/01gB-2000`, reply: page([]) });
      assert.deepEqual(await buildAdapter(org()).listChanges('deal', '2026-11-26T08:00:00Z', `${api}/query/01gB-2000`), { records: [], nextCursor: null });
    });

    it('starts the window again when the cursor has expired', async () => {
      org()
        .expect({ method: 'GET', path: `${api}/query/01gB-2000`, status: 400, reply: [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }] })
        .expect({ method: 'GET', path: `${api}/query`, reply: page([{ Id: '006A', SystemModstamp: '2026-11-26T08:30:00.000+0000' }]) });
      const changes = await buildAdapter(org()).listChanges('deal', '2026-11-26T08:00:00Z', `${api}/query/01gB-2000`);
      assert.deepEqual(changes.records.map((r) => r.id), ['006A']);
    });

    it('refuses a cursor that is not a Salesforce query locator', async () => {
      await assert.rejects(buildAdapter(org()).listChanges('deal', '2026-11-26T08:00:00Z', 'https://evil.example/steal'), { code: 'request.invalid' });
    });
  });

  it('verifies the connection through the userinfo endpoint', async () => {
    org().expect({
      method: 'GET',
      path: '/services/oauth2/userinfo',
      headers: bearer(),
      reply: { user_id: '005A', organization_id: '00D000000000001', preferred_username: 'admin@acme.com', name: 'Admin' },
    });
    assert.deepEqual(await buildAdapter(org()).verifyConnection(), { provider: 'salesforce', accountId: '00D000000000001', accountName: 'admin@acme.com' });
  });

  it('links to a record in Lightning', () => {
    assert.equal(buildAdapter(org()).recordUrl('company', '001A'), `${org().url}/lightning/r/Account/001A/view`);
  });
});
