import {
  emailEvidenceKey,
  isRoleAddress,
  normalizeCompanyName,
  normalizeEmail,
  normalizePhone,
} from '../../../shared/src/dedupe/normalize';
import { itEachCase, show } from './each-case';

describe('normalizeEmail', () => {
  itEachCase<string | null, string | null>(
    [
      ['  Jane.Doe@Example.COM ', 'jane.doe@example.com'],
      ['jane+crm@example.com', 'jane+crm@example.com'],
      ['not an email', null],
      ['@example.com', null],
      ['', null],
      [null, null],
    ],
    (raw, expected) => `turns ${show(raw)} into ${show(expected)}`,
    normalizeEmail,
  );
});

describe('emailEvidenceKey', () => {
  itEachCase(
    [
      ['J.a.n.e@Gmail.com', 'jane@gmail.com'],
      ['jane.doe+news@googlemail.com', 'janedoe@gmail.com'],
      ['jane.doe+crm@example.com', 'jane.doe@example.com'],
      ['jane.doe@example.com', 'jane.doe@example.com'],
    ],
    (raw, expected) => `reduces ${raw} to the mailbox ${expected}`,
    emailEvidenceKey,
  );
});

describe('normalizePhone', () => {
  itEachCase<[string, string], string | null>(
    [
      [['310/246-1501', 'US'], '+13102461501'],
      [['(310) 246 1501', 'US'], '+13102461501'],
      [['0412 345 678', 'AU'], '+61412345678'],
      [['+44 20 7946 0958', 'US'], '+442079460958'],
      [['12', 'US'], null],
      [['', 'US'], null],
    ],
    ([raw, region], expected) => `reads ${show(raw)} in ${region} as ${show(expected)}`,
    ([raw, region]) => normalizePhone(raw, region),
  );
});

describe('normalizeCompanyName', () => {
  itEachCase(
    [
      ['Acme, Inc.', 'acme'],
      ['ACME LLC', 'acme'],
      ['Acme Pty. Ltd.', 'acme'],
      ['Müller GmbH', 'muller'],
      ['Banco Rio S.A.', 'banco rio'],
      ['  Smith  &  Sons Ltd ', 'smith & sons'],
      ['AG', 'ag'],
    ],
    (raw, expected) => `reduces ${show(raw)} to ${show(expected)}`,
    normalizeCompanyName,
  );
});

describe('isRoleAddress', () => {
  itEachCase(
    [
      ['info@acme.com', true],
      ['Sales@Acme.com', true],
      ['support+eu@acme.com', true],
      ['hello@acme.com', true],
      ['jane@acme.com', false],
      ['information.officer@acme.com', false],
    ],
    (email, expected) => `says ${email} is ${expected ? '' : 'not '}a role address`,
    isRoleAddress,
  );
});
