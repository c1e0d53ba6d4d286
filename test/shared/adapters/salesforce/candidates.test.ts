import assert from 'node:assert/strict';
import type { CandidateQuery, CrmContact } from '../../../../shared/src/schemas/crm';
import { candidateCondition, matchesCandidate } from '../../../../shared/src/adapters/salesforce/candidates';

const contact = (overrides: Partial<CrmContact>): CrmContact => ({ id: '00QA', properties: {}, ...overrides });

describe('candidate search', () => {
  it('searches phones by their last four digits on Phone and MobilePhone', () => {
    assert.equal(candidateCondition({ ref: 'l1', phone: '+1 (555) 123-4567' }, 'Lead')?.text, "Phone LIKE '%4567' OR MobilePhone LIKE '%4567'");
  });

  it('searches a name by last name and the company\'s first word, escaped', () => {
    assert.equal(
      candidateCondition({ ref: 'l1', lastName: "O'Brien", company: '100% Foods Ltd' }, 'Lead')?.text,
      "LastName = 'O\\'Brien' AND Company LIKE '100\\%%'",
    );
    assert.equal(
      candidateCondition({ ref: 'l1', lastName: 'Lee', company: 'Acme' }, 'Contact')?.text,
      "LastName = 'Lee' AND Account.Name LIKE 'Acme%'",
    );
  });

  it('falls back to first and last name without a company, and combines keys with OR', () => {
    assert.equal(
      candidateCondition({ ref: 'l1', email: 'a@x.com', firstName: 'Ann', lastName: 'Lee' }, 'Lead')?.text,
      "(Email = 'a@x.com') OR (LastName = 'Lee' AND FirstName = 'Ann')",
    );
  });

  it('has nothing to search for a query with only a first name or a short phone', () => {
    assert.equal(candidateCondition({ ref: 'l1', firstName: 'Ann', phone: '4567' }, 'Lead'), null);
  });

  const matches: Array<[string, CandidateQuery, CrmContact, boolean]> = [
    ['the same national number, formatted differently', { ref: 'l', phone: '+15551234567' }, contact({ phone: '(555) 123-4567' }), true],
    ['a mobile phone with the same national number', { ref: 'l', phone: '555-123-4567' }, contact({ properties: { MobilePhone: '+1 555 123 4567' } }), true],
    ['only the same last four digits', { ref: 'l', phone: '+15551234567' }, contact({ phone: '(555) 999-4567' }), false],
    ['the same email in another case', { ref: 'l', email: 'Ann@X.com' }, contact({ email: 'ann@x.com' }), true],
    ['the same last name at a company with the same first word', { ref: 'l', lastName: 'lee', company: 'Acme Inc' }, contact({ lastName: 'Lee', company: 'ACME, Inc.' }), true],
    ['the same last name at another company', { ref: 'l', lastName: 'Lee', company: 'Acme' }, contact({ lastName: 'Lee', company: 'Globex' }), false],
  ];
  for (const [name, query, candidate, expected] of matches) {
    it(`${expected ? 'keeps' : 'drops'} a row with ${name}`, () => assert.equal(matchesCandidate(query, candidate), expected));
  }
});
