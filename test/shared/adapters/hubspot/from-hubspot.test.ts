import assert from 'node:assert/strict';
import { toCrmContact, toCrmOwner, toCrmProperty, toPipeline } from '../../../../shared/src/adapters/hubspot/from-hubspot';

describe('from-hubspot', () => {
  it('maps a contact, lower-casing the email and falling back to the mobile phone', () => {
    const contact = toCrmContact({
      id: '7',
      properties: { email: 'Ann@X.com', firstname: 'Ann', lastname: 'Lee', phone: '', mobilephone: '+1415', company: 'X', hubspot_owner_id: '9', lastmodifieddate: '2026-11-26T09:00:00Z' },
    });
    assert.deepEqual({ ...contact, properties: undefined }, {
      id: '7',
      email: 'ann@x.com',
      firstName: 'Ann',
      lastName: 'Lee',
      phone: '+1415',
      company: 'X',
      ownerId: '9',
      updatedAt: '2026-11-26T09:00:00Z',
      properties: undefined,
    });
  });

  it('marks HubSpot-defined properties as not custom and maps rare types to string', () => {
    assert.deepEqual(toCrmProperty({ name: 'email', label: 'Email', type: 'string', hubspotDefined: true }), {
      name: 'email',
      label: 'Email',
      type: 'string',
      custom: false,
    });
    assert.equal(toCrmProperty({ name: 'geo', label: 'Geo', type: 'object_coordinates' }).type, 'string');
  });

  it('keeps an enumeration\'s options as value and label, and no options on other types', () => {
    const options = [{ value: 'COMPUTER_SOFTWARE', label: 'Computer Software', displayOrder: 0, hidden: false }];
    assert.deepEqual(toCrmProperty({ name: 'industry', label: 'Industry', type: 'enumeration', options }).options, [{ value: 'COMPUTER_SOFTWARE', label: 'Computer Software' }]);
    assert.equal('options' in toCrmProperty({ name: 'x', label: 'X', type: 'bool', options }), false);
  });

  it('orders stages and tells won from lost closed stages', () => {
    const pipeline = toPipeline({
      id: 'default',
      label: 'Sales Pipeline',
      stages: [
        { id: 'closedlost', label: 'Closed lost', displayOrder: 3, metadata: { isClosed: 'true', probability: '0.0' } },
        { id: 'qualified', label: 'Qualified Lead', displayOrder: 1, metadata: { isClosed: 'false', probability: '0.2' } },
        { id: 'closedwon', label: 'Closed won', displayOrder: 2, metadata: { isClosed: 'true', probability: '1.0' } },
        { id: 'old', label: 'Old', displayOrder: 0, archived: true },
      ],
    });
    assert.deepEqual(pipeline.stages, [
      { id: 'qualified', label: 'Qualified Lead', closed: false },
      { id: 'closedwon', label: 'Closed won', closed: true, closedWon: true },
      { id: 'closedlost', label: 'Closed lost', closed: true, closedWon: false },
    ]);
  });

  it('leaves queues out of the owners', () => {
    assert.equal(toCrmOwner({ id: '1', type: 'QUEUE', firstName: 'Inbound' }), null);
    assert.deepEqual(toCrmOwner({ id: '2', type: 'PERSON', firstName: 'Ann', lastName: 'Lee', email: 'ann@x.com' }), {
      id: '2',
      name: 'Ann Lee',
      email: 'ann@x.com',
      active: true,
    });
  });
});
