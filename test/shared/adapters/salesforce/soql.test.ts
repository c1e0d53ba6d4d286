import assert from 'node:assert/strict';
import { anyOf, dateTime, endsWith, field, fields, soql, startsWith } from '../../../../shared/src/adapters/salesforce/soql';

describe('soql', () => {
  const quoted: Array<[string, string, string]> = [
    ['a plain email', 'ann@acme.com', "'ann@acme.com'"],
    ['a single quote', "o'brien@acme.com", "'o\\'brien@acme.com'"],
    ['a backslash', 'a\\b@acme.com', "'a\\\\b@acme.com'"],
    ['a double quote', 'say "hi"', "'say \\\"hi\\\"'"],
    ['line breaks and tabs', 'a\nb\rc\td', "'a\\nb\\rc\\td'"],
    ['URL-special characters, kept literally', 'a#b+c%d@x.com', "'a#b+c%d@x.com'"],
    ['an injection attempt', "x' OR Name != '", "'x\\' OR Name != \\''"],
  ];
  for (const [name, value, expected] of quoted) {
    it(`escapes ${name} in a string literal`, () => {
      assert.equal(soql`Email = ${value}`.text, `Email = ${expected}`);
    });
  }

  it('renders an array as an IN list of escaped literals', () => {
    assert.equal(soql`Email IN ${['a@x.com', "b'c@x.com"]}`.text, "Email IN ('a@x.com', 'b\\'c@x.com')");
  });

  it('refuses an empty IN list, which SOQL cannot parse', () => {
    assert.throws(() => soql`Email IN ${[]}`, /cannot be empty/);
  });

  it('renders numbers, booleans and null as SOQL literals', () => {
    assert.equal(soql`A = ${3} AND B = ${true} AND C = ${null}`.text, 'A = 3 AND B = true AND C = null');
  });

  it('accepts field paths and rejects anything else as a field name', () => {
    assert.equal(soql`SELECT ${fields(['Id', 'Account.Name', 'Synaptiq_Key__c'])} FROM ${field('Lead')}`.text, 'SELECT Id, Account.Name, Synaptiq_Key__c FROM Lead');
    assert.throws(() => field('Id FROM User --'), /Not a Salesforce field name/);
  });

  it('renders a date-time unquoted in UTC to the second, rounding down', () => {
    assert.equal(soql`SystemModstamp >= ${dateTime('2026-11-26T10:15:30.999+01:00')}`.text, 'SystemModstamp >= 2026-11-26T09:15:30Z');
    assert.throws(() => dateTime('yesterday'), /Not an ISO date-time/);
  });

  it('escapes LIKE wildcards in prefix and suffix patterns', () => {
    assert.equal(soql`Name LIKE ${startsWith("50%_off's")}`.text, "Name LIKE '50\\%\\_off\\'s%'");
    assert.equal(soql`Phone LIKE ${endsWith('4567')}`.text, "Phone LIKE '%4567'");
  });

  it('joins conditions built by soql with OR, each in parentheses', () => {
    assert.equal(soql`WHERE ${anyOf([soql`A = ${1}`, soql`B = ${'x'}`])}`.text, "WHERE (A = 1) OR (B = 'x')");
  });
});
