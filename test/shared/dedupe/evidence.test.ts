import {
  compareCompanies,
  compareEmails,
  comparePhones,
  differsByOneTypo,
  type CompanyAgreement,
  type EmailAgreement,
  type PhoneAgreement,
} from '../../../shared/src/dedupe/evidence';
import { itEachCase, show } from './each-case';

describe('compareEmails', () => {
  itEachCase<[string | null, string | null], EmailAgreement>(
    [
      [[' Jane@Acme.com', 'jane@acme.com'], 'exact'],
      [['info@acme.com', 'INFO@acme.com'], 'role_exact'],
      [['jane.doe+crm@gmail.com', 'janedoe@gmail.com'], 'same_mailbox'],
      [['maisie.walsh@hodge.com', 'maiie.walsoh@hodge.com'], 'similar'],
      [['evied56@harris-bailey.net', 'evihd56@earris-bailey.net'], 'similar'],
      [['jane@acme.com', 'peter@acme.com'], 'different'],
      [['info@acme.com', 'jane@acme.com'], 'different'],
      [[null, 'jane@acme.com'], 'missing'],
    ],
    ([a, b], expected) => `rates ${show(a)} against ${show(b)} as ${expected}`,
    ([a, b]) => compareEmails(a, b),
  );
});

describe('differsByOneTypo', () => {
  itEachCase<[string, string], boolean>(
    [
      [['+61413651633', '+61413651643'], true],
      [['+61412382912', '+61412389212'], true],
      [['+61412345678', '+61412345699'], false],
      [['+61412345678', '+61412345678'], false],
      [['+6141234567', '+61412345678'], false],
    ],
    ([a, b], expected) => `says ${a} and ${b} are ${expected ? '' : 'not '}one keying slip apart`,
    ([a, b]) => differsByOneTypo(a, b),
  );
});

describe('comparePhones', () => {
  itEachCase<[string | null, string | null], PhoneAgreement>(
    [
      [['+13102461501', '+13102461501'], 'exact'],
      [['+13102461501', '+13102461502'], 'one_typo'],
      [['+13102461501', '+12125550100'], 'different'],
      [[null, '+13102461501'], 'missing'],
    ],
    ([a, b], expected) => `rates ${show(a)} against ${show(b)} as ${expected}`,
    ([a, b]) => comparePhones(a, b),
  );
});

describe('compareCompanies', () => {
  itEachCase<[string | null, string | null], CompanyAgreement>(
    [
      [['Acme, Inc.', 'ACME LLC'], 'exact'],
      [['Palm, The', 'The Palm'], 'exact'],
      [['Acme Pty. Ltd.', 'acme'], 'exact'],
      [['Spago (Los Angeles)', 'Spago'], 'similar'],
      [['International Business Machines', 'IBM'], 'similar'],
      [['Acme', 'Globex Corporation'], 'different'],
      [['', 'Acme'], 'missing'],
    ],
    ([a, b], expected) => `rates ${show(a)} against ${show(b)} as ${expected}`,
    ([a, b]) => compareCompanies(a, b),
  );
});
