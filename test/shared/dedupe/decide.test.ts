import assert from 'node:assert/strict';
import { decideDuplicate, decideDuplicateForSubject } from '../../../shared/src/dedupe/decide';
import type { DedupSubject } from '../../../shared/src/dedupe/subject';
import type { CrmContact } from '../../../shared/src/schemas/crm';
import type { Lead } from '../../../shared/src/schemas/events';
import type { DedupDecision } from '../../../shared/src/dedupe/types';
import type { NameFrequencies } from '../../../shared/src/dedupe/name-frequency';

const record = (id: string, fields: Omit<CrmContact, 'id' | 'properties'>): CrmContact => ({ id, ...fields, properties: {} });

const janeAtAcme = record('c-jane', {
  firstName: 'Jane', lastName: 'Doe', email: 'jane.doe@acme.com', phone: '+1 415 555 0100', company: 'Acme, Inc.',
});
const williamAtGlobex = record('c-william', {
  firstName: 'William', lastName: 'Gates', email: 'wgates@globex.com', phone: null, company: 'Globex Corporation',
});
const peterAtAcme = record('c-peter', {
  firstName: 'Peter', lastName: 'Parker', email: 'info@acme.com', phone: '+1 415 555 0199', company: 'Acme, Inc.',
});
const maryAtAcme = record('c-mary', {
  firstName: 'Mary', lastName: 'Major', email: 'mary@acme.com', phone: '+1 415 555 0199', company: 'Acme, Inc.',
});
const crm = [janeAtAcme, williamAtGlobex, peterAtAcme, maryAtAcme];

interface Case {
  name: string;
  lead: DedupSubject;
  candidates?: CrmContact[];
  outcome: DedupDecision['outcome'];
  rule: DedupDecision['rule'];
  recordId?: string;
}

const cases: Case[] = [
  { name: 'an exact email, whatever its case and spaces, is a match',
    lead: { email: ' JANE.DOE@acme.com ', firstName: 'Jane', lastName: 'Doe' }, outcome: 'match', rule: 'email', recordId: 'c-jane' },
  { name: 'an exact email alone is a match',
    lead: { email: 'jane.doe@acme.com' }, outcome: 'match', rule: 'email', recordId: 'c-jane' },
  { name: 'a phone in another format with the same first name is a match',
    lead: { phone: '(415) 555-0100', firstName: 'Jane', lastName: 'Smith' }, outcome: 'match', rule: 'phone', recordId: 'c-jane' },
  { name: 'a phone on a record whose names both differ goes to review, not a merge',
    lead: { phone: '415.555.0100', firstName: 'Olivia', lastName: 'Stone' }, outcome: 'review', rule: 'phone', recordId: 'c-jane' },
  { name: 'a phone shared by different people in the CRM is not a match on its own',
    lead: { phone: '415 555 0199', firstName: 'Zoe', lastName: 'Quinn' }, outcome: 'no_match', rule: 'none' },
  { name: 'a shared phone and one agreeing name are not enough for a merge',
    lead: { phone: '415 555 0199', firstName: 'Mary', lastName: 'Smith' }, outcome: 'no_match', rule: 'none' },
  { name: 'a shared phone plus the right name is still a match',
    lead: { phone: '415 555 0199', firstName: 'Mary', lastName: 'Major', company: 'Acme' },
    outcome: 'match', rule: 'name_company', recordId: 'c-mary' },
  { name: 'a role address shared with a different person is not a match on its own',
    lead: { email: 'info@acme.com', firstName: 'Zoe', lastName: 'Quinn' }, outcome: 'no_match', rule: 'none' },
  { name: 'a nickname, the same surname and the company with another legal suffix is a match',
    lead: { firstName: 'Bill', lastName: 'Gates', company: 'GLOBEX CORP' }, outcome: 'match', rule: 'name_company', recordId: 'c-william' },
  { name: 'first and last name transposed, with the company, is a match',
    lead: { firstName: 'Gates', lastName: 'William', company: 'Globex' }, outcome: 'match', rule: 'name_company', recordId: 'c-william' },
  { name: 'an initial and the surname at the same company goes to review',
    lead: { firstName: 'W.', lastName: 'Gates', company: 'Globex' }, outcome: 'review', rule: 'name_company', recordId: 'c-william' },
  { name: 'the same full name with nothing else to go on goes to review',
    lead: { firstName: 'William', lastName: 'Gates' }, outcome: 'review', rule: 'name_company', recordId: 'c-william' },
  { name: 'the same mailbox behind Gmail dots and a +tag is evidence, not a key: alone it goes to review',
    lead: { email: 'jane.doe+events@gmail.com' },
    candidates: [record('c-gmail', { email: 'janedoe@gmail.com', firstName: null, lastName: null })],
    outcome: 'review', rule: 'name_company', recordId: 'c-gmail' },
  { name: 'the same mailbox with the same name is a match',
    lead: { email: 'jane.doe+events@gmail.com', firstName: 'Jane', lastName: 'Doe' },
    candidates: [record('c-gmail', { email: 'janedoe@gmail.com', firstName: 'Jane', lastName: 'Doe' })],
    outcome: 'match', rule: 'name_company', recordId: 'c-gmail' },
  { name: 'a stranger at the same company is no match',
    lead: { firstName: 'Zoe', lastName: 'Quinn', email: 'zoe@acme.com', company: 'Acme' }, outcome: 'no_match', rule: 'none' },
  { name: 'no candidates is no match',
    lead: { email: 'jane.doe@acme.com' }, candidates: [], outcome: 'no_match', rule: 'none' },
  { name: 'the same record returned by two searches is still one match',
    lead: { email: 'jane.doe@acme.com' }, candidates: [janeAtAcme, janeAtAcme], outcome: 'match', rule: 'email', recordId: 'c-jane' },
  { name: 'two records that match equally well go to review',
    lead: { firstName: 'Jane', lastName: 'Doe', company: 'Acme' },
    candidates: [janeAtAcme, record('c-jane-2', { firstName: 'Jane', lastName: 'Doe', company: 'Acme Inc' })],
    outcome: 'review', rule: 'name_company' },
];

/** The rare-name rule: name counts of a 10,000-person CRM where Kradolfer is rare and Smith common. */
const nameFrequencies: NameFrequencies = {
  people: 10_000,
  firstNames: new Map([['lily', 20], ['john', 300]]),
  lastNames: new Map([['kradolfer', 1], ['smith', 400]]),
};
const lilyKradolfer = record('c-lily', { firstName: 'Lily', lastName: 'Kradolfer', phone: '0412 841 376' });
const johnSmith = record('c-john', { firstName: 'John', lastName: 'Smith', phone: '0412 841 999' });

interface RareNameCase {
  name: string;
  lead: DedupSubject;
  counts: NameFrequencies | undefined;
  outcome: DedupDecision['outcome'];
  recordId?: string;
}

const rareNameCases: RareNameCase[] = [
  { name: 'a rare full name shared exactly merges despite a different phone',
    lead: { firstName: 'lily', lastName: 'KRADOLFER', phone: '0419 815 770' }, counts: nameFrequencies,
    outcome: 'match', recordId: 'c-lily' },
  { name: 'a rare full name written the other way round merges despite a different phone',
    lead: { firstName: 'Kradolfer', lastName: 'Lily', phone: '0419 815 770' }, counts: nameFrequencies,
    outcome: 'match', recordId: 'c-lily' },
  { name: 'a rare full name with a typo in the first name merges despite a different phone',
    lead: { firstName: 'Lilly', lastName: 'Kradolfer', phone: '0419 815 770' }, counts: nameFrequencies,
    outcome: 'match', recordId: 'c-lily' },
  { name: 'a rare surname with a different first name is still no match',
    lead: { firstName: 'Rosa', lastName: 'Kradolfer', phone: '0419 815 770' }, counts: nameFrequencies, outcome: 'no_match' },
  { name: 'a common full name with a different phone only goes to review',
    lead: { firstName: 'John', lastName: 'Smith', phone: '0419 815 770' }, counts: nameFrequencies,
    outcome: 'review', recordId: 'c-john' },
  { name: 'without name counts a rare full name with a different phone only goes to review',
    lead: { firstName: 'Lily', lastName: 'Kradolfer', phone: '0419 815 770' }, counts: undefined,
    outcome: 'review', recordId: 'c-lily' },
  { name: 'a rare name on the record does not lift the guard on a phone whose names both differ',
    lead: { firstName: 'Rosa', lastName: 'Weber', phone: '0412 841 376' }, counts: nameFrequencies,
    outcome: 'review', recordId: 'c-lily' },
];

describe('decideDuplicateForSubject with the CRM name counts', () => {
  for (const example of rareNameCases) {
    it(example.name, () => {
      const options = { defaultRegion: 'AU', ...(example.counts === undefined ? {} : { nameFrequencies: example.counts }) };
      const decision = decideDuplicateForSubject(example.lead, [lilyKradolfer, johnSmith], options);
      assert.equal(decision.outcome, example.outcome, decision.evidence.join('; '));
      assert.equal(decision.record?.id, example.recordId);
    });
  }

  it('names the rare full name in the evidence', () => {
    const lead = { firstName: 'Lily', lastName: 'Kradolfer', phone: '0419 815 770' };
    const decision = decideDuplicateForSubject(lead, [lilyKradolfer], { defaultRegion: 'AU', nameFrequencies });
    assert.ok(decision.evidence.includes('full name rare in the CRM (+5)'), decision.evidence.join('; '));
  });
});

describe('decideDuplicateForSubject', () => {
  for (const example of cases) {
    it(example.name, () => {
      const decision = decideDuplicateForSubject(example.lead, example.candidates ?? crm, { defaultRegion: 'US' });
      assert.deepEqual(
        { outcome: decision.outcome, rule: decision.rule },
        { outcome: example.outcome, rule: example.rule },
        decision.evidence.join('; '),
      );
      if (example.recordId !== undefined) assert.equal(decision.record?.id, example.recordId);
    });
  }

  it('explains a match in words a reviewer can read', () => {
    const decision = decideDuplicateForSubject({ firstName: 'Bill', lastName: 'Gates', company: 'Globex' }, crm, {
      defaultRegion: 'US',
    });
    assert.deepEqual(decision.evidence, ['first name nickname (Bill / William)', 'last name exact (Gates / Gates)', 'company equal']);
  });

  it('scores a match above a review and a review above no match', () => {
    const score = (lead: DedupSubject): number => decideDuplicateForSubject(lead, crm, { defaultRegion: 'US' }).score;
    const match = score({ email: 'jane.doe@acme.com' });
    const review = score({ firstName: 'William', lastName: 'Gates' });
    const none = score({ firstName: 'Zoe', lastName: 'Quinn', company: 'Acme' });
    assert.ok(match > review && review > none, `${match} > ${review} > ${none}`);
  });

  it('merges only above the match threshold it is given', () => {
    const lead = { firstName: 'William', lastName: 'Gates' };
    assert.equal(decideDuplicateForSubject(lead, crm, { defaultRegion: 'US', matchThreshold: 9 }).outcome, 'match');
  });
});

describe('decideDuplicate', () => {
  const lead = (fields: Partial<Lead>): Lead => ({ id: 'lead-1', name: 'Unknown', ...fields });

  it('splits the lead name when first and last names are missing', () => {
    const decision = decideDuplicate(lead({ name: 'Bill Gates', company: { name: 'Globex LLC' } }), crm, { defaultRegion: 'US' });
    assert.equal(decision.outcome, 'match');
    assert.equal(decision.record?.id, 'c-william');
  });

  it('prefers the first and last name fields over the display name', () => {
    const decision = decideDuplicate(
      lead({ name: 'Jane from Acme', first_name: 'Jane', last_name: 'Doe', phone: '415-555-0100' }),
      crm,
      { defaultRegion: 'US' },
    );
    assert.deepEqual([decision.outcome, decision.rule], ['match', 'phone']);
  });
});
