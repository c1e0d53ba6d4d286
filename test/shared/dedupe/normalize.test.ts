import assert from 'node:assert/strict';
import {
  emailEvidenceKey,
  isRoleAddress,
  normalizeCompanyName,
  normalizeEmail,
  normalizePhone,
} from '../../../shared/src/dedupe/normalize';

describe('normalizeEmail', () => {
  const cases: Array<[string | null, string | null]> = [
    ['  Jane.Doe@Example.COM ', 'jane.doe@example.com'],
    ['jane+crm@example.com', 'jane+crm@example.com'],
    ['not an email', null],
    ['@example.com', null],
    ['', null],
    [null, null],
  ];
  for (const [raw, expected] of cases) {
    it(`turns ${JSON.stringify(raw)} into ${JSON.stringify(expected)}`, () => {
      assert.equal(normalizeEmail(raw), expected);
    });
  }
});

describe('emailEvidenceKey', () => {
  const cases: Array<[string, string]> = [
    ['J.a.n.e@Gmail.com', 'jane@gmail.com'],
    ['jane.doe+news@googlemail.com', 'janedoe@gmail.com'],
    ['jane.doe+crm@example.com', 'jane.doe@example.com'],
    ['jane.doe@example.com', 'jane.doe@example.com'],
  ];
  for (const [raw, expected] of cases) {
    it(`reduces ${raw} to the mailbox ${expected}`, () => {
      assert.equal(emailEvidenceKey(raw), expected);
    });
  }
});

describe('normalizePhone', () => {
  const cases: Array<[string, string, string | null]> = [
    ['310/246-1501', 'US', '+13102461501'],
    ['(310) 246 1501', 'US', '+13102461501'],
    ['0412 345 678', 'AU', '+61412345678'],
    ['+44 20 7946 0958', 'US', '+442079460958'],
    ['12', 'US', null],
    ['', 'US', null],
  ];
  for (const [raw, region, expected] of cases) {
    it(`reads ${JSON.stringify(raw)} in ${region} as ${JSON.stringify(expected)}`, () => {
      assert.equal(normalizePhone(raw, region), expected);
    });
  }
});

describe('normalizeCompanyName', () => {
  const cases: Array<[string, string]> = [
    ['Acme, Inc.', 'acme'],
    ['ACME LLC', 'acme'],
    ['Acme Pty. Ltd.', 'acme'],
    ['Müller GmbH', 'muller'],
    ['Banco Rio S.A.', 'banco rio'],
    ['  Smith  &  Sons Ltd ', 'smith & sons'],
    ['AG', 'ag'],
  ];
  for (const [raw, expected] of cases) {
    it(`reduces ${JSON.stringify(raw)} to ${JSON.stringify(expected)}`, () => {
      assert.equal(normalizeCompanyName(raw), expected);
    });
  }
});

describe('isRoleAddress', () => {
  const cases: Array<[string, boolean]> = [
    ['info@acme.com', true],
    ['Sales@Acme.com', true],
    ['support+eu@acme.com', true],
    ['hello@acme.com', true],
    ['jane@acme.com', false],
    ['information.officer@acme.com', false],
  ];
  for (const [email, expected] of cases) {
    it(`says ${email} is ${expected ? '' : 'not '}a role address`, () => {
      assert.equal(isRoleAddress(email), expected);
    });
  }
});
