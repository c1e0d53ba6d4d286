import assert from 'node:assert/strict';
import { candidateQueryFromLead, leadBlockingKeys, recordBlockingKeys } from '../../../shared/src/dedupe/blocking';

describe('recordBlockingKeys', () => {
  it('indexes a record by email, company domain, phone, phone ending, names and company', () => {
    const keys = recordBlockingKeys(
      { email: 'Jane@Acme.com', phone: '(415) 555-0100', firstName: 'Jane', lastName: "O'Neil", company: 'Acme Inc' },
      'US',
    );
    assert.deepEqual(keys, [
      'email:jane@acme.com',
      'email_domain:acme.com',
      'phone:+14155550100',
      'phone_last4:0100',
      'company:acme',
      'last_name:oneil',
      'first_name_last_initial:jane|o',
    ]);
  });

  it('leaves out free-mail domains, which would find everyone', () => {
    const keys = recordBlockingKeys({ email: 'jane@gmail.com' }, 'US');
    assert.deepEqual(keys, ['email:jane@gmail.com']);
  });
});

describe('leadBlockingKeys', () => {
  it('also searches with first and last name swapped', () => {
    const keys = leadBlockingKeys({ firstName: 'Rybak', lastName: 'Jassim' }, 'AU');
    assert.deepEqual(keys, [
      'last_name:jassim',
      'first_name_last_initial:rybak|j',
      'last_name:rybak',
      'first_name_last_initial:jassim|r',
    ]);
  });

  it('finds the record a swapped lead describes', () => {
    const recordKeys = new Set(recordBlockingKeys({ firstName: 'Jassim', lastName: 'Rybak' }, 'AU'));
    assert.ok(leadBlockingKeys({ firstName: 'Rybak', lastName: 'Jassim' }, 'AU').some((key) => recordKeys.has(key)));
  });
});

describe('candidateQueryFromLead', () => {
  it('normalises email and phone and splits a display name', () => {
    const query = candidateQueryFromLead(
      { id: 'lead-7', name: 'Jane Doe', email: ' Jane@Acme.com', phone: '415 555 0100', company: { name: 'Acme' } },
      'US',
    );
    assert.deepEqual(query, {
      ref: 'lead-7', email: 'jane@acme.com', phone: '+14155550100', firstName: 'Jane', lastName: 'Doe', company: 'Acme',
    });
  });
});
