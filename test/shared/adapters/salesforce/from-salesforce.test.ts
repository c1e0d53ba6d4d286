import assert from 'node:assert/strict';
import { toCrmContact, toCrmOwner, toCrmProperty, toPipeline } from '../../../../shared/src/adapters/salesforce/from-salesforce';
import { describeFieldSchema } from '../../../../shared/src/adapters/salesforce/salesforce-schemas';

describe('from-salesforce', () => {
  it('reads a Lead as a contact with a lower-cased email, its Company and an ISO update time', () => {
    const contact = toCrmContact(
      { Id: '00QA', attributes: { type: 'Lead' }, Email: 'Ann@Acme.com', FirstName: 'Ann', LastName: 'Lee', Phone: '', MobilePhone: '+1 555 123 4567', Company: 'Acme', OwnerId: '005A', SystemModstamp: '2026-11-26T09:00:00.000+0000' },
      'Lead',
    );
    assert.deepEqual(
      { ...contact, properties: undefined },
      { id: '00QA', email: 'ann@acme.com', firstName: 'Ann', lastName: 'Lee', phone: '+1 555 123 4567', company: 'Acme', ownerId: '005A', updatedAt: '2026-11-26T09:00:00.000Z', properties: undefined },
    );
    assert.equal(contact.properties.Company, 'Acme');
    assert.equal('attributes' in contact.properties, false);
  });

  it('reads a Contact\'s company from its Account relationship', () => {
    const contact = toCrmContact({ Id: '003A', Email: null, LastName: 'Lee', Account: { attributes: { type: 'Account' }, Name: 'Acme' } }, 'Contact');
    assert.equal(contact.company, 'Acme');
    assert.equal(contact.properties['Account.Name'], 'Acme');
  });

  const types: Array<[string, string]> = [
    ['boolean', 'bool'], ['date', 'date'], ['datetime', 'datetime'], ['double', 'number'], ['currency', 'number'],
    ['int', 'number'], ['picklist', 'enumeration'], ['phone', 'phone_number'], ['email', 'string'], ['reference', 'string'],
  ];
  for (const [salesforceType, type] of types) {
    it(`maps a ${salesforceType} field to a ${type} property`, () => {
      assert.equal(toCrmProperty(describeFieldSchema.parse({ name: 'F', label: 'F', type: salesforceType })).type, type);
    });
  }

  it('marks formula and system fields read-only', () => {
    const formula = describeFieldSchema.parse({ name: 'Score__c', label: 'Score', type: 'double', custom: true, calculated: true });
    assert.deepEqual(toCrmProperty(formula), { name: 'Score__c', label: 'Score', type: 'number', custom: true, readOnly: true });
  });

  it('makes one pipeline of the opportunity stages, closed ones flagged won or lost', () => {
    const pipeline = toPipeline([
      { ApiName: 'Prospecting', MasterLabel: 'Prospecting', IsClosed: false, IsWon: false },
      { ApiName: 'Closed Won', MasterLabel: 'Closed Won', IsClosed: true, IsWon: true },
      { ApiName: 'Closed Lost', MasterLabel: 'Closed Lost', IsClosed: true, IsWon: false },
    ]);
    assert.deepEqual(pipeline, {
      id: 'default',
      label: 'Sales Pipeline',
      stages: [
        { id: 'Prospecting', label: 'Prospecting' },
        { id: 'Closed Won', label: 'Closed Won', closed: true, closedWon: true },
        { id: 'Closed Lost', label: 'Closed Lost', closed: true, closedWon: false },
      ],
    });
  });

  it('reads a user as an owner', () => {
    assert.deepEqual(toCrmOwner({ Id: '005A', Name: 'Sarah Sales', Email: 'sarah@acme.com', IsActive: true }), { id: '005A', name: 'Sarah Sales', email: 'sarah@acme.com', active: true });
  });
});
