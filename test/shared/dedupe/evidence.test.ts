import assert from 'node:assert/strict';
import {
  compareCompanies,
  compareEmails,
  comparePhones,
  differsByOneTypo,
  type CompanyAgreement,
  type EmailAgreement,
} from '../../../shared/src/dedupe/evidence';

describe('compareEmails', () => {
  const cases: Array<[string | null, string | null, EmailAgreement]> = [
    [' Jane@Acme.com', 'jane@acme.com', 'exact'],
    ['info@acme.com', 'INFO@acme.com', 'role_exact'],
    ['jane.doe+crm@gmail.com', 'janedoe@gmail.com', 'same_mailbox'],
    ['maisie.walsh@hodge.com', 'maiie.walsoh@hodge.com', 'similar'],
    ['evied56@harris-bailey.net', 'evihd56@earris-bailey.net', 'similar'],
    ['jane@acme.com', 'peter@acme.com', 'different'],
    ['info@acme.com', 'jane@acme.com', 'different'],
    [null, 'jane@acme.com', 'missing'],
  ];
  for (const [a, b, expected] of cases) {
    it(`rates ${String(a)} against ${String(b)} as ${expected}`, () => {
      assert.equal(compareEmails(a, b), expected);
    });
  }
});

describe('differsByOneTypo', () => {
  const cases: Array<[string, string, boolean]> = [
    ['+61413651633', '+61413651643', true],
    ['+61412345678', '+61412345699', false],
    ['+61412382912', '+61412389212', true],
    ['+61412476704', '+61412476740', true],
    ['+61412345678', '+61412345678', false],
    ['+6141234567', '+61412345678', false],
  ];
  for (const [a, b, expected] of cases) {
    it(`says ${a} and ${b} are ${expected ? '' : 'not '}one keying slip apart`, () => {
      assert.equal(differsByOneTypo(a, b), expected);
    });
  }
});

describe('comparePhones', () => {
  it('rates equal, one-slip, different and missing numbers', () => {
    assert.deepEqual(
      [
        comparePhones('+13102461501', '+13102461501'),
        comparePhones('+13102461501', '+13102461502'),
        comparePhones('+13102461501', '+12125550100'),
        comparePhones(null, '+13102461501'),
      ],
      ['exact', 'one_typo', 'different', 'missing'],
    );
  });
});

describe('compareCompanies', () => {
  const cases: Array<[string | null, string | null, CompanyAgreement]> = [
    ['Acme, Inc.', 'ACME LLC', 'exact'],
    ['Palm, The', 'The Palm', 'exact'],
    ['Acme Pty. Ltd.', 'acme', 'exact'],
    ['Spago (Los Angeles)', 'Spago', 'similar'],
    ['International Business Machines', 'IBM', 'similar'],
    ['Acme', 'Globex Corporation', 'different'],
    ['', 'Acme', 'missing'],
  ];
  for (const [a, b, expected] of cases) {
    it(`rates ${JSON.stringify(a)} against ${JSON.stringify(b)} as ${expected}`, () => {
      assert.equal(compareCompanies(a, b), expected);
    });
  }
});
