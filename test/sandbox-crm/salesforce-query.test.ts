import assert from 'node:assert/strict';
import type { Connection } from 'jsforce';
import type { RunningSandbox } from '../../sandbox-crm/src/index';
import { FakeClock, salesforceConnection, salesforceError, sandboxFor } from './helpers';

type Row = Record<string, unknown>;

describe('sandbox CRM: Salesforce SOQL through jsforce', () => {
  let sandbox: RunningSandbox;
  let conn: Connection;
  const clock = new FakeClock();

  before(async () => {
    sandbox = await sandboxFor({ clock, config: { salesforce: { queryBatchSize: 2 } } });
    conn = salesforceConnection(sandbox);
    await conn.sobject('Lead').create([
      { FirstName: 'Ada', LastName: 'Lovelace', Company: 'Analytical', Email: 'ada@example.com', NumberOfEmployees: 10 },
      { FirstName: 'Grace', LastName: 'Hopper', Company: 'Navy', Email: 'grace@example.com', NumberOfEmployees: 5000 },
      { FirstName: 'Alan', LastName: 'Turing', Company: "O'Brien & Sons", Email: 'alan@example.com', NumberOfEmployees: 50 },
    ]);
    clock.advance(60_000);
    await conn.sobject('Lead').create({ FirstName: 'Katherine', LastName: 'Johnson', Company: 'NASA', Email: 'kj@example.com' });
  });
  after(() => sandbox.close());

  const names = async (soql: string) => (await conn.query<Row>(soql, { autoFetch: true, maxFetch: 100 })).records.map((r) => r.LastName);

  const cases: [string, string, string[]][] = [
    ['=', "SELECT LastName FROM Lead WHERE Email = 'ADA@example.com'", ['Lovelace']],
    ['!=', "SELECT LastName FROM Lead WHERE LastName != 'Lovelace' ORDER BY LastName", ['Hopper', 'Johnson', 'Turing']],
    ['< and >= on numbers', 'SELECT LastName FROM Lead WHERE NumberOfEmployees < 100 AND NumberOfEmployees >= 10 ORDER BY LastName', ['Lovelace', 'Turing']],
    ['IN', "SELECT LastName FROM Lead WHERE LastName IN ('Hopper', 'Turing') ORDER BY LastName DESC", ['Turing', 'Hopper']],
    ['NOT IN', "SELECT LastName FROM Lead WHERE LastName NOT IN ('Hopper', 'Turing') ORDER BY LastName", ['Johnson', 'Lovelace']],
    ['LIKE', "SELECT LastName FROM Lead WHERE Company LIKE 'na%' ORDER BY LastName", ['Hopper', 'Johnson']],
    ['escaped quotes', "SELECT LastName FROM Lead WHERE Company = 'O\\'Brien & Sons'", ['Turing']],
    ['OR with parentheses', "SELECT LastName FROM Lead WHERE (FirstName = 'Ada' OR FirstName = 'Alan') AND Company != 'Navy' ORDER BY LastName", ['Lovelace', 'Turing']],
    ['= null', 'SELECT LastName FROM Lead WHERE NumberOfEmployees = null', ['Johnson']],
    ['LIMIT and OFFSET', 'SELECT LastName FROM Lead ORDER BY LastName LIMIT 2 OFFSET 1', ['Johnson', 'Lovelace']],
  ];
  for (const [name, soql, expected] of cases) {
    it(`filters with ${name}`, async () => {
      assert.deepEqual(await names(soql), expected);
    });
  }

  it('filters on SystemModstamp with a datetime literal and orders by it', async () => {
    const since = new Date(clock.now() - 1000).toISOString();
    assert.deepEqual(await names(`SELECT LastName FROM Lead WHERE SystemModstamp >= ${since} ORDER BY SystemModstamp`), ['Johnson']);
  });

  it('pages with nextRecordsUrl and queryMore', async () => {
    const first = await conn.query<Row>('SELECT Id, LastName FROM Lead ORDER BY LastName', { autoFetch: false });
    assert.equal(first.totalSize, 4);
    assert.equal(first.records.length, 2);
    assert.equal(first.done, false);
    const second = await conn.queryMore<Row>(first.nextRecordsUrl ?? '');
    assert.deepEqual(second.records.map((r) => r.LastName), ['Lovelace', 'Turing']);
    assert.equal(second.done, true);
  });

  it('counts with COUNT()', async () => {
    const res = await conn.query("SELECT COUNT() FROM Lead WHERE Company = 'Navy'");
    assert.equal(res.totalSize, 1);
  });

  it('follows a lookup with Owner.Name', async () => {
    const res = await conn.query<{ Owner: { Name: string } }>("SELECT Owner.Name FROM Lead WHERE LastName = 'Hopper'");
    assert.equal(res.records[0]?.Owner.Name, 'Sarah Chen');
  });

  it('lists active users and opportunity stages', async () => {
    const users = await conn.query<{ Name: string }>('SELECT Id, Name FROM User WHERE IsActive = true ORDER BY Name');
    assert.equal(users.totalSize, 4);
    const stages = await conn.query<{ MasterLabel: string }>('SELECT MasterLabel, IsWon FROM OpportunityStage WHERE IsActive = true ORDER BY SortOrder', { autoFetch: true, maxFetch: 100 });
    assert.deepEqual([stages.records[0]?.MasterLabel, stages.records.at(-1)?.MasterLabel], ['Prospecting', 'Closed Lost']);
  });

  const errors: [string, string, string][] = [
    ['an unknown field', 'SELECT Foo__c FROM Lead', 'INVALID_FIELD'],
    ['an unknown object', 'SELECT Id FROM Widget__c', 'INVALID_TYPE'],
    ['malformed SOQL', 'SELECT FROM Lead WHERE', 'MALFORMED_QUERY'],
  ];
  for (const [name, soql, code] of errors) {
    it(`answers ${code} for ${name}`, async () => {
      const err = await salesforceError(conn.query(soql));
      assert.equal(err.errorCode, code);
    });
  }

  it('answers jsforce find() with $in conditions and all described fields', async () => {
    const found = await conn.sobject('Lead').find({ Email: { $in: ['ada@example.com', 'kj@example.com'] } }, '*');
    assert.deepEqual(found.map((r) => r.LastName).sort(), ['Johnson', 'Lovelace']);
  });

  it('lists ids changed in a window with sobject().updated()', async () => {
    const end = new Date(clock.now() + 1000).toISOString();
    const start = new Date(clock.now() - 1000).toISOString();
    const res = await conn.sobject('Lead').updated(start, end);
    assert.equal(res.ids.length, 1);
  });
});
